/**
 * Connecting and running migrations on MariaDB: connect failures, the GET_LOCK migration
 * lock and the scratch database of canonicalize. (Revisions without transactional DDL are
 * covered, for every dialect, by test/integration/runtime/migrate.test.ts.)
 */
import { sql, type Kysely } from 'kysely';
import { mysqlDialect } from '../../../src/dialects/mysql/index.js';
import { lockName } from '../../../src/dialects/mysql/runtime.js';
import { SchemigrateError } from '../../../src/util/errors.js';
import { useFreshDatabase } from './fresh-database.js';
import { signal, withLockTimeout } from '../../helpers/concurrency.js';
import { describeWithServer } from '../../helpers/databases.js';

const fresh = useFreshDatabase();

async function tableNames(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as \`name\` from information_schema.tables where table_schema = database() order by table_name`.execute(db);
  return rows.map((row) => row.name);
}

async function currentDatabase(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ name: string }>`select database() as \`name\``.execute(db);
  return rows[0]!.name;
}

async function databaseExists(db: Kysely<any>, name: string): Promise<boolean> {
  const { rows } = await sql<{ name: string }>`
    select schema_name as \`name\` from information_schema.schemata where schema_name = ${name}`.execute(db);
  return rows.length > 0;
}

describeWithServer('mysql')('mysql connect', () => {
  test('fails at connect time on an unreachable server, without the password', async () => {
    const connecting = mysqlDialect.connect({
      dialect: 'mysql',
      connectionString: 'mysql://app:s3cret-pw@127.0.0.1:1/app',
      display: 'mysql://app:***@127.0.0.1:1/app',
    });
    await expect(connecting).rejects.toThrow(SchemigrateError);
    await expect(connecting).rejects.toThrow(/mysql:\/\/app:\*\*\*@127\.0\.0\.1:1\/app/);
    await expect(connecting).rejects.not.toThrow(/s3cret-pw/);
  });

  test('fails at connect time on a database that does not exist, and on a URL without one', async () => {
    const url = new URL(fresh().url.connectionString);
    url.pathname = '/sg_no_such_database';
    await expect(
      mysqlDialect.connect({ dialect: 'mysql', connectionString: url.toString(), display: url.toString() }),
    ).rejects.toThrow(/Unknown database 'sg_no_such_database'/);
    url.pathname = '/';
    await expect(
      mysqlDialect.connect({ dialect: 'mysql', connectionString: url.toString(), display: url.toString() }),
    ).rejects.toThrow(/names no database/);
  });

  test('sessions run with ANSI_QUOTES, so double-quoted identifiers in schema expressions work', async () => {
    const { rows } = await sql<{ mode: string }>`select @@session.sql_mode as \`mode\``.execute(fresh().db);
    expect(rows[0]!.mode).toMatch(/\bANSI_QUOTES\b/);
  });
});

describeWithServer('mysql')('mysql canonicalize', () => {
  test('reads declared objects back as the server stores them and leaves no database behind', async () => {
    const { db } = fresh();
    let scratchName = '';
    const model = await mysqlDialect.canonicalize(db, async (scratch) => {
      scratchName = await currentDatabase(scratch);
      await scratch.schema
        .createTable('t')
        .addColumn('ok', 'boolean', (col) => col.notNull().defaultTo(true))
        .addColumn('doc', 'json')
        .addColumn('label', 'varchar(10)', (col) => col.defaultTo(sql`(lower('X'))`))
        .execute();
    });
    expect(model.tables.map((table) => table.name)).toEqual(['t']);
    expect(model.tables[0]!.columns.map((column) => [column.name, column.type.kind, column.default])).toEqual([
      ['ok', 'boolean', { kind: 'literal', value: true }],
      ['doc', 'json', undefined],
      ['label', 'varchar', { kind: 'expression', sql: "lcase('X')" }],
    ]);
    expect(scratchName).toMatch(/^schemigrate_scratch_[0-9a-f]{16}$/);
    expect(await databaseExists(db, scratchName)).toBe(false);
    // The lock that marked it as in use is released with it.
    const { rows } = await sql<{ free: number }>`select is_free_lock(${scratchName}) as \`free\``.execute(db);
    expect(Number(rows[0]!.free)).toBe(1);
    expect(await tableNames(db)).not.toContain('t');
    // The pooled connection is back on the test database.
    expect(await currentDatabase(db)).toBe(fresh().name);
  });

  test('drops the scratch database when creating the objects fails', async () => {
    const { db } = fresh();
    let scratchName = '';
    await expect(
      mysqlDialect.canonicalize(db, async (scratch) => {
        scratchName = await currentDatabase(scratch);
        await sql`create table broken (a int references nowhere (id))`.execute(scratch);
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/nowhere|foreign key/i) });
    expect(scratchName).toMatch(/^schemigrate_scratch_/);
    expect(await databaseExists(db, scratchName)).toBe(false);
  });
});

describeWithServer('mysql')('mysql withLock', () => {
  test('serialises two concurrent callers: the second waits for the first to finish', async () => {
    const { db } = fresh();
    const events: string[] = [];
    const firstHolds = signal();
    const releaseFirst = signal();
    const first = mysqlDialect.withLock(db, async () => {
      events.push('first in');
      firstHolds.fire();
      await releaseFirst.promise;
      events.push('first out');
    });
    await firstHolds.promise;
    const second = mysqlDialect.withLock(db, async () => {
      events.push('second in');
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toEqual(['first in']);
    releaseFirst.fire();
    await Promise.all([first, second]);
    expect(events).toEqual(['first in', 'first out', 'second in']);
  });

  test('times out with a clear message when another session holds the lock', async () => {
    const { db, name } = fresh();
    await db.connection().execute(async (holder) => {
      await sql`select get_lock(${lockName(name)}, 0)`.execute(holder);
      try {
        const waiting = withLockTimeout('1', () => mysqlDialect.withLock(db, async () => 'never'));
        await expect(waiting).rejects.toThrow(SchemigrateError);
        await expect(waiting).rejects.toThrow(/held the migration lock for over 1 s \(MySQL GET_LOCK 'schemigrate:sg_test_[0-9a-f]+'\)/);
      } finally {
        await sql`select release_lock(${lockName(name)})`.execute(holder);
      }
    });
  });

  test('releases the lock when the work fails', async () => {
    const { db, name } = fresh();
    await expect(mysqlDialect.withLock(db, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const { rows } = await sql<{ free: number }>`select is_free_lock(${lockName(name)}) as \`free\``.execute(db);
    expect(Number(rows[0]!.free)).toBe(1);
  });
});
