/**
 * Loading user TypeScript that jiti has not cached yet: esbuild transforms it, not jiti's Babel,
 * with the module semantics Babel gave (ES module and CommonJS projects, tsconfig `paths`,
 * enums, value namespaces, `import.meta`); a file with top-level `await`, which esbuild cannot
 * write as CommonJS, still goes to Babel and works the same.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { withoutLintReport } from '../helpers/cli.js';
import { TRANSFORM_VERSION } from '../../src/util/transform-user-module.js';

const BIN = fileURLToPath(new URL('../../bin/schemigrate.js', import.meta.url));

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sg-user-ts-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A project whose schema reaches every construct above; `topLevelAwait` has it read its table suffix with an awaited import(). */
function writeProject(type: 'module' | 'commonjs', { topLevelAwait = false } = {}): void {
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('package.json', JSON.stringify({ name: 'app', private: true, type }));
  write('tsconfig.json', JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@names/*': ['./src/names/*'] } } }));
  write(
    'schemigrate.config.ts',
    "import { defineConfig } from 'schemigrate';\n\nexport default defineConfig({ url: 'sqlite:./app.sqlite3', schema: './src/schema/index.ts', migrations: './migrations' });\n",
  );
  write('src/names/tables.ts', "export enum TableName {\n  Users = 'users',\n  Posts = 'posts',\n}\n\nexport const folder: string = import.meta.dirname;\n");
  write('src/schema/suffix.ts', topLevelAwait ? "export const suffix = '_v' + String(await Promise.resolve(2));\n" : "export const suffix: string = '_v' + String(2);\n");
  write(
    'src/schema/index.ts',
    [
      "import { table, integer, text, type TableDefinition } from 'schemigrate';",
      "import { TableName, folder } from '@names/tables';",
      "export { legacy } from './legacy.js';",
      topLevelAwait ? "const { suffix } = await import('./suffix.js');" : "import { suffix } from './suffix.js';",
      '',
      'export const users: TableDefinition = table(TableName.Users + suffix, {',
      '  id: integer().primaryKey(),',
      '  name: text().notNull(),',
      '});',
      '',
      "// import.meta.url and dirname are this file's, as under Node: the folder of names/ is a sibling.",
      "export const posts = table(new URL('.', import.meta.url).pathname.endsWith('/schema/') && folder.endsWith('names') ? TableName.Posts : 'wrong', {",
      '  id: integer().primaryKey(),',
      '});',
      '',
    ].join('\n'),
  );
  write(
    'src/schema/legacy.ts',
    "import { table, integer } from 'schemigrate';\n\nnamespace Legacy {\n  export const tableName = 'legacy_items';\n}\n\nexport const legacy = table(Legacy.tableName, { id: integer().primaryKey() });\n",
  );
}

/** Run the CLI with an empty jiti cache of its own; returns what ran and which files it required. */
function run(...args: string[]): { status: number | null; stderr: string; required: string[] } {
  const record = join(dir, 'required.json');
  const hook = join(dir, 'record-required.cjs');
  writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const result = spawnSync(process.execPath, ['--require', hook, BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    // jiti keeps its transform cache in the temporary folder: this one starts empty.
    env: { ...process.env, NO_COLOR: '1', TMPDIR: join(dir, 'tmp') },
  });
  return { status: result.status, stderr: result.stderr, required: JSON.parse(readFileSync(record, 'utf8')) as string[] };
}

/** jiti's cached output for the user module whose file is `name` (e.g. `schema-index`). */
function cachedOutput(name: string): string {
  const cache = join(dir, 'tmp', 'jiti', `schemigrate-${TRANSFORM_VERSION}`);
  const file = readdirSync(cache).find((entry) => entry.startsWith(`${name}.`));
  if (!file) throw new Error(`jiti cached no ${name} in ${readdirSync(cache).join(', ')}`);
  return readFileSync(join(cache, file), 'utf8');
}

function tablesIn(database: string): string[] {
  const db = new Database(database, { readonly: true });
  try {
    return (db.prepare("select name from sqlite_master where type = 'table' and name not like 'schemigrate%' order by name").all() as { name: string }[]).map((row) => row.name);
  } finally {
    db.close();
  }
}

const BABEL = /[\\/]jiti[\\/]dist[\\/]babel\.cjs$/;
const ESBUILD = /[\\/]esbuild[\\/]lib[\\/]main\.js$/;

describe.each(['module', 'commonjs'] as const)('a "type": "%s" project', (type) => {
  test('loads config, schema and a new revision through esbuild, never Babel, with the same semantics', () => {
    writeProject(type);
    const revision = run('revision', '-m', 'init', '--autogenerate', '--rev-id', 'aaaa00000001');
    expect(withoutLintReport(revision.stderr)).toBe('');
    expect(revision.status).toBe(0);
    expect(revision.required.some((file) => ESBUILD.test(file))).toBe(true);
    expect(revision.required.filter((file) => BABEL.test(file))).toEqual([]);
    // esbuild's way of calling an import, and jiti's asynchronous import of `schemigrate`.
    expect(cachedOutput('schema-index')).toContain('(0, import_schemigrate.table)(');
    expect(cachedOutput('schema-index')).toContain('await jitiImport("schemigrate")');
    // The namespace esbuild compiled (Babel calls an import `(0, _schemigrate.table)`).
    expect(cachedOutput('schema-legacy')).toContain('Legacy2.tableName = "legacy_items"');

    const upgrade = run('upgrade', 'head');
    expect(upgrade.status).toBe(0);
    expect(upgrade.required.filter((file) => BABEL.test(file))).toEqual([]);
    // esbuild's way of exporting a const (Babel writes `const revision = exports.revision = …`).
    expect(cachedOutput('versions-aaaa00000001_init')).toContain('revision: () => revision');
    expect(tablesIn(join(dir, 'app.sqlite3'))).toEqual(['legacy_items', 'posts', 'users_v2']);

    // A warm run transforms nothing: neither transformer loads.
    const check = run('check');
    expect(check.status).toBe(0);
    expect(check.required.filter((file) => ESBUILD.test(file) || BABEL.test(file))).toEqual([]);
  });

  test('a revision imports through tsconfig paths and relative paths, with import.meta its own', () => {
    writeProject(type);
    expect(run('revision', '-m', 'init', '--autogenerate', '--rev-id', 'aaaa00000001').status).toBe(0);
    mkdirSync(join(dir, 'migrations', 'helpers'));
    writeFileSync(join(dir, 'migrations', 'helpers', 'names.ts'), "export const prefix: string = 'by_';\n");
    writeFileSync(
      join(dir, 'migrations', 'versions', 'aaaa00000002_helpers.ts'),
      [
        '/**',
        ' * helpers',
        ' *',
        ' * Revision ID: aaaa00000002',
        ' * Revises: aaaa00000001',
        ' * Create Date: 2026-12-05T00:00:00.000Z',
        ' */',
        "import type { Kysely } from 'schemigrate';",
        "import { TableName } from '@names/tables';",
        "import { prefix } from '../helpers/names.js';",
        '',
        "export const revision = 'aaaa00000002';",
        "export const downRevision: string | string[] | null = 'aaaa00000001';",
        'export const branchLabels: string[] | null = null;',
        'export const dependsOn: string[] | null = null;',
        '',
        'export async function upgrade(db: Kysely<any>): Promise<void> {',
        "  const here = new URL('.', import.meta.url).pathname.endsWith('/versions/') ? 'here' : 'elsewhere';",
        "  await db.schema.createTable(`${prefix}${TableName.Posts}_${here}`).addColumn('id', 'integer').execute();",
        '}',
        '',
        'export async function downgrade(db: Kysely<any>): Promise<void> {',
        "  await db.schema.dropTable(`${prefix}${TableName.Posts}_here`).execute();",
        '}',
        '',
      ].join('\n'),
    );
    const upgrade = run('upgrade', 'head');
    expect(upgrade.stderr).toBe('');
    expect(upgrade.status).toBe(0);
    expect(tablesIn(join(dir, 'app.sqlite3'))).toEqual(['by_posts_here', 'legacy_items', 'posts', 'users_v2']);
  });

  test('hands modules with top-level await to Babel, which runs them the same', () => {
    writeProject(type, { topLevelAwait: true });
    const revision = run('revision', '-m', 'init', '--autogenerate', '--rev-id', 'aaaa00000001');
    expect(withoutLintReport(revision.stderr)).toBe('');
    expect(revision.status).toBe(0);
    expect(revision.required.some((file) => BABEL.test(file))).toBe(true);
    // Babel's way of calling an import: only the modules with top-level await went to it.
    expect(cachedOutput('schema-index')).toContain('(0, _schemigrate.table)(');
    expect(cachedOutput('schema-suffix')).toContain('await Promise.resolve(2)');
    expect(cachedOutput('schema-legacy')).toContain('(0, import_schemigrate.table)(');
    expect(run('upgrade', 'head').status).toBe(0);
    expect(tablesIn(join(dir, 'app.sqlite3'))).toEqual(['legacy_items', 'posts', 'users_v2']);
  });
});
