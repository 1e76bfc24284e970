/**
 * What the CLI loads before it answers: `--help` must not pay for the ES module loader, the
 * TypeScript loader, Kysely or a driver; the graph commands give the same answers whether
 * Node loads the CLI's ES modules with require() or with import(); a PostgreSQL command does not
 * load Node's `fetch` for the driver's Cloudflare Workers probe.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.js';
import { POSTGRES_URL, testWithServer } from '../helpers/databases.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'schemigrate.js');

/** Node's switch for require(esm); without it (older Node 20) the CLI uses import() anyway. */
const IMPORT_ONLY = process.allowedNodeEnvironmentFlags.has('--no-experimental-require-module') ? ['--no-experimental-require-module'] : [];

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sg-startup-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Run the binary with `nodeFlags` and return its exit status and stdout. */
function runWith(nodeFlags: readonly string[], cwd: string, ...args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [...nodeFlags, BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout };
}

test('--help loads only the CommonJS front and commander, and no ES module', () => {
  const hook = join(dir, 'record-loads.cjs');
  const record = join(dir, 'loads.json');
  writeFileSync(
    hook,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(record)}, ` +
      'JSON.stringify({ builtins: process.moduleLoadList, files: Object.keys(require.cache) })));\n',
  );
  const result = runWith(['--require', hook], dir, '--help');
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('Usage: schemigrate');
  const { builtins, files } = JSON.parse(readFileSync(record, 'utf8')) as { builtins: string[]; files: string[] };
  const unexpected = files.filter(
    (file) =>
      file !== hook &&
      file !== BIN &&
      !/[\\/]dist[\\/]cli[\\/][^\\/]+\.cjs$/.test(file) &&
      !/[\\/]node_modules[\\/]commander[\\/]/.test(file),
  );
  expect(unexpected).toEqual([]);
  // The ES module loader instantiates modules through module jobs; none ran.
  expect(builtins).not.toContain('NativeModule internal/modules/esm/module_job');
});

test('graph commands answer the same with the ES modules loaded by require() or by import()', () => {
  expect(runCli(dir, 'init').status).toBe(0);
  expect(runCli(dir, 'revision', '-m', 'first', '--rev-id', 'aaaa00000001').status).toBe(0);
  expect(runCli(dir, 'revision', '-m', 'second', '--rev-id', 'bbbb00000002').status).toBe(0);
  for (const args of [['history'], ['history', '-v'], ['heads']]) {
    const required = runWith([], dir, ...args);
    const imported = runWith(IMPORT_ONLY, dir, ...args);
    expect(required.status).toBe(0);
    expect(imported).toEqual(required);
  }
  expect(runWith([], dir, 'history').stdout).toBe('aaaa00000001 -> bbbb00000002 (head), second\n<base> -> aaaa00000001, first\n');
});

testWithServer('postgres')("a PostgreSQL command loads the driver without Node's fetch, and leaves no navigator behind", () => {
  const hook = join(dir, 'record-globals.cjs');
  const record = join(dir, 'globals.json');
  writeFileSync(
    hook,
    `const hadNavigator = 'navigator' in globalThis;\n` +
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(record)}, ` +
      "JSON.stringify({ builtins: process.moduleLoadList, hadNavigator, hasNavigator: 'navigator' in globalThis, pg: Object.keys(require.cache).some((f) => /[\\\\/]node_modules[\\\\/]pg[\\\\/]/.test(f)) })));\n",
  );
  expect(runCli(dir, 'init').status).toBe(0);
  const result = runWith(['--require', hook], dir, '--url', POSTGRES_URL, 'current');
  expect(result.status).toBe(0);
  const seen = JSON.parse(readFileSync(record, 'utf8')) as { builtins: string[]; hadNavigator: boolean; hasNavigator: boolean; pg: boolean };
  expect(seen.pg).toBe(true);
  expect(seen.hasNavigator).toBe(seen.hadNavigator);
  expect(seen.builtins.filter((name) => name.includes('undici'))).toEqual([]);
});
