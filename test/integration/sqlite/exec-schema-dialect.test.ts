/**
 * The SQLite connection runs schema-builder statements through better-sqlite3's `exec`: they must
 * behave as through `prepare` + `run` — applied, rolled back with their transaction, failing
 * with SQLite's own error — while every other statement still returns its rows.
 */
import { sql } from 'kysely';
import { openTestDatabase, type OpenSqliteDatabase } from './open-test-database.js';

let open: OpenSqliteDatabase;

beforeEach(async () => {
  open = await openTestDatabase();
});

afterEach(async () => {
  await open.close();
});

async function tables(): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(open.db);
  return rows.map((row) => row.name);
}

test('schema statements apply, and queries around them still return rows', async () => {
  const { db } = open;
  await db.schema.createTable('items').addColumn('id', 'integer', (column) => column.primaryKey()).addColumn('label', 'text').execute();
  await db.schema.createIndex('ix_items_label').on('items').column('label').execute();
  await db.insertInto('items').values({ id: 1, label: 'a' }).execute();
  expect(await db.selectFrom('items').selectAll().execute()).toEqual([{ id: 1, label: 'a' }]);
  await db.schema.alterTable('items').addColumn('note', 'text', (column) => column.defaultTo('none')).execute();
  expect(await db.selectFrom('items').select('note').executeTakeFirst()).toEqual({ note: 'none' });
  await db.schema.dropIndex('ix_items_label').execute();
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name = 'ix_items_label'`.execute(db);
  expect(rows).toEqual([]);
});

test('a schema statement is undone with the transaction it ran in', async () => {
  await expect(
    open.db.transaction().execute(async (trx) => {
      await trx.schema.createTable('doomed').addColumn('id', 'integer').execute();
      expect(await sql<{ name: string }>`select name from sqlite_master where name = 'doomed'`.execute(trx)).toMatchObject({ rows: [{ name: 'doomed' }] });
      throw new Error('abort');
    }),
  ).rejects.toMatchObject({ message: 'abort' });
  expect(await tables()).toEqual([]);
});

test("a failing schema statement fails with SQLite's error", async () => {
  await open.db.schema.createTable('twice').addColumn('id', 'integer').execute();
  await expect(open.db.schema.createTable('twice').addColumn('id', 'integer').execute()).rejects.toMatchObject({
    message: expect.stringContaining('table "twice" already exists'),
  });
  await expect(open.db.schema.createIndex('ix_missing').on('no_such_table').column('id').execute()).rejects.toMatchObject({
    message: expect.stringContaining('no such table'),
  });
});
