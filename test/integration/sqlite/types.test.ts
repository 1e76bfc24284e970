import { sql } from 'kysely';
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js';
import type { ColumnType } from '../../../src/model/types.js';
import { openTestDatabase, type OpenSqliteDatabase } from './open-test-database.js';

const ROUND_TRIP_TYPES: readonly ColumnType[] = [
  { kind: 'smallint' },
  { kind: 'integer' },
  { kind: 'bigint' },
  { kind: 'real' },
  { kind: 'double' },
  { kind: 'numeric' },
  { kind: 'numeric', precision: 12 },
  { kind: 'numeric', precision: 10, scale: 2 },
  { kind: 'varchar' },
  { kind: 'varchar', length: 255 },
  { kind: 'char', length: 3 },
  { kind: 'text' },
  { kind: 'boolean' },
  { kind: 'date' },
  { kind: 'time' },
  { kind: 'timestamp', withTimezone: false },
  { kind: 'timestamp', withTimezone: true },
  { kind: 'timestamp', withTimezone: false, precision: 3 },
  { kind: 'timestamp', withTimezone: true, precision: 6 },
  { kind: 'json' },
  { kind: 'jsonb' },
  { kind: 'uuid' },
  { kind: 'blob' },
  { kind: 'custom', sql: 'NVARCHAR(40)' },
  { kind: 'custom', sql: 'int' },
];

describe('sqlite type mapping', () => {
  let open: OpenSqliteDatabase;

  beforeAll(async () => {
    open = await openTestDatabase();
  });

  afterAll(async () => {
    await open.close();
  });

  test.each(ROUND_TRIP_TYPES.map((type) => [JSON.stringify(type), type] as const))(
    '%s survives render, CREATE TABLE and introspection',
    async (_label, type) => {
      const rendered = sqliteDialect.renderer.renderType(type);
      const dataType = rendered.kind === 'builtin' ? (rendered.name as 'text') : sql.raw(rendered.sql);
      const table = `t_${Math.random().toString(36).slice(2)}`;
      await open.db.schema.createTable(table).addColumn('c', dataType).execute();
      const model = await sqliteDialect.introspect(open.db, { isExcluded: (name) => name !== table });
      expect(model.tables[0]!.columns[0]!.type).toEqual(type);
    },
  );

  test('uses Kysely built-in type strings only where Kysely accepts them', () => {
    expect(sqliteDialect.renderer.renderType({ kind: 'numeric', precision: 10, scale: 2 })).toEqual({
      kind: 'builtin',
      name: 'numeric(10, 2)',
    });
    expect(sqliteDialect.renderer.renderType({ kind: 'double' })).toEqual({ kind: 'builtin', name: 'double precision' });
    expect(sqliteDialect.renderer.renderType({ kind: 'numeric', precision: 12 })).toEqual({ kind: 'sql', sql: 'numeric(12)' });
    expect(sqliteDialect.renderer.renderType({ kind: 'custom', sql: 'citext' })).toEqual({ kind: 'sql', sql: 'citext' });
  });

  test('renders enumerations as text (SQLite has no enum types)', () => {
    expect(sqliteDialect.renderer.renderType({ kind: 'enum', name: 'mood', values: ['a', 'b'] })).toEqual({
      kind: 'builtin',
      name: 'text',
    });
  });
});

describe('sqlite canonicalize', () => {
  test('reads back objects created in a scratch database and leaves the real one alone', async () => {
    const open = await openTestDatabase();
    try {
      const model = await sqliteDialect.canonicalize(open.db, async (scratch) => {
        await scratch.schema
          .createTable('t')
          .addColumn('a', 'integer', (c) => c.defaultTo(sql`(1 + 2)`))
          .addCheckConstraint('a_small', sql`a < 10`)
          .execute();
      });
      expect(model.tables).toEqual([
        {
          name: 't',
          columns: [{ name: 'a', type: { kind: 'integer' }, nullable: true, default: { kind: 'expression', sql: '1 + 2' }, autoIncrement: false }],
          foreignKeys: [],
          uniques: [],
          indexes: [],
          checks: [{ name: 'a_small', sql: 'a < 10' }],
        },
      ]);
      expect((await sqliteDialect.introspect(open.db, { isExcluded: () => false })).tables).toEqual([]);
    } finally {
      await open.close();
    }
  });
});
