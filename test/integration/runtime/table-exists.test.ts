/**
 * Each dialect's `tableExists` (one targeted catalog query) and `dialectOf`, which finds the
 * dialect of a Kysely instance by its adapter: the runtime reads the version and checksum
 * tables through them, whoever opened the connection.
 */
import { Kysely, sql } from 'kysely';
import { dialectOf } from '../../../src/dialects/registry.js';
import { readChecksums } from '../../../src/runtime/checksum-table.js';
import { readCurrentHeads } from '../../../src/runtime/version-table.js';
import { forEachDialect } from '../../helpers/databases.js';
import { useOpenDatabase } from './project.js';

forEachDialect((ctx) => {
  const open = useOpenDatabase(ctx.database);

  test('dialectOf names the dialect that opened the connection, also inside a transaction', async () => {
    const { db, dialect } = open();
    expect(await dialectOf(db)).toBe(dialect);
    await db.transaction().execute(async (trx) => {
      expect(await dialectOf(trx)).toBe(dialect);
    });
  });

  test('tableExists: a missing table, a view and a table', async () => {
    const { db, dialect } = open();
    expect(await dialect.tableExists(db, 'sg_probe_table')).toBe(false);
    await sql`create view sg_probe_view as select 1 as version_num`.execute(db);
    expect(await dialect.tableExists(db, 'sg_probe_view')).toBe(false);
    await sql`create table sg_probe_table (version_num varchar(32) primary key)`.execute(db);
    expect(await dialect.tableExists(db, 'sg_probe_table')).toBe(true);
  });

  test('the version and checksum tables read as empty until they exist', async () => {
    const { db } = open();
    expect(await readCurrentHeads(db, 'sg_absent_version')).toEqual([]);
    expect((await readChecksums(db, 'sg_absent_version_checksums')).size).toBe(0);
    await sql`create table sg_present_version (version_num varchar(32) primary key)`.execute(db);
    await sql`insert into sg_present_version values ('aaaa00000001')`.execute(db);
    expect(await readCurrentHeads(db, 'sg_present_version')).toEqual(['aaaa00000001']);
  });
});

test('dialectOf refuses a Kysely instance on an adapter no dialect speaks through', async () => {
  const { DummyDriver, DialectAdapterBase, DefaultQueryCompiler, SqliteIntrospector } = await import('kysely');
  class OtherAdapter extends DialectAdapterBase {
    override async acquireMigrationLock(): Promise<void> {}
    override async releaseMigrationLock(): Promise<void> {}
  }
  const db = new Kysely<any>({
    dialect: {
      createAdapter: () => new OtherAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new SqliteIntrospector(kysely),
      createQueryCompiler: () => new DefaultQueryCompiler(),
    },
  });
  await expect(dialectOf(db)).rejects.toThrow(/No schemigrate dialect speaks through the Kysely adapter OtherAdapter/);
});
