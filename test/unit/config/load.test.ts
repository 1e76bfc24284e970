import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mainContextGlobal } from '../../../src/config/main-context.js';
import { findConfigFile, loadConfig } from '../../../src/config/load.js';
import { SchemigrateError } from '../../../src/util/errors.js';

const TS_CONFIG = `import { defineConfig } from 'schemigrate';

export default defineConfig({
  url: process.env.SG_LOAD_TEST_URL ?? 'sqlite:./dev.sqlite3',
  schema: './src/db/schema/index.ts',
  migrations: './migrations',
});
`;

/** The environment config modules see (jest's sandbox has its own copy of process.env). */
const env = mainContextGlobal().process.env;

let root: string;

function write(relativePath: string, text: string): string {
  const path = join(root, relativePath);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'sg-config-')));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  delete env.SG_LOAD_TEST_URL;
});

describe('findConfigFile', () => {
  it('finds the config in a parent folder', () => {
    const config = write('schemigrate.config.ts', TS_CONFIG);
    mkdirSync(join(root, 'src/db/schema'), { recursive: true });
    expect(findConfigFile(join(root, 'src/db/schema'))).toBe(config);
  });

  it('prefers the nearest folder, and .ts over .json in one folder', () => {
    write('schemigrate.config.json', '{}');
    const nested = write('app/schemigrate.config.json', '{}');
    expect(findConfigFile(join(root, 'app'))).toBe(nested);
    const ts = write('app/schemigrate.config.ts', TS_CONFIG);
    expect(findConfigFile(join(root, 'app'))).toBe(ts);
  });
});

describe('loadConfig', () => {
  it('loads a TypeScript config importing schemigrate, with defaults and absolute paths', async () => {
    const configPath = write('schemigrate.config.ts', TS_CONFIG);
    mkdirSync(join(root, 'src'), { recursive: true });
    const config = await loadConfig({ cwd: join(root, 'src') });
    expect(config).toEqual({
      configPath,
      rootDir: root,
      url: 'sqlite:./dev.sqlite3',
      schemaPath: join(root, 'src/db/schema/index.ts'),
      migrationsDir: join(root, 'migrations'),
      versionsDir: join(root, 'migrations/versions'),
      templatePath: join(root, 'migrations/script.ts.tmpl'),
      versionTable: 'schemigrate_version',
      fileTemplate: '{rev}_{slug}',
      namingConvention: {
        pk: 'pk_{table}',
        ix: 'ix_{table}_{columns}',
        uq: 'uq_{table}_{columns}',
        fk: 'fk_{table}_{columns}_{referredTable}',
        ck: 'ck_{table}_{name}',
      },
      exclude: [],
      postWrite: [],
      lockMode: 'advisory',
      verify: false,
      targets: undefined,
    });
  });

  it('loads a config that uses more of the public API than defineConfig', async () => {
    write(
      'schemigrate.config.ts',
      `import { defineConfig, sql } from 'schemigrate';\nexport default defineConfig({ url: 'sqlite:./dev.sqlite3', schema: sql.raw('./s.ts').compile !== undefined ? './s.ts' : 'x', migrations: './m' });\n`,
    );
    const config = await loadConfig({ cwd: root });
    expect(config.schemaPath).toBe(join(root, 's.ts'));
  });

  it('takes -c relative to the working directory and applies overrides', async () => {
    write(
      'config/custom.json',
      JSON.stringify({
        schema: '../schema.ts',
        migrations: 'db',
        versionTable: 'alembic_version',
        fileTemplate: '{year}{month}{day}_{rev}_{slug}',
        namingConvention: { fk: 'fk_{table}_{referredTable}' },
        tables: { exclude: ['audit_*'] },
      }),
    );
    const config = await loadConfig({ cwd: root, configPath: 'config/custom.json' });
    expect(config).toMatchObject({
      rootDir: join(root, 'config'),
      url: undefined,
      schemaPath: join(root, 'schema.ts'),
      versionsDir: join(root, 'config/db/versions'),
      versionTable: 'alembic_version',
      fileTemplate: '{year}{month}{day}_{rev}_{slug}',
      exclude: ['audit_*'],
    });
    expect(config.namingConvention.fk).toBe('fk_{table}_{referredTable}');
    expect(config.namingConvention.pk).toBe('pk_{table}');
  });

  it('loads an .mjs config whose default export is a plain object', async () => {
    write('schemigrate.config.mjs', "export default { schema: 's.ts', migrations: 'm', url: 'postgres://u@h/db' };\n");
    expect((await loadConfig({ cwd: root })).url).toBe('postgres://u@h/db');
  });

  it('lets --url beat the config url', async () => {
    write('schemigrate.config.ts', TS_CONFIG);
    expect((await loadConfig({ cwd: root, url: 'sqlite::memory:' })).url).toBe('sqlite::memory:');
  });

  it('loads .env beside the config before the config runs', async () => {
    write('schemigrate.config.ts', TS_CONFIG);
    write('.env', 'SG_LOAD_TEST_URL=postgres://from@dotenv/db\n');
    expect((await loadConfig({ cwd: root })).url).toBe('postgres://from@dotenv/db');
  });

  it('keeps an environment variable over the .env value', async () => {
    write('schemigrate.config.ts', TS_CONFIG);
    write('.env', 'SG_LOAD_TEST_URL=postgres://from@dotenv/db\n');
    env.SG_LOAD_TEST_URL = 'postgres://from@environment/db';
    expect((await loadConfig({ cwd: root })).url).toBe('postgres://from@environment/db');
  });

  it('says where it looked and suggests init when no config exists', async () => {
    const cwd = join(root, 'deep/er');
    mkdirSync(cwd, { recursive: true });
    const attempt = loadConfig({ cwd });
    await expect(attempt).rejects.toThrow(SchemigrateError);
    await expect(attempt).rejects.toThrow(/schemigrate\.config\.ts/);
    await expect(attempt).rejects.toThrow(new RegExp(`${cwd}, ${join(root, 'deep')}, ${root}`));
    await expect(attempt).rejects.toThrow(/schemigrate init/);
  });

  it('reports a missing -c file', async () => {
    await expect(loadConfig({ cwd: root, configPath: 'nope.ts' })).rejects.toThrow(`The config file ${join(root, 'nope.ts')} does not exist.`);
  });

  it('reports each invalid field', async () => {
    write('schemigrate.config.json', JSON.stringify({ migrations: 3, namingConvention: { pk: '', zz: 'x' }, tables: { exclude: 'a' }, lockMode: 'row', verify: 1, targets: [] }));
    const attempt = loadConfig({ cwd: root });
    await expect(attempt).rejects.toThrow(SchemigrateError);
    await expect(attempt).rejects.toThrow(/'schema' is required/);
    await expect(attempt).rejects.toThrow(/'migrations' must be a non-empty string, not a number/);
    await expect(attempt).rejects.toThrow(/'namingConvention.pk' must be a non-empty string/);
    await expect(attempt).rejects.toThrow(/'namingConvention.zz' is unknown/);
    await expect(attempt).rejects.toThrow(/'tables.exclude' must be an array/);
    await expect(attempt).rejects.toThrow(/'lockMode' must be 'advisory' or 'table', not 'row'/);
    await expect(attempt).rejects.toThrow(/'verify' must be true or false, not a number/);
    await expect(attempt).rejects.toThrow(/'targets' must be a function returning the targets, .*not an array/);
  });

  it('rejects a config that exports no object', async () => {
    write('schemigrate.config.mjs', 'export default 42;\n');
    await expect(loadConfig({ cwd: root })).rejects.toThrow(/must export an object/);
  });

  it('names the file and the message when the config fails to import', async () => {
    const configPath = write('schemigrate.config.ts', "throw new Error('config exploded at postgres://u:letmein@h/db');\n");
    const attempt = loadConfig({ cwd: root });
    await expect(attempt).rejects.toThrow(SchemigrateError);
    await expect(attempt).rejects.toThrow(`Could not load the config ${configPath}: config exploded at postgres://u:***@h/db`);
  });

  it('names the file when a JSON config is malformed', async () => {
    const configPath = write('schemigrate.config.json', '{ "schema": ');
    await expect(loadConfig({ cwd: root })).rejects.toThrow(`Could not load the config ${configPath}:`);
  });
});
