/**
 * The CLI for scripts, through the built binary on every dialect: every command's `--json`
 * output parses and is the API's result object, errors under `--json` are
 * `{ error: { code, message, details } }`, each documented exit status is provoked, and a
 * reader that closes the pipe early gets no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.js';
import { forEachDialect } from '../helpers/databases.js';

const BIN = fileURLToPath(new URL('../../bin/schemigrate.js', import.meta.url));
const USERS = (columns: string) =>
  `import { table, integer, text } from 'schemigrate';\nexport const users = table('users', { id: integer().primaryKey()${columns} });\n`;

forEachDialect(({ database }) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-json-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) => runCli(dir, '--url', database().url, ...args);
  /** Run with --json: the exit status and the parsed stdout. */
  const json = (...args: string[]) => {
    const run = cli(...args, '--json');
    return { status: run.status, value: JSON.parse(run.stdout) as any, stderr: run.stderr };
  };
  const schema = (columns: string) => writeFileSync(join(dir, 'src/db/schema/users.ts'), USERS(columns));

  test('init, revision (--dry-run too), upgrade and current print their results as JSON', () => {
    const init = json('init');
    expect(init.status).toBe(0);
    expect(init.value.created).toEqual(expect.arrayContaining([join(dir, 'schemigrate.config.ts')]));
    schema('');

    const dry = json('revision', '-m', 'create users', '--autogenerate', '--dry-run');
    expect(dry).toMatchObject({ status: 0, value: { file: null, operations: [{ kind: 'createTable' }], summary: ['+ table users'] } });
    const created = json('revision', '-m', 'create users', '--autogenerate', '--rev-id', 'aaaa00000001');
    expect(created).toMatchObject({ status: 0, value: { revision: 'aaaa00000001', file: expect.stringMatching(/aaaa00000001_create_users\.ts$/) } });

    const behind = json('current', '--check-heads');
    expect(behind).toMatchObject({ status: 2, value: { heads: [], pending: ['aaaa00000001'], atHeads: false } });

    const sql = json('upgrade', 'head', '--sql');
    expect(sql.status).toBe(0);
    expect(sql.value.steps).toEqual([expect.objectContaining({ revision: 'aaaa00000001', statements: expect.arrayContaining([expect.stringMatching(/create table/i)]) })]);

    const up = json('upgrade', 'head');
    expect(up).toMatchObject({ status: 0, value: [{ revision: 'aaaa00000001', direction: 'upgrade', from: [], to: ['aaaa00000001'], ms: expect.any(Number) }] });
    expect(up.stderr).toContain('Running upgrade base -> aaaa00000001, create users');
    expect(json('current', '--check-heads')).toMatchObject({ status: 0, value: { heads: ['aaaa00000001'], pending: [], atHeads: true } });
  });

  test('check exits 0 when clean and 2 when the database differs, with the operations', () => {
    expect(json('check')).toMatchObject({ status: 0, value: { clean: true, operations: [] } });
    schema(', email: text()');
    const drift = json('check');
    expect(drift).toMatchObject({ status: 2, value: { clean: false, summary: ['+ column users.email text'] } });
    const text = cli('check');
    expect(text.status).toBe(2);
    expect(text.stdout).toContain('+ column users.email text');
  });

  test('history, heads, branches, show, stamp, merge and downgrade print their results as JSON', () => {
    expect(cli('revision', '-m', 'add email', '--autogenerate', '--rev-id', 'bbbb00000002').status).toBe(0);
    expect(json('upgrade', 'head').value).toHaveLength(1);
    expect(json('history').value.map((info: any) => info.revision)).toEqual(['bbbb00000002', 'aaaa00000001']);
    expect(json('history', '-i').value[0]).toMatchObject({ revision: 'bbbb00000002', isHead: true, isCurrent: true, downRevision: 'aaaa00000001' });
    expect(json('heads').value).toEqual([expect.objectContaining({ revision: 'bbbb00000002', isHead: true })]);
    expect(json('show', 'aaaa').value).toMatchObject({ revision: 'aaaa00000001', message: 'create users', children: ['bbbb00000002'] });

    expect(cli('revision', '-m', 'side', '--head', 'aaaa00000001', '--splice', '--rev-id', 'cccc00000003').status).toBe(0);
    expect(json('branches').value).toEqual([expect.objectContaining({ revision: 'aaaa00000001', branches: [expect.objectContaining({ revision: 'bbbb00000002' }), expect.objectContaining({ revision: 'cccc00000003' })] })]);
    expect(json('merge', 'heads', '-m', 'join', '--rev-id', 'dddd00000004').value).toMatchObject({ revision: 'dddd00000004', parents: ['bbbb00000002', 'cccc00000003'] });
    expect(json('upgrade', 'head').value.map((step: any) => step.revision)).toEqual(['cccc00000003', 'dddd00000004']);

    expect(json('rechecksum')).toMatchObject({ status: 0, value: { rerecorded: [], forgotten: [] } });
    expect(json('stamp', 'bbbb00000002', 'cccc00000003', '--purge')).toMatchObject({ status: 0, value: { removed: ['dddd00000004'], recorded: ['bbbb00000002', 'cccc00000003'] } });
    expect(json('stamp', 'head')).toMatchObject({ status: 0, value: { removed: ['bbbb00000002', 'cccc00000003'], recorded: ['dddd00000004'] } });
    const down = json('downgrade', 'base');
    expect(down.status).toBe(0);
    expect(down.value[0]).toMatchObject({ revision: 'dddd00000004', direction: 'downgrade', from: ['dddd00000004'], to: ['bbbb00000002', 'cccc00000003'] });
    expect(down.value).toHaveLength(4);
  });

  test('pull prints its result as JSON', () => {
    expect(cli('upgrade', 'head').status).toBe(0);
    const pulled = json('pull', '--out', 'pulled');
    expect(pulled).toMatchObject({ status: 0, value: { files: expect.arrayContaining([join(dir, 'pulled/index.ts')]), baseline: null } });
  });

  test('errors under --json are objects with the code; exit status 1', () => {
    const unknown = json('upgrade', 'haed');
    expect(unknown).toMatchObject({ status: 1, value: { error: { code: 'UNKNOWN_REVISION', message: expect.stringContaining("Did you mean 'head'?"), details: { suggestion: 'head' } } } });
    const text = cli('upgrade', 'haed');
    expect(text.status).toBe(1);
    expect(text.stderr.trim().split('\n')).toHaveLength(1);
    expect(json('show', 'dddd', '-c', join(dir, 'nowhere.ts'))).toMatchObject({ status: 1, value: { error: { code: 'CONFIG_NOT_FOUND' } } });
  });
});

describe('the terminal', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-terminal-'));
    expect(runCli(dir, 'init').status).toBe(0);
    // A history longer than a pipe holds (64 KiB), written directly: the CLI would take minutes.
    for (let i = 0; i < 2000; i++) {
      const id = (0xa00000000000 + i).toString(16);
      const parent = i === 0 ? 'null' : `'${(0xa00000000000 + i - 1).toString(16)}'`;
      writeFileSync(
        join(dir, `migrations/versions/${id}_step.ts`),
        `export const revision = '${id}';\nexport const downRevision: string | null = ${parent};\nexport const branchLabels = null;\nexport const dependsOn = null;\n` +
          `export async function upgrade(): Promise<void> {}\nexport async function downgrade(): Promise<void> {}\n`,
      );
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // 200 revisions of SQL are over 64 KiB too.
  test.each(['history --json', 'history', 'upgrade base:a000000000c8 --sql'])('%s | head -1 ends quietly', (args) => {
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" ${args} | head -1`], { cwd: dir, encoding: 'utf8' });
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stderr).toBe('');
  });

  test('--version, an unknown command with a suggestion, revision --help', () => {
    expect(runCli(dir, '--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(runCli(dir, '-V').status).toBe(0);
    const typo = runCli(dir, 'histroy');
    expect(typo.status).toBe(1);
    expect(typo.stderr).toBe("error: unknown command 'histroy'\n(Did you mean history?)\n");
    const help = runCli(dir, 'revision', '--help').stdout;
    expect(help).toMatch(/-m, --message <message>\s+what the revision changes \(required\)/);
    expect(help).not.toContain('(default: [])');
  });

  test('read-only commands do not create a missing SQLite database', () => {
    for (const args of [['current'], ['check'], ['history', '-i']]) {
      const run = runCli(dir, '--url', 'sqlite:./missing.sqlite3', ...args);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/The SQLite database sqlite:\.\/missing\.sqlite3 does not exist/);
    }
    expect(spawnSync('ls', [join(dir, 'missing.sqlite3')]).status).not.toBe(0);
  });

  test('init --dialect postgres writes a URL to an application database', () => {
    const other = mkdtempSync(join(tmpdir(), 'sg-init-'));
    try {
      expect(runCli(other, 'init', '--dialect', 'postgres').status).toBe(0);
      expect(spawnSync('cat', [join(other, 'schemigrate.config.ts')], { encoding: 'utf8' }).stdout).toContain('"postgres://postgres@localhost:5432/myapp"');
      const unknown = runCli(other, 'init', 'x', '--dialect', 'oracle');
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain("Unknown dialect 'oracle' for init; choose sqlite, postgres, mysql.");
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
