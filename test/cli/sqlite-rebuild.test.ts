/**
 * SQLite rebuilds keep everything the table had, and foreign-key verification blames only the
 * revision, through the built binary as a new user would, with rows counted and definitions
 * read by the `sqlite3` client before and after. The table options are refused on the other
 * dialects.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, withoutLintReport } from '../helpers/cli.js';
import { createTestDatabase, forEachDialect, type TestDatabase } from '../helpers/databases.js';

/** The options of the tables of the first test, as the `sqlite3` client prints them. */
const OPTIONS = "SELECT name, strict, wr FROM pragma_table_list WHERE name IN ('notes', 'tags') ORDER BY name";

function writeProject(dir: string, url: string): void {
  // `audit` is made by hand: autogenerate leaves it alone.
  writeFileSync(
    join(dir, 'schemigrate.config.ts'),
    `export default { url: ${JSON.stringify(url)}, schema: './src/db/schema/index.ts', migrations: './migrations', tables: { exclude: ['audit'] } };\n`,
  );
  mkdirSync(join(dir, 'migrations/versions'), { recursive: true });
  mkdirSync(join(dir, 'src/db/schema'), { recursive: true });
}

function writeSchema(dir: string, body: string): void {
  writeFileSync(join(dir, 'src/db/schema/index.ts'), `import { table, integer, text, varchar } from 'schemigrate';\n${body}\n`);
}

/** One query through the `sqlite3` client, its rows as `|`-separated lines. */
function sqlite3(file: string, query: string): string {
  const result = spawnSync('sqlite3', [file, query], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`sqlite3 failed: ${result.stderr}`);
  return result.stdout.trim();
}

describe('sqlite', () => {
  let dir: string;
  let fresh: TestDatabase;
  const file = () => fresh.url.replace(/^sqlite:/, '');
  beforeEach(async () => {
    fresh = await createTestDatabase('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'sg-sqlite-rebuild-'));
    writeProject(dir, fresh.url);
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await fresh.drop();
  });
  const cli = (...args: string[]) => runCli(dir, ...args);
  const versionRows = () => sqlite3(file(), 'SELECT version_num FROM schemigrate_version');

  test('STRICT and WITHOUT ROWID: declared, upgraded, checked, changed, pulled', () => {
    writeSchema(
      dir,
      `export const notes = table('notes', { id: integer().primaryKey(), body: text().notNull() }).strict();
export const tags = table('tags', { name: text().primaryKey(), weight: integer() }).withoutRowid();`,
    );
    expect(cli('revision', '-m', 'options', '--autogenerate', '--rev-id', 'aaaa00000001').status).toBe(0);
    expect(cli('upgrade', 'head').status).toBe(0);
    expect(sqlite3(file(), OPTIONS)).toBe('notes|1|0\ntags|0|1');
    const clean = cli('check');
    expect(clean.stdout).toContain('No differences');
    expect(clean.status).toBe(0);
    sqlite3(file(), "INSERT INTO notes VALUES (1, 'one'), (2, 'two'); INSERT INTO tags VALUES ('a', 1), ('b', 2)");

    // Swap the options: check sees both, autogenerate rebuilds both, the rows stay.
    writeSchema(
      dir,
      `export const notes = table('notes', { id: integer().primaryKey(), body: text().notNull() }).withoutRowid();
export const tags = table('tags', { name: text().primaryKey(), weight: integer() }).strict().withoutRowid();`,
    );
    const dirty = cli('check');
    expect(dirty.status).toBe(2);
    expect(dirty.stdout).toContain('~ table notes: STRICT → WITHOUT ROWID');
    expect(dirty.stdout).toContain('~ table tags: WITHOUT ROWID → STRICT, WITHOUT ROWID');
    const revision = cli('revision', '-m', 'swap options', '--autogenerate', '--rev-id', 'bbbb00000002');
    expect(withoutLintReport(revision.stderr)).toBe('');
    expect(revision.status).toBe(0);
    expect(cli('upgrade', 'head').status).toBe(0);
    expect(sqlite3(file(), OPTIONS)).toBe('notes|0|1\ntags|1|1');
    expect(cli('check').status).toBe(0);
    expect(sqlite3(file(), 'SELECT count(*) FROM notes; SELECT count(*) FROM tags')).toBe('2\n2');

    // Pull writes them; the pulled schema, built on a fresh database, is what this one has.
    const pulled = mkdtempSync(join(tmpdir(), 'sg-sqlite-pulled-'));
    try {
      writeProject(pulled, fresh.url);
      expect(runCli(pulled, 'pull', '--force').status).toBe(0);
      expect(readFileSync(join(pulled, 'src/db/schema/notes.ts'), 'utf8')).toMatch(/\)\.withoutRowid\(\);\n$/);
      expect(readFileSync(join(pulled, 'src/db/schema/tags.ts'), 'utf8')).toMatch(/\)\s*\.strict\(\)\s*\.withoutRowid\(\);\n$/);
      const replay = join(pulled, 'replay.sqlite3');
      writeProject(pulled, `sqlite:${replay}`);
      expect(runCli(pulled, 'revision', '-m', 'replay', '--autogenerate').status).toBe(0);
      expect(runCli(pulled, 'upgrade', 'head').status).toBe(0);
      expect(runCli(pulled, 'check').status).toBe(0);
      expect(sqlite3(replay, OPTIONS)).toBe(sqlite3(file(), OPTIONS));
    } finally {
      rmSync(pulled, { recursive: true, force: true });
    }

    expect(cli('downgrade', '-1').status).toBe(0);
    expect(sqlite3(file(), OPTIONS)).toBe('notes|1|0\ntags|0|1');
    expect(sqlite3(file(), 'SELECT count(*) FROM notes; SELECT count(*) FROM tags')).toBe('2\n2');
    expect(cli('downgrade', 'base').status).toBe(0);
  }, 180_000);

  test('a rebuild keeps triggers and the AUTOINCREMENT counter; a trigger that no longer fits fails it', () => {
    writeSchema(dir, "export const users = table('users', { id: integer().primaryKey().autoIncrement(), email: varchar(200).unique(), name: text() });");
    expect(cli('revision', '-m', 'users', '--autogenerate', '--rev-id', 'cccc00000001').status).toBe(0);
    expect(cli('upgrade', 'head').status).toBe(0);
    // Made by hand after the revision was written: the rebuild must find it at run time.
    sqlite3(
      file(),
      `CREATE TABLE audit (entry text);
       CREATE TRIGGER audit_users AFTER INSERT ON users BEGIN INSERT INTO audit VALUES ('new ' || new.id); END;
       INSERT INTO users (email, name) VALUES ('a@x', 'Ann'), ('b@x', 'Bob'), ('c@x', 'Cy');
       DELETE FROM users WHERE id = 3`,
    );

    writeSchema(dir, "export const users = table('users', { id: integer().primaryKey().autoIncrement(), email: varchar(200).unique(), name: text().notNull() });");
    expect(cli('revision', '-m', 'name required', '--autogenerate', '--rev-id', 'cccc00000002').status).toBe(0);
    const offline = cli('upgrade', 'cccc00000001:head', '--sql');
    expect(offline.status).toBe(0);
    expect(offline.stdout).toMatch(/-- Offline this query returns no rows, so the rebuild below does not re-create the table's triggers.*\nselect "sql" from "sqlite_master" where "type" = 'trigger' and "tbl_name" = 'users' COLLATE NOCASE order by "rowid";/);
    const upgraded = cli('upgrade', 'head');
    expect(upgraded.stderr).toBe('');
    expect(upgraded.status).toBe(0);
    sqlite3(file(), "INSERT INTO users (email, name) VALUES ('d@x', 'Di')");
    expect(sqlite3(file(), "SELECT id FROM users WHERE email = 'd@x'")).toBe('4');
    expect(sqlite3(file(), 'SELECT entry FROM audit ORDER BY rowid')).toBe('new 1\nnew 2\nnew 3\nnew 4');
    expect(sqlite3(file(), "SELECT name FROM sqlite_master WHERE type = 'trigger'")).toBe('audit_users');

    // A trigger naming a column the next rebuild drops: the upgrade fails, naming it, and changes nothing.
    sqlite3(file(), "CREATE TRIGGER audit_email AFTER UPDATE ON users BEGIN INSERT INTO audit VALUES ('mail ' || new.email); END");
    writeSchema(dir, "export const users = table('users', { id: integer().primaryKey().autoIncrement(), name: text().notNull() });");
    expect(cli('--yes', 'revision', '-m', 'drop email', '--autogenerate', '--rev-id', 'cccc00000003').status).toBe(0);
    const schemaBefore = sqlite3(file(), 'SELECT type, name, sql FROM sqlite_master ORDER BY name');
    const rowsBefore = sqlite3(file(), 'SELECT * FROM users ORDER BY id');
    const failed = cli('upgrade', 'head');
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('error in trigger audit_email: no such column: new.email');
    expect(failed.stderr).toContain('The revision was rolled back');
    expect(sqlite3(file(), 'SELECT type, name, sql FROM sqlite_master ORDER BY name')).toBe(schemaBefore);
    expect(sqlite3(file(), 'SELECT * FROM users ORDER BY id')).toBe(rowsBefore);
    expect(versionRows()).toBe('cccc00000002');
  }, 180_000);

  test('an older dangling row warns but does not block a later revision; a new one still fails and rolls back', () => {
    writeSchema(
      dir,
      `export const authors = table('authors', { id: integer().primaryKey(), name: text() });
export const books = table('books', { id: integer().primaryKey(), authorId: integer().references(() => authors.columns.id) });`,
    );
    expect(cli('revision', '-m', 'books', '--autogenerate', '--rev-id', 'dddd00000001').status).toBe(0);
    expect(cli('upgrade', 'head').status).toBe(0);
    sqlite3(file(), "PRAGMA foreign_keys = OFF; INSERT INTO authors VALUES (1, 'Ann'); INSERT INTO books VALUES (10, 1), (11, 99)");

    writeSchema(
      dir,
      `export const authors = table('authors', { id: integer().primaryKey(), name: text() });
export const books = table('books', { id: integer().primaryKey(), authorId: integer().references(() => authors.columns.id) });
export const shelves = table('shelves', { id: integer().primaryKey() });`,
    );
    expect(cli('revision', '-m', 'shelves', '--autogenerate', '--rev-id', 'dddd00000002').status).toBe(0);
    const upgraded = cli('upgrade', 'head');
    expect(upgraded.status).toBe(0);
    expect(upgraded.stderr).toMatch(/^warning: The database already has 1 row\(s\) whose foreign keys point at missing rows: books rowid 11 \(references authors\)\./m);
    expect(versionRows()).toBe('dddd00000002');

    // A hand-written revision that deletes the last author leaves book 10 dangling: its own doing.
    expect(cli('revision', '-m', 'purge authors', '--rev-id', 'dddd00000003').status).toBe(0);
    const purge = join(dir, 'migrations/versions', readdirSync(join(dir, 'migrations/versions')).find((name) => name.startsWith('dddd00000003'))!);
    writeFileSync(purge, readFileSync(purge, 'utf8').replace(/(upgrade\(db: Kysely<any>\): Promise<void> \{\n)  \/\/ No changes\./, "$1  await db.deleteFrom('authors').execute();"));
    const failed = cli('upgrade', 'head');
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('left 1 row(s) whose foreign keys point at missing rows: books rowid 10 (references authors) (1 other such row(s) were there before it');
    expect(failed.stderr).toContain('The revision was rolled back');
    expect(sqlite3(file(), 'SELECT count(*) FROM authors; SELECT count(*) FROM books')).toBe('1\n2');
    expect(versionRows()).toBe('dddd00000002');
  }, 180_000);
});

forEachDialect(
  ({ dialect, database }) => {
    test('STRICT and WITHOUT ROWID are refused: they are SQLite-only', () => {
      const dir = mkdtempSync(join(tmpdir(), 'sg-sqlite-only-'));
      try {
        writeProject(dir, database().url);
        writeSchema(dir, "export const tags = table('tags', { name: varchar(40).primaryKey() }).strict().withoutRowid();");
        const refused = runCli(dir, 'revision', '-m', 'tags', '--autogenerate');
        expect(refused.status).toBe(1);
        const name = dialect === 'postgres' ? 'PostgreSQL' : 'MySQL';
        expect(refused.stderr).toContain(`Table tags: .strict() (STRICT) is SQLite-only; remove it for ${name}.`);
        expect(refused.stderr).toContain(`Table tags: .withoutRowid() (WITHOUT ROWID) is SQLite-only; remove it for ${name}.`);
        expect(readdirSync(join(dir, 'migrations/versions'))).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  },
  ['postgres', 'mysql'],
);
