/**
 * The published package as a user installs it: `npm pack`, unpacked into fresh ES module and
 * CommonJS (`"module": "node16"`) projects beside the package's dependencies, where a script
 * that never touches the CLI calls `createMigrator` (autogenerate, upgrade, check, downgrade,
 * history, an error by its code, the application's own Kysely) and is type-checked with tsc;
 * and the files `init` and `revision` write there pass the user's prettier and strictest tsc.
 * Needs `npm run build` first.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MODULES = join(ROOT, 'node_modules');
const TSC = join(MODULES, 'typescript/bin/tsc');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
/** What schemigrate needs at run time, and what the consumers' code imports besides it. */
const DEPENDENCIES = [...Object.keys(PACKAGE.dependencies), '@types/node', '@types/better-sqlite3'];

/** The workflow, in TypeScript both module systems compile: `api` is `schemigrate/api`. */
const SCRIPT = `
const schema = (columns: string) =>
  "import { table, integer, text } from 'schemigrate';\\n" + \`export const users = table('users', { id: integer().primaryKey()\${columns} });\\n\`;

async function workflow(dir: string): Promise<string> {
  fs.mkdirSync(path.join(dir, 'schema'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'schema/index.ts'), schema(', name: text()'));
  const options = { url: 'sqlite:./app.sqlite3', schema: './schema/index.ts', migrations: './migrations', cwd: dir };
  const migrator: api.Migrator = await api.createMigrator(options);
  const lines: string[] = [];
  try {
    const created: api.RevisionResult = await migrator.revision({ message: 'create users', autogenerate: true });
    const steps: api.MigrationStep[] = await migrator.upgrade('head');
    const clean: api.CheckResult = await migrator.check();
    lines.push(\`revision \${created.operations.length} upgrade \${steps.length} clean \${clean.clean}\`);
    try {
      await migrator.upgrade('haed');
    } catch (error) {
      const known = error instanceof api.SchemigrateError;
      lines.push(\`error \${known ? error.code : 'unknown'}\`);
    }
    const down = await migrator.downgrade('base');
    const history: api.RevisionInfo[] = await migrator.history();
    lines.push(\`downgrade \${down.length} history \${history.length}\`);
  } finally {
    await migrator.close();
  }
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(path.join(dir, 'app.sqlite3')) }) });
  const own = await api.createMigrator({ db, schema: './schema/index.ts', migrations: './migrations', cwd: dir });
  await own.upgrade('head');
  const current: api.CurrentState = await own.current();
  await own.close();
  const rows = await db.selectFrom('users').selectAll().execute();
  await db.destroy();
  lines.push(\`own kysely atHeads \${current.atHeads} rows \${rows.length}\`);
  return lines.join('; ');
}

workflow(process.argv[2]!).then((summary) => console.log(summary), (error) => { console.error(error); process.exitCode = 1; });
`;

const EXPECTED = 'revision 1 upgrade 1 clean true; error UNKNOWN_REVISION; downgrade 1 history 1; own kysely atHeads true rows 0';

let work: string;
let tarball: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sg-packed-'));
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: ROOT, stdio: 'pipe' });
  tarball = join(work, readdirSync(work).find((name) => name.endsWith('.tgz'))!);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh project: the package unpacked from the tarball, its dependencies linked beside it. */
function project(name: string, packageJson: object, tsconfig: object): string {
  const dir = join(work, name);
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, 'schemigrate'), { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', join(modules, 'schemigrate'), '--strip-components=1']);
  for (const dependency of DEPENDENCIES) {
    // A scoped package (`@types/node`) lives in its scope's folder.
    mkdirSync(dirname(join(modules, dependency)), { recursive: true });
    symlinkSync(join(MODULES, dependency), join(modules, dependency), 'dir');
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, ...packageJson }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: false, outDir: 'out', types: ['node'], ...tsconfig }, include: ['app.ts'] }));
  return dir;
}

/** Type-check and compile with the user's tsc, run, and return what the script printed. */
function compileAndRun(dir: string): string {
  execFileSync(process.execPath, [TSC, '-p', dir], { cwd: dir, stdio: 'pipe' });
  return execFileSync(process.execPath, [join(dir, 'out/app.js'), join(dir, 'data')], { cwd: dir, encoding: 'utf8' }).trim();
}

test('an ES module project imports schemigrate/api, type-checks and runs the workflow', () => {
  const dir = project('esm-app', { type: 'module' }, { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022' });
  writeFileSync(
    join(dir, 'app.ts'),
    `import * as api from 'schemigrate/api';\nimport { Kysely, SqliteDialect } from 'kysely';\nimport Database from 'better-sqlite3';\nimport fs from 'node:fs';\nimport path from 'node:path';\n${SCRIPT}`,
  );
  expect(compileAndRun(dir)).toBe(EXPECTED);
});

test('a CommonJS project ("module": "node16") requires schemigrate/api, type-checks and runs the workflow', () => {
  const dir = project('cjs-app', {}, { module: 'node16', moduleResolution: 'node16', target: 'es2022', esModuleInterop: true });
  writeFileSync(
    join(dir, 'app.ts'),
    `import api = require('schemigrate/api');\nimport { Kysely, SqliteDialect } from 'kysely';\nimport Database = require('better-sqlite3');\nimport fs = require('node:fs');\nimport path = require('node:path');\n${SCRIPT}`,
  );
  expect(compileAndRun(dir)).toBe(EXPECTED);
});

/** The flags a strict team adds to `strict`; generated files must compile under all of them. */
const STRICTER = {
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noImplicitOverride: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noPropertyAccessFromIndexSignature: true,
  verbatimModuleSyntax: true,
};

test("init's files and the revisions schemigrate writes pass the user's prettier and tsc --strict (TypeScript 5.9 and 7)", async () => {
  const dir = project('generated-files', { type: 'module' }, {});
  const cli = (...args: string[]) => execFileSync(process.execPath, [join(dir, 'node_modules/schemigrate/bin/schemigrate.js'), ...args], { cwd: dir, encoding: 'utf8' });
  cli('init', '--dialect', 'postgres');
  cli('--url', 'sqlite:./app.sqlite3', 'revision', '-m', 'create users', '--autogenerate');
  cli('--url', 'sqlite:./app.sqlite3', 'revision', '-m', 'by hand');
  const versions = readdirSync(join(dir, 'migrations/versions')).map((file) => `migrations/versions/${file}`);
  const files = ['schemigrate.config.ts', 'src/db/schema/index.ts', 'src/db/schema/users.ts', ...versions];
  expect(versions).toHaveLength(2);

  const prettier = await import('prettier');
  for (const file of files) {
    const formatted = await prettier.check(readFileSync(join(dir, file), 'utf8'), { parser: 'typescript' });
    expect({ file, formatted }).toEqual({ file, formatted: true });
  }
  const compilerOptions = { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: ['node'], ...STRICTER };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: files }));
  for (const tsc of [TSC, join(MODULES, 'typescript-7/bin/tsc')]) {
    const run = spawnSync(process.execPath, [tsc, '-p', dir], { cwd: dir, encoding: 'utf8' });
    expect({ tsc, diagnostics: `${run.stdout}${run.stderr}`.trim() }).toEqual({ tsc, diagnostics: '' });
  }
});
