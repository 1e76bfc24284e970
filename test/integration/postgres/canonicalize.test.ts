/**
 * Canonicalisation on PostgreSQL: declared objects come back in the server's own spelling,
 * and nothing of the scratch schema survives.
 */
import { sql, type Kysely } from 'kysely';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import { useFreshDatabase } from './fresh-database.js';
import { describeWithServer } from '../../helpers/databases.js';

const fresh = useFreshDatabase();

async function scratchSchemas(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ nspname: string }>`
    select nspname from pg_namespace where nspname like 'schemigrate_scratch_%'`.execute(db);
  return rows.map((row) => row.nspname);
}

describeWithServer('postgres')('postgres canonicalize', () => {
  beforeAll(async () => {
    // Objects of the caller's schema: a same-named enum and a domain the declared code uses.
    await sql.raw(`
      create type mood as enum ('old');
      create domain positive_int as integer check (value > 0);
      create table existing (id integer);
    `).execute(fresh().db);
  });

  test('returns defaults, checks and index expressions as the server rewrites them', async () => {
    const { db } = fresh();
    const model = await postgresDialect.canonicalize(db, async (scratch) => {
      await scratch.schema.createType('mood').asEnum(['sad', 'happy']).execute();
      await scratch.schema
        .createTable('items')
        .addColumn('id', 'integer', (column) => column.generatedByDefaultAsIdentity().primaryKey())
        .addColumn('code', 'varchar(10)', (column) => column.defaultTo(sql`'a' || 'b'`))
        .addColumn('status', 'varchar(10)', (column) => column.notNull().defaultTo('new'))
        .addColumn('feeling', sql`mood`)
        .addColumn('amount', sql`positive_int`)
        .addCheckConstraint('items_status_known', sql`status in ('new', 'done')`)
        .execute();
      await scratch.schema.createIndex('items_code_lower').on('items').expression(sql`lower(code)`).execute();
    });

    expect(model.enums).toEqual([{ name: 'mood', values: ['sad', 'happy'] }]);
    expect(model.tables.map((table) => table.name)).toEqual(['items']);
    const [items] = model.tables;
    expect(items!.columns.map((column) => [column.name, column.type, column.default])).toEqual([
      ['id', { kind: 'integer' }, undefined],
      ['code', { kind: 'varchar', length: 10 }, { kind: 'expression', sql: "('a'::text || 'b'::text)" }],
      ['status', { kind: 'varchar', length: 10 }, { kind: 'literal', value: 'new' }],
      ['feeling', { kind: 'enum', name: 'mood', values: ['sad', 'happy'] }, undefined],
      ['amount', { kind: 'custom', sql: 'positive_int' }, undefined],
    ]);
    expect(items!.checks).toEqual([
      {
        name: 'items_status_known',
        sql: "status::text = ANY (ARRAY['new'::character varying, 'done'::character varying]::text[])",
      },
    ]);
    expect(items!.indexes).toEqual([
      { name: 'items_code_lower', unique: false, parts: [{ kind: 'expression', sql: 'lower(code::text)', descending: false }] },
    ]);
  });

  test('leaves nothing behind, also when the declared code fails', async () => {
    const { db } = fresh();
    await postgresDialect.canonicalize(db, async (scratch) => {
      await scratch.schema.createTable('kept_nowhere').addColumn('a', 'text').execute();
    });
    await expect(
      postgresDialect.canonicalize(db, async (scratch) => {
        await scratch.schema.createTable('half_done').addColumn('a', 'text').execute();
        await sql`select no_such_function()`.execute(scratch);
      }),
    ).rejects.toThrow(/no_such_function/);

    expect(await scratchSchemas(db)).toEqual([]);
    const model = await postgresDialect.introspect(db, { isExcluded: () => false });
    expect(model.tables.map((table) => table.name)).toEqual(['existing']);
    expect(model.enums).toEqual([{ name: 'mood', values: ['old'] }]);
    const { rows } = await sql<{ path: string }>`select current_setting('search_path') as path`.execute(db);
    expect(rows[0]!.path).toBe('"$user", public');
  });

  test('works on the dedicated connection of the lock', async () => {
    const model = await postgresDialect.withLock(fresh().db, (conn) =>
      postgresDialect.canonicalize(conn, async (scratch) => {
        await scratch.schema.createTable('locked').addColumn('at', 'timestamptz', (c) => c.defaultTo(sql`now()`)).execute();
      }),
    );
    expect(model.tables[0]!.columns[0]!.default).toEqual({ kind: 'expression', sql: 'now()' });
    expect(await scratchSchemas(fresh().db)).toEqual([]);
  });
});
