/**
 * Strict sessions on MySQL/MariaDB: on a server whose global sql_mode is empty (a private
 * MariaDB started with --sql-mode=''), a revision that would truncate or coerce rows fails
 * through the built CLI, naming the statement, and leaves every row as it was.
 */
import mysql from 'mysql2/promise';
import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import { mysqlDialect } from '../../src/dialects/mysql/index.js';
import { runCli } from '../helpers/cli.js';
import { usePrivateMariadb } from '../helpers/private-mariadb.js';
import { createProject } from '../helpers/project.js';

const server = usePrivateMariadb(['--sql-mode=']);

/** Run `fn` on a plain mysql2 connection (the server's own session mode) to `database`. */
async function direct<T>(url: string, fn: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection({ uri: url });
  try {
    return await fn(connection);
  } finally {
    await connection.end();
  }
}

async function freshDatabase(): Promise<string> {
  const name = `sg_strict_${randomBytes(4).toString('hex')}`;
  await direct(server().serverUrl, (connection) => connection.query(`create database \`${name}\``));
  return server().urlOf(name);
}

async function rowsOf(url: string): Promise<unknown[]> {
  return direct(url, async (connection) => (await connection.query('select * from t order by id'))[0] as unknown[]);
}

function schema(column: string): Record<string, string> {
  return { 'index.ts': `import { table, integer, varchar, text } from 'schemigrate';\nexport const t = table('t', { id: integer().primaryKey(), ${column} });\n` };
}

interface LossyCase {
  readonly change: string;
  readonly before: string;
  readonly after: string;
  readonly rows: string;
  readonly statement: string;
}

const CASES: readonly LossyCase[] = [
  {
    change: 'varchar(200) → varchar(20) over longer values',
    before: 's: varchar(200)',
    after: 's: varchar(20)',
    rows: "(1, repeat('x', 100)), (2, 'short')",
    statement: 'alter table `t` modify column `s` varchar(20)',
  },
  {
    change: "text → integer over 'abc'",
    before: 'm: text()',
    after: 'm: integer()',
    rows: "(1, 'abc'), (2, '42')",
    statement: 'alter table `t` modify column `m` integer',
  },
  {
    change: 'nullable → NOT NULL over NULLs',
    before: 'n: text()',
    after: 'n: text().notNull()',
    rows: "(1, null), (2, 'kept')",
    statement: 'alter table `t` modify column `n` text not null',
  },
];

describe('mysql strict sessions on a server whose sql_mode is empty', () => {
  test('the server is not strict: a plain session truncates and warns', async () => {
    const url = await freshDatabase();
    const { global, value } = await direct(url, async (connection) => {
      const [[mode]] = (await connection.query('select @@global.sql_mode as `global`')) as [{ global: string }[], unknown];
      await connection.query('create table t (s varchar(200))');
      await connection.query("insert into t values (repeat('x', 100))");
      await connection.query('alter table t modify column s varchar(20)');
      const [[row]] = (await connection.query('select s as value from t')) as [{ value: string }[], unknown];
      return { global: mode!.global, value: row!.value };
    });
    expect(global).toBe('');
    expect(value).toBe('x'.repeat(20));
  });

  test('a schemigrate session runs with STRICT_ALL_TABLES and ANSI_QUOTES there', async () => {
    const url = await freshDatabase();
    const db = await mysqlDialect.connect({ dialect: 'mysql', connectionString: url, display: url });
    try {
      const { rows } = await sql<{ global: string; session: string }>`
        select @@global.sql_mode as \`global\`, @@session.sql_mode as \`session\``.execute(db);
      expect(rows[0]!.global).toBe('');
      expect(rows[0]!.session.split(',')).toEqual(expect.arrayContaining(['ANSI_QUOTES', 'STRICT_ALL_TABLES']));
    } finally {
      await db.destroy();
    }
  });

  test('a server-wide NO_BACKSLASH_ESCAPES is left out of the session, so backslashes in literals keep their meaning', async () => {
    const url = await freshDatabase();
    // The private server's global mode; it is put back for the tests after this one.
    await direct(server().serverUrl, (connection) => connection.query("set global sql_mode = 'NO_BACKSLASH_ESCAPES,NO_ENGINE_SUBSTITUTION'"));
    try {
      const db = await mysqlDialect.connect({ dialect: 'mysql', connectionString: url, display: url });
      try {
        const { rows } = await sql<{ session: string; value: string }>`
          select @@session.sql_mode as \`session\`, ${sql.lit('C:\\tmp\\')} as \`value\``.execute(db);
        const mode = rows[0]!.session.split(',');
        expect(mode).toEqual(expect.arrayContaining(['ANSI_QUOTES', 'NO_ENGINE_SUBSTITUTION', 'STRICT_ALL_TABLES']));
        expect(mode).not.toContain('NO_BACKSLASH_ESCAPES');
        expect(rows[0]!.value).toBe('C:\\tmp\\');
      } finally {
        await db.destroy();
      }
    } finally {
      await direct(server().serverUrl, (connection) => connection.query("set global sql_mode = ''"));
    }
  });

  for (const lossy of CASES) {
    test(`${lossy.change}: upgrade fails naming the statement, and the rows stay as they were`, async () => {
      const url = await freshDatabase();
      const project = createProject(url);
      try {
        project.writeSchema(schema(lossy.before));
        expect(runCli(project.dir, 'revision', '-m', 'create t', '--autogenerate', '--rev-id', 'aaaa00000001').status).toBe(0);
        expect(runCli(project.dir, 'upgrade', 'head').status).toBe(0);
        await direct(url, (connection) => connection.query(`insert into t values ${lossy.rows}`));
        const before = await rowsOf(url);
        expect(before).toHaveLength(2);

        project.writeSchema(schema(lossy.after));
        expect(runCli(project.dir, 'revision', '-m', 'narrow', '--autogenerate', '-y', '--rev-id', 'bbbb00000002').status).toBe(0);
        const upgrade = runCli(project.dir, 'upgrade', 'head');
        expect(upgrade.status).toBe(1);
        expect(upgrade.stderr).toContain('The upgrade of revision bbbb00000002 (narrow) failed');
        expect(upgrade.stderr).toContain('bbbb00000002_narrow.ts');
        expect(upgrade.stderr).toContain(`Failing statement: ${lossy.statement}`);

        expect(await rowsOf(url)).toEqual(before);
        const versions = await direct(url, async (connection) => (await connection.query('select version_num from schemigrate_version'))[0]);
        expect(versions).toEqual([{ version_num: 'aaaa00000001' }]);
      } finally {
        project.remove();
      }
    });
  }
});
