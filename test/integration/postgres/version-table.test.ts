/**
 * The version table is looked up in the current schema only, by a catalog query that cannot
 * abort an open transaction.
 */
import { sql } from 'kysely';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import { readCurrentHeads } from '../../../src/runtime/version-table.js';
import { useFreshDatabase } from './fresh-database.js';
import { testWithServer } from '../../helpers/databases.js';

const fresh = useFreshDatabase();

testWithServer('postgres')('a table of that name in another schema is not the version table', async () => {
  const { db } = fresh();
  await sql`create schema elsewhere`.execute(db);
  await sql`create table elsewhere.schemigrate_version (version_num varchar(32) primary key)`.execute(db);
  await sql`insert into elsewhere.schemigrate_version values ('aaaa00000001')`.execute(db);
  await sql`create view schemigrate_view as select 1 as version_num`.execute(db);
  expect(await postgresDialect.tableExists(db, 'schemigrate_version')).toBe(false);
  expect(await postgresDialect.tableExists(db, 'schemigrate_view')).toBe(false);
  expect(await readCurrentHeads(db, 'schemigrate_version')).toEqual([]);
});

testWithServer('postgres')('inside a transaction, asking about a missing table leaves the transaction usable', async () => {
  const { db } = fresh();
  await db.transaction().execute(async (trx) => {
    expect(await postgresDialect.tableExists(trx, 'sg_missing_version')).toBe(false);
    await sql`create table sg_after (id integer)`.execute(trx);
    expect(await postgresDialect.tableExists(trx, 'sg_after')).toBe(true);
  });
});
