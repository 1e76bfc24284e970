/**
 * Autogenerate you can trust, through the built binary (no terminal, so nothing is asked):
 * renames answered with --rename keep rows both ways, unanswered candidates stop the command,
 * drops of data need --yes (empty ones do not), and an empty result is diagnosed.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { runCli, withoutLintReport } from '../helpers/cli.js';
import { forEachDialect } from '../helpers/databases.js';
import { withDatabase } from '../helpers/project.js';

function writeProject(dir: string, url: string): void {
  writeFileSync(
    join(dir, 'schemigrate.config.ts'),
    `export default { url: ${JSON.stringify(url)}, schema: './src/db/schema/index.ts', migrations: './migrations', tables: { exclude: ['audit_*'] } };\n`,
  );
  mkdirSync(join(dir, 'migrations/versions'), { recursive: true });
  mkdirSync(join(dir, 'src/db/schema'), { recursive: true });
}

function writeSchema(dir: string, body: string): void {
  writeFileSync(join(dir, 'src/db/schema/index.ts'), `import { table, integer, text } from 'schemigrate';\n${body}\n`);
}

forEachDialect(({ database }) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-safety-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) => runCli(dir, ...args);
  const versions = () => readdirSync(join(dir, 'migrations/versions')).filter((name) => name.endsWith('.ts')).sort();
  const query = <T>(fn: (db: Kysely<any>) => Promise<T>): Promise<T> => withDatabase(database().url, dir, fn);

  test('a table and a column renamed with --rename keep their rows through upgrade and downgrade', async () => {
    writeProject(dir, database().url);
    writeSchema(dir, "export const users = table('users', { id: integer().primaryKey(), mail: text(), name: text(), age: integer() });");
    expect(cli('revision', '-m', 'create users', '--autogenerate', '--rev-id', 'aaaa00000001').status).toBe(0);
    expect(cli('upgrade', 'head').status).toBe(0);
    await query((db) => db.insertInto('users').values({ id: 1, mail: 'ann@example.com', name: 'Ann', age: 30 }).execute());

    writeSchema(dir, "export const people = table('people', { id: integer().primaryKey(), email: text(), name: text(), age: integer() });");

    const unanswered = cli('revision', '-m', 'rename', '--autogenerate');
    expect(unanswered.status).toBe(1);
    expect(unanswered.stderr).toContain('table users → people');
    expect(unanswered.stderr).toContain('--rename users=people');
    expect(unanswered.stderr).toContain('--drop-create users');
    expect(versions()).toHaveLength(1);

    const preview = cli('revision', '-m', 'rename', '--autogenerate', '--dry-run');
    expect(preview.status).toBe(0);
    expect(preview.stdout).toContain('- table users');
    expect(preview.stderr).toContain('Shown as drop and create, but a real run needs an answer first: table users → people');

    // The table's rename reveals the column candidate inside it.
    const half = cli('revision', '-m', 'rename', '--autogenerate', '--rename', 'users=people');
    expect(half.status).toBe(1);
    expect(half.stderr).toContain('--rename people.mail=email');
    expect(versions()).toHaveLength(1);

    const wrong = cli('revision', '-m', 'rename', '--autogenerate', '--rename', 'users=nobody');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/--rename users=nobody answer\(s\) no rename candidate.*table users → people/s);

    const renamed = cli('revision', '-m', 'rename', '--autogenerate', '--rev-id', 'bbbb00000002', '--rename', 'users=people', '--rename', 'people.mail=email');
    expect(withoutLintReport(renamed.stderr)).toBe('');
    expect(renamed.status).toBe(0);
    expect(renamed.stdout).toContain('~ table users → people');
    expect(renamed.stdout).toContain('~ column people.mail → email');
    expect(renamed.stdout).not.toMatch(/- table|\+ table|- column|\+ column/);

    const upgraded = cli('upgrade', 'head');
    expect(upgraded.stderr).toBe('');
    expect(upgraded.status).toBe(0);
    expect(cli('check').status).toBe(0);
    expect(await query((db) => db.selectFrom('people').select(['id', 'email', 'name']).execute())).toEqual([
      { id: 1, email: 'ann@example.com', name: 'Ann' },
    ]);

    expect(cli('downgrade', '-1').status).toBe(0);
    expect(await query((db) => db.selectFrom('users').select(['id', 'mail']).execute())).toEqual([{ id: 1, mail: 'ann@example.com' }]);
    expect(cli('upgrade', 'head').status).toBe(0);
  });

  test('dropping a column that holds data needs --yes; without it nothing is written', () => {
    writeSchema(dir, "export const people = table('people', { id: integer().primaryKey(), email: text(), age: integer() });");
    const refused = cli('revision', '-m', 'drop name', '--autogenerate');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('column people.name (it holds non-null values)');
    expect(refused.stderr).toContain('--yes');
    expect(versions()).toHaveLength(2);

    const confirmed = cli('--yes', 'revision', '-m', 'drop name', '--autogenerate', '--rev-id', 'cccc00000003');
    expect(confirmed.status).toBe(0);
    expect(versions()).toHaveLength(3);
    expect(cli('upgrade', 'head').status).toBe(0);
  });

  test('a table missing from the barrel is named with the barrel; an empty one goes without --yes', async () => {
    await query(async (db) => {
      await db.schema.createTable('legacy').addColumn('id', 'integer').execute();
      await db.schema.createTable('scratch').addColumn('id', 'integer').execute();
      await db.insertInto('legacy').values({ id: 1 }).execute();
    });
    const refused = cli('revision', '-m', 'drop legacy', '--autogenerate');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/table legacy \(it holds rows; it is in the database but not in the schema loaded from src[/\\]db[/\\]schema[/\\]index\.ts: that barrel may simply not export it\)/);
    expect(refused.stderr).not.toContain('table scratch');
    expect(versions()).toHaveLength(3);

    await query((db) => db.deleteFrom('legacy').execute());
    const dropped = cli('revision', '-m', 'drop leftovers', '--autogenerate', '--rev-id', 'dddd00000004');
    expect(dropped.status).toBe(0);
    expect(dropped.stdout).toContain('Dropping table legacy: it is empty, so no confirmation is needed.');
    expect(dropped.stdout).toContain('Dropping table scratch: it is empty');
    expect(cli('upgrade', 'head').status).toBe(0);
  });

  test('an empty autogenerate writes nothing and says what it compared', async () => {
    await query((db) => db.schema.createTable('audit_log').addColumn('id', 'integer').execute());
    const empty = cli('revision', '-m', 'nothing', '--autogenerate');
    expect(empty.status).toBe(0);
    expect(empty.stdout).toContain('No changes detected');
    expect(empty.stdout).toMatch(
      /The barrel src[/\\]db[/\\]schema[/\\]index\.ts exported 1 table\(s\); the database has 1 \(not counting schemigrate_version and 1 table\(s\) matched by tables\.exclude\)\./,
    );
    expect(empty.stdout).toContain('tables.exclude hides audit_log from autogenerate.');
    expect(versions()).toHaveLength(4);
    expect(await query(async (db) => (await sql`select 1 as one`.execute(db)).rows)).toHaveLength(1);
  });
});
