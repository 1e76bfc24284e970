/**
 * The revision graph through the built binary: branches (--head, --splice, --branch-label,
 * --depends-on), merge, branches, history marks, current --check-heads, and offline SQL
 * (--sql) whose output is run through the real database to prove it executes.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { DialectName } from '../../src/config/url.js';
import { runCli } from '../helpers/cli.js';
import { forEachDialect } from '../helpers/databases.js';


function versionFile(dir: string, id: string): string {
  const name = readdirSync(join(dir, 'migrations/versions')).find((file) => file.startsWith(id));
  if (!name) throw new Error(`no file for ${id}`);
  return join(dir, 'migrations/versions', name);
}

/** Replace an empty revision's `// No changes.` bodies with real statements. */
function fillBodies(dir: string, id: string, up: string, down: string): void {
  const file = versionFile(dir, id);
  const [head, afterUp, afterDown] = readFileSync(file, 'utf8').split('  // No changes.');
  writeFileSync(file, `${head}  ${up}${afterUp}  ${down}${afterDown}`);
}

const createTable = (name: string) => `await db.schema.createTable('${name}').addColumn('id', 'integer', (c) => c.primaryKey()).execute();`;
const dropTable = (name: string) => `await db.schema.dropTable('${name}').execute();`;

/** Run an offline script through the dialect's own client, as a user would pipe it to psql, sqlite3 or mysql. */
async function executeScript(dialect: DialectName, url: string, script: string): Promise<void> {
  if (dialect === 'sqlite') {
    const db = new Database(url.slice('sqlite:'.length));
    try {
      db.exec(script);
    } finally {
      db.close();
    }
  } else if (dialect === 'postgres') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(script);
    } finally {
      await client.end();
    }
  } else {
    const connection = await mysql.createConnection({ uri: url, multipleStatements: true });
    try {
      await connection.query(script);
    } finally {
      await connection.end();
    }
  }
}

describe('branch commands without a database', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-graph-'));
    expect(runCli(dir, 'init').status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('--branch-label, --head without --splice, --splice, and several heads', () => {
    expect(runCli(dir, 'revision', '-m', 'root', '--rev-id', 'aaaa00000001').status).toBe(0);
    expect(runCli(dir, 'revision', '-m', 'bee one', '--rev-id', 'bbbb00000001', '--branch-label', 'bee').status).toBe(0);
    expect(readFileSync(versionFile(dir, 'bbbb00000001'), 'utf8')).toContain('export const branchLabels: string[] | null = ["bee"];');

    const refused = runCli(dir, 'revision', '-m', 'sea one', '--head', 'aaaa', '--rev-id', 'cccc00000001');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Revision aaaa00000001 is not a head: bbbb00000001 already build\(s\) on it\..*--splice/);
    expect(readdirSync(join(dir, 'migrations/versions'))).toHaveLength(2);

    const spliced = runCli(dir, 'revision', '-m', 'sea one', '--head', 'aaaa', '--splice', '--branch-label', 'sea', '--rev-id', 'cccc00000001');
    expect(spliced.status).toBe(0);
    expect(readFileSync(versionFile(dir, 'cccc00000001'), 'utf8')).toContain('export const downRevision: string | string[] | null = "aaaa00000001";');

    const ambiguous = runCli(dir, 'revision', '-m', 'where');
    expect(ambiguous.status).toBe(1);
    expect(ambiguous.stderr).toMatch(/2 heads \(bbbb00000001, cccc00000001\).*--head.*schemigrate merge heads/);

    expect(runCli(dir, 'revision', '-m', 'bee two', '--head', 'bee@head', '--rev-id', 'bbbb00000002').status).toBe(0);
    expect(runCli(dir, 'revision', '-m', 'label again', '--head', 'base', '--branch-label', 'sea').stderr).toMatch(/Branch label 'sea' is already used by .*cccc00000001_sea_one\.ts/);
  });

  test('branches and heads', () => {
    expect(runCli(dir, 'branches').stdout.trim().split('\n')).toEqual([
      'aaaa00000001 (branchpoint), root',
      '    -> bbbb00000001, bee one',
      '    -> cccc00000001 (head), sea one',
    ]);
    expect(runCli(dir, 'branches', '-v').stdout).toMatch(/Rev: aaaa00000001 \(branchpoint\)\nParent: <base>\nBranches into: bbbb00000001, cccc00000001/);
    expect(runCli(dir, 'heads').stdout.trim().split('\n')).toEqual(['bbbb00000002 (head)', 'cccc00000001 (head)']);
  });

  test('merge heads, a new root with --head base, and --depends-on stored as full IDs', () => {
    const merged = runCli(dir, 'merge', 'heads', '-m', 'join bee and sea', '--rev-id', 'dddd00000001');
    expect(merged.status).toBe(0);
    const source = readFileSync(versionFile(dir, 'dddd00000001'), 'utf8');
    expect(source).toContain('export const downRevision: string | string[] | null = [\n  "bbbb00000002",\n  "cccc00000001",\n];');
    expect(source).toContain('Revises: bbbb00000002, cccc00000001');
    expect(runCli(dir, 'heads').stdout.trim()).toBe('dddd00000001 (head)');
    expect(runCli(dir, 'merge', 'bbbb00000001', 'aaaa', '-m', 'no').stderr).toMatch(/Cannot merge aaaa00000001 with bbbb00000001/);
    expect(runCli(dir, 'merge', 'heads', '-m', 'one head').stderr).toMatch(/at least two revisions/);

    expect(runCli(dir, 'revision', '-m', 'other tree', '--head', 'base', '--branch-label', 'eff', '--rev-id', 'ffff00000001').status).toBe(0);
    expect(readFileSync(versionFile(dir, 'ffff00000001'), 'utf8')).toContain('export const downRevision: string | string[] | null = null;');
    const dependent = runCli(dir, 'revision', '-m', 'needs sea', '--head', 'eff@head', '--depends-on', 'cccc', '--rev-id', 'ffff00000002');
    expect(dependent.status).toBe(0);
    expect(readFileSync(versionFile(dir, 'ffff00000002'), 'utf8')).toContain('export const dependsOn: string[] | null = ["cccc00000001"];');
    expect(runCli(dir, 'revision', '-m', 'x', '--head', 'eff@head', '--depends-on', 'zzzz').stderr).toMatch(/Unknown revision 'zzzz'/);
  });

  test('history marks branch points and merge points; -r narrows; head with two heads is an error', () => {
    expect(runCli(dir, 'history').stdout.trim().split('\n')).toEqual([
      'ffff00000001 -> ffff00000002 (head), needs sea',
      '<base> -> ffff00000001, other tree',
      'bbbb00000002, cccc00000001 -> dddd00000001 (head) (mergepoint), join bee and sea',
      'aaaa00000001 -> cccc00000001, sea one',
      'bbbb00000001 -> bbbb00000002, bee two',
      'aaaa00000001 -> bbbb00000001, bee one',
      '<base> -> aaaa00000001 (branchpoint), root',
    ]);
    expect(runCli(dir, 'history', '-r', 'bbbb00000001:dddd').stdout.trim().split('\n')).toEqual([
      'bbbb00000002, cccc00000001 -> dddd00000001 (head) (mergepoint), join bee and sea',
      'bbbb00000001 -> bbbb00000002, bee two',
      'aaaa00000001 -> bbbb00000001, bee one',
    ]);
    expect(runCli(dir, 'history', '-r', ':cccc').stdout.trim().split('\n')).toEqual([
      'aaaa00000001 -> cccc00000001, sea one',
      '<base> -> aaaa00000001 (branchpoint), root',
    ]);
    const verbose = runCli(dir, 'history', '-v', '-r', 'dddd:').stdout;
    expect(verbose).toContain('Rev: dddd00000001 (head) (mergepoint)');
    expect(verbose).toContain('Parent: bbbb00000002, cccc00000001');
    expect(runCli(dir, 'show', 'ffff00000002').stdout).toContain('Depends on: cccc00000001');

    const head = runCli(dir, 'upgrade', 'head', '--sql');
    expect(head.status).toBe(1);
    expect(head.stderr).toMatch(/2 heads: dddd00000001 \(join bee and sea\), ffff00000002 \(needs sea\).*<branchLabel>@head.*'heads'.*schemigrate merge/);
    expect(runCli(dir, 'upgrade', 'eff@+3', '--sql').stderr).toMatch(/Cannot move 3 step\(s\) above the base of branch 'eff': only 2 step\(s\) exist/);
    expect(runCli(dir, 'downgrade', 'base', '--sql').stderr).toMatch(/downgrade --sql needs a range <from>:<to>/);
  });

  test('--sql orders each branch whole and writes every version-table statement', () => {
    const result = runCli(dir, 'upgrade', 'heads', '--sql');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.filter((line) => line.startsWith('-- Running'))).toEqual([
      '-- Running upgrade base -> aaaa00000001, root',
      '-- Running upgrade aaaa00000001 -> bbbb00000001, bee one',
      '-- Running upgrade bbbb00000001 -> bbbb00000002, bee two',
      '-- Running upgrade aaaa00000001 -> cccc00000001, sea one',
      '-- Running upgrade bbbb00000002, cccc00000001 -> dddd00000001, join bee and sea',
      '-- Running upgrade base -> ffff00000001, other tree',
      '-- Running upgrade ffff00000001 -> ffff00000002, needs sea',
    ]);
    expect(lines.filter((line) => /"schemigrate_version"/.test(line))).toEqual([
      'create table if not exists "schemigrate_version" ("version_num" varchar(32) not null primary key);',
      `insert into "schemigrate_version" ("version_num") values ('aaaa00000001');`,
      `update "schemigrate_version" set "version_num" = 'bbbb00000001' where "version_num" = 'aaaa00000001';`,
      `update "schemigrate_version" set "version_num" = 'bbbb00000002' where "version_num" = 'bbbb00000001';`,
      `insert into "schemigrate_version" ("version_num") values ('cccc00000001');`,
      `delete from "schemigrate_version" where "version_num" = 'cccc00000001';`,
      `update "schemigrate_version" set "version_num" = 'dddd00000001' where "version_num" = 'bbbb00000002';`,
      `insert into "schemigrate_version" ("version_num") values ('ffff00000001');`,
      `update "schemigrate_version" set "version_num" = 'ffff00000002' where "version_num" = 'ffff00000001';`,
    ]);
    // The checksum table (docs/reliability.md): one row per applied revision, in the same order.
    const checksumLines = lines.filter((line) => /"schemigrate_version_checksums"/.test(line));
    expect(checksumLines[0]).toMatch(/^create table if not exists "schemigrate_version_checksums" \("revision" varchar\(32\) not null primary key, "checksum" char\(64\) not null/);
    expect(checksumLines.slice(1).map((line) => /values \('(\w+)', '[0-9a-f]{64}'\);$/.exec(line)?.[1])).toEqual([
      'aaaa00000001', 'bbbb00000001', 'bbbb00000002', 'cccc00000001', 'dddd00000001', 'ffff00000001', 'ffff00000002',
    ]);
    const down = runCli(dir, 'downgrade', 'heads:cccc', '--sql');
    // Only the merge is above cccc00000001. Undoing it brings bbbb00000002 back as a row, but not
    // cccc00000001: ffff00000002 (applied, and left alone) still depends on it.
    expect(down.stdout.split('\n').filter((line) => /^(-- Running|update|insert|delete)/.test(line))).toEqual([
      '-- Running downgrade dddd00000001 -> bbbb00000002, cccc00000001, join bee and sea',
      `delete from "schemigrate_version_checksums" where "revision" in ('dddd00000001');`,
      `update "schemigrate_version" set "version_num" = 'bbbb00000002' where "version_num" = 'dddd00000001';`,
    ]);
    expect(existsSync(join(dir, 'dev.sqlite3'))).toBe(false);
  });
});

forEachDialect(({ dialect, database }) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-graph-db-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) => runCli(dir, '--url', database().url, ...args);

  test('offline SQL for a branched history runs on the real database', async () => {
    expect(runCli(dir, 'init').status).toBe(0);
    expect(cli('revision', '-m', 'create users', '--autogenerate', '--rev-id', 'aaaa00000001').status).toBe(0);
    expect(cli('revision', '-m', 'bees', '--rev-id', 'bbbb00000001', '--branch-label', 'bee').status).toBe(0);
    fillBodies(dir, 'bbbb00000001', createTable('bees'), dropTable('bees'));
    expect(cli('revision', '-m', 'seas', '--head', 'aaaa00000001', '--splice', '--rev-id', 'cccc00000001').status).toBe(0);
    fillBodies(dir, 'cccc00000001', createTable('seas'), dropTable('seas'));
    expect(cli('merge', 'heads', '-m', 'join', '--rev-id', 'dddd00000001').status).toBe(0);

    const script = cli('upgrade', 'heads', '--sql');
    expect(script.stderr).toBe('');
    expect(script.status).toBe(0);
    const quote = dialect === 'mysql' ? '`' : '"';
    const text = script.stdout.replaceAll(quote, '"');
    expect(text).toContain('create table if not exists "schemigrate_version"');
    expect(text).toMatch(/create table "users" \(/);
    expect(text).toContain(`create table "bees" ("id" integer primary key);`);
    expect(text).toContain(`delete from "schemigrate_version" where "version_num" = 'cccc00000001';`);
    if (dialect === 'postgres') expect(script.stdout.match(/^(begin|commit);$/gm)).toHaveLength(8);
    if (dialect === 'sqlite') {
      expect(script.stdout.match(/^pragma foreign_keys = off;\nsavepoint schemigrate_revision;$/gm)).toHaveLength(4);
      expect(script.stdout.match(/^pragma foreign_key_check;\nrelease schemigrate_revision;\npragma foreign_keys = on;$/gm)).toHaveLength(4);
    }

    // The database was never contacted: it is still empty.
    expect(cli('current').stdout.trim()).toBe('<base> (no revision applied)');
    expect(cli('current', '--check-heads').status).toBe(2);

    await executeScript(dialect, database().url, script.stdout);
    expect(cli('current').stdout.trim()).toBe('dddd00000001 (head) (mergepoint)');
    const gate = cli('current', '--check-heads');
    expect(gate.status).toBe(0);
    expect(cli('history', '-r', 'current:', '-i').stdout.trim()).toBe('bbbb00000001, cccc00000001 -> dddd00000001 (head) (current) (mergepoint), join');
    expect(cli('history', '-r', ':current').stdout.trim().split('\n')).toHaveLength(4);

    expect(cli('revision', '-m', 'after', '--rev-id', 'eeee00000001').status).toBe(0);
    fillBodies(dir, 'eeee00000001', createTable('after_merge'), dropTable('after_merge'));
    const behind = cli('current', '--check-heads');
    expect(behind.status).toBe(2);
    expect(behind.stdout.trim()).toBe('dddd00000001 (mergepoint)');
    expect(behind.stderr).toMatch(/1 revision is pending \(eeee00000001\).*upgrade heads/);

    // From a named starting point, then all the way down again.
    const rest = cli('upgrade', 'dddd:head', '--sql');
    expect(rest.stdout).not.toContain('create table "users"');
    expect(rest.stdout.replaceAll(quote, '"')).toContain(`update "schemigrate_version" set "version_num" = 'eeee00000001' where "version_num" = 'dddd00000001';`);
    await executeScript(dialect, database().url, rest.stdout);
    expect(cli('current', '--check-heads').status).toBe(0);

    const down = cli('downgrade', 'head:aaaa', '--sql');
    expect(down.status).toBe(0);
    await executeScript(dialect, database().url, down.stdout);
    expect(cli('current').stdout.trim()).toBe('aaaa00000001 (branchpoint)');
    expect(cli('downgrade', 'aaaa00000001').stdout).toContain('Nothing to downgrade: the database is already at aaaa00000001.');
    expect(cli('check').status).toBe(0);

    // stamp: several targets at once, and --purge for a row no file declares.
    expect(cli('stamp', 'bbbb00000001', 'cccc00000001').status).toBe(0);
    expect(cli('current').stdout.trim().split('\n')).toEqual(['bbbb00000001', 'cccc00000001']);
    await executeScript(dialect, database().url, `insert into schemigrate_version (version_num) values ('gone00000000');`);
    expect(cli('current').stderr).toMatch(/'gone00000000'.*stamp --purge/);
    expect(cli('stamp', 'heads').stderr).toMatch(/'gone00000000'.*--purge/);
    const purged = cli('stamp', '--purge', 'heads');
    expect(purged.status).toBe(0);
    expect(cli('current').stdout.trim()).toBe('eeee00000001 (head)');
  }, 180_000); // some 25 CLI runs, each a fresh Node process
});

describe('sqlite rebuild offline', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-rebuild-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a rebuild revision renders offline and the script keeps the rows', () => {
    const url = `sqlite:${join(dir, 'app.sqlite3')}`;
    const cli = (...args: string[]) => runCli(dir, '--url', url, ...args);
    expect(runCli(dir, 'init').status).toBe(0);
    expect(cli('revision', '-m', 'create users', '--autogenerate', '--rev-id', 'aaaa00000001').status).toBe(0);
    expect(cli('upgrade', 'head').status).toBe(0);
    const db = new Database(join(dir, 'app.sqlite3'));
    db.exec(`insert into users (email, name) values ('a@example.com', '12')`);
    db.close();

    const schema = join(dir, 'src/db/schema/users.ts');
    writeFileSync(schema, readFileSync(schema, 'utf8').replace('name: text(),', 'name: integer(),'));
    const second = cli('revision', '-m', 'name as integer', '--autogenerate', '--rev-id', 'bbbb00000002');
    expect(second.status).toBe(0);
    expect(readFileSync(versionFile(dir, 'bbbb00000002'), 'utf8')).toContain('Rebuild "users"');

    const script = cli('upgrade', 'aaaa00000001:head', '--sql');
    expect(script.status).toBe(0);
    expect(script.stdout).toContain('create table "_schemigrate_new_users"');
    expect(script.stdout).toContain('alter table "_schemigrate_new_users" rename to "users";');

    const target = new Database(join(dir, 'app.sqlite3'));
    try {
      target.exec(script.stdout);
      expect(target.prepare('select email, name from users').all()).toEqual([{ email: 'a@example.com', name: 12 }]);
    } finally {
      target.close();
    }
    expect(cli('current').stdout.trim()).toBe('bbbb00000002 (head)');
    expect(cli('check').status).toBe(0);
  });
});
