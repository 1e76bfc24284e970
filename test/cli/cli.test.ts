/**
 * The built binary, driven as a user would: a fresh temp folder per dialect, `init`, a schema,
 * `revision --autogenerate`, `upgrade`, graph commands, `check` exit codes, and the bad-input
 * errors of SPEC §10 (one paragraph, exit status 1, no password, nothing changed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { forEachDialect } from '../helpers/databases.js';


function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'sg-cli-'));
}

/** Arguments for the `mariadb` client to run one statement in the database of a mysql:// URL. */
function mariadbArgs(url: string, statement: string): string[] {
  const parsed = new URL(url);
  return [
    `-h${parsed.hostname}`,
    `-P${parsed.port || '3306'}`,
    `-u${decodeURIComponent(parsed.username)}`,
    ...(parsed.password ? [`-p${decodeURIComponent(parsed.password)}`] : []),
    parsed.pathname.slice(1),
    '-e',
    statement,
  ];
}

describe('without a database', () => {
  test('--help is quick to reach and lists every command', () => {
    const result = runCli(tmpdir(), '--help');
    expect(result.status).toBe(0);
    for (const command of ['init', 'revision', 'upgrade', 'downgrade', 'history', 'current', 'heads', 'show', 'stamp', 'check', 'lint']) {
      expect(result.stdout).toContain(command);
    }
  });

  test('no config: says where it looked, suggests init, exit 1', () => {
    const dir = tempDir();
    const result = runCli(dir, 'history');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no schemigrate config found/i);
    expect(result.stderr).toContain('schemigrate init');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    rmSync(dir, { recursive: true });
  });

  test('init scaffolds the project and never overwrites a file', () => {
    const dir = tempDir();
    expect(runCli(dir, 'init').status).toBe(0);
    for (const path of ['schemigrate.config.ts', 'migrations/script.ts.tmpl', 'migrations/versions', 'src/db/schema/index.ts']) {
      expect(existsSync(join(dir, path))).toBe(true);
    }
    writeFileSync(join(dir, 'schemigrate.config.ts'), '// mine\n');
    const again = runCli(dir, 'init');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('left alone');
    expect(readFileSync(join(dir, 'schemigrate.config.ts'), 'utf8')).toBe('// mine\n');
    rmSync(dir, { recursive: true });
  });

  test('an unreachable database fails within the timeout and never shows the password', () => {
    const dir = tempDir();
    runCli(dir, 'init');
    const result = runCli(dir, 'current', '--url', 'postgres://app:s3cretpass@127.0.0.1:1/app');
    expect(result.status).toBe(1);
    expect(result.stderr + result.stdout).not.toContain('s3cretpass');
    expect(result.stderr).toContain('***');
    rmSync(dir, { recursive: true });
  });

  test('an unknown URL scheme is a clear error without the password', () => {
    const dir = tempDir();
    runCli(dir, 'init');
    const result = runCli(dir, 'current', '--url', 'oracle://scott:tiger123@db/orcl');
    expect(result.status).toBe(1);
    expect(result.stderr).not.toContain('tiger123');
    expect(result.stderr).toMatch(/sqlite|postgres/);
    rmSync(dir, { recursive: true });
  });
});

forEachDialect(({ dialect, database }) => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) => runCli(dir, '--url', database().url, ...args);

  test('the whole loop through the binary', () => {
    expect(runCli(dir, 'init').status).toBe(0);

    const first = cli('revision', '-m', 'create users', '--autogenerate', '--rev-id', 'aaaa00000001');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('+ table users');
    const file = readdirSync(join(dir, 'migrations/versions')).find((name) => name.startsWith('aaaa00000001'));
    expect(file).toBe('aaaa00000001_create_users.ts');

    const upgrade = cli('upgrade', 'head');
    expect(upgrade.status).toBe(0);
    expect(upgrade.stdout).toMatch(/Running upgrade base -> aaaa00000001, create users \(\d+ ms\)/);

    expect(cli('check').status).toBe(0);
    expect(cli('current').stdout.trim()).toBe('aaaa00000001 (head)');

    const empty = cli('revision', '-m', 'nothing', '--autogenerate');
    expect(empty.status).toBe(0);
    expect(empty.stdout).toMatch(/No changes detected.*1 table\(s\).*has 1/s);
    expect(readdirSync(join(dir, 'migrations/versions'))).toHaveLength(1);
  });

  test('check exits 2 and lists the operations when the schema moved on', () => {
    writeFileSync(
      join(dir, 'src/db/schema/users.ts'),
      readFileSync(join(dir, 'src/db/schema/users.ts'), 'utf8').replace("name: text(),", 'name: text(),\n  bio: text(),'),
    );
    const result = cli('check');
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('+ column users.bio');

    const dry = cli('revision', '-m', 'add bio', '--autogenerate', '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('+ column users.bio');
    expect(readdirSync(join(dir, 'migrations/versions'))).toHaveLength(1);

    expect(cli('revision', '-m', 'add bio', '--autogenerate', '--rev-id', 'bbbb00000002').status).toBe(0);
    expect(cli('upgrade', 'head').stdout).toContain('aaaa00000001 -> bbbb00000002, add bio');
    expect(cli('check').status).toBe(0);
  });

  test('history, heads and show read the graph', () => {
    const history = cli('history', '-i');
    expect(history.status).toBe(0);
    expect(history.stdout.trim().split('\n')).toEqual([
      'aaaa00000001 -> bbbb00000002 (head) (current), add bio',
      '<base> -> aaaa00000001, create users',
    ]);
    expect(cli('heads').stdout.trim()).toBe('bbbb00000002 (head)');
    expect(cli('show', 'bbbb').stdout).toContain('Parent: aaaa00000001');
    const json = JSON.parse(cli('history', '--json').stdout);
    expect(json.map((entry: { revision: string }) => entry.revision)).toEqual(['bbbb00000002', 'aaaa00000001']);
  });

  test('bad targets are clear errors that change nothing', () => {
    const unknown = cli('upgrade', 'zzzz');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown revision 'zzzz'/);
    const tooFar = cli('downgrade', '-5');
    expect(tooFar.status).toBe(1);
    expect(cli('current').stdout.trim()).toBe('bbbb00000002 (head)');
  });

  test('downgrade -1, stamp and downgrade base', () => {
    const down = cli('downgrade', '-1');
    expect(down.status).toBe(0);
    expect(down.stdout).toContain('Running downgrade bbbb00000002 -> aaaa00000001, add bio');
    expect(cli('current').stdout.trim()).toBe('aaaa00000001');

    expect(cli('stamp', 'head').status).toBe(0);
    expect(cli('current').stdout.trim()).toBe('bbbb00000002 (head)');
    expect(cli('stamp', 'aaaa00000001').status).toBe(0);

    expect(cli('downgrade', 'base').status).toBe(0);
    expect(cli('current').stdout.trim()).toBe('<base> (no revision applied)');
  });

  test('a failing revision names itself, its file and the statement, and leaves the version table alone', () => {
    writeFileSync(
      join(dir, 'migrations/versions/cccc00000003_broken.ts'),
      `/**\n * broken\n */\nimport { sql, type Kysely } from 'schemigrate';\n\n` +
        `export const revision = 'cccc00000003';\nexport const downRevision: string | string[] | null = 'bbbb00000002';\n` +
        `export const branchLabels: string[] | null = null;\nexport const dependsOn: string[] | null = null;\n\n` +
        `export async function upgrade(db: Kysely<any>): Promise<void> {\n  await sql\`CREATE TABLE half_done (id integer)\`.execute(db);\n  await sql\`SELECT * FROM no_such_table\`.execute(db);\n}\n\n` +
        `export async function downgrade(db: Kysely<any>): Promise<void> {\n  await sql\`DROP TABLE half_done\`.execute(db);\n}\n`,
    );
    const result = cli('upgrade', 'head');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('cccc00000003');
    expect(result.stderr).toContain('cccc00000003_broken.ts');
    expect(result.stderr).toContain('no_such_table');
    expect(cli('current').stdout.trim()).toBe('bbbb00000002');
    rmSync(join(dir, 'migrations/versions/cccc00000003_broken.ts'));
    if (dialect === 'mysql') {
      // MySQL commits DDL as it runs: the message lists what stays, and the user cleans it up.
      expect(result.stderr).toContain('had already run and were not rolled back: CREATE TABLE half_done (id integer)');
      expect(cli('check').status).toBe(2);
      expect(spawnSync('mariadb', mariadbArgs(database().url, 'DROP TABLE half_done')).status).toBe(0);
    } else {
      // aaaa and bbbb ran, cccc rolled back whole: its first table is gone too.
      expect(result.stderr).toContain('rolled back');
    }
    expect(cli('check').status).toBe(0);
  });
});
