/**
 * Validation on PostgreSQL: names the server would truncate are refused before any SQL runs.
 */
import { sql } from 'kysely';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import type { Model, Table } from '../../../src/model/types.js';
import { useFreshDatabase } from './fresh-database.js';
import { describeWithServer } from '../../helpers/databases.js';

const fresh = useFreshDatabase();

function table(name: string, overrides: Partial<Table> = {}): Table {
  return {
    name,
    columns: [{ name: 'id', type: { kind: 'integer' }, nullable: false, autoIncrement: true }],
    foreignKeys: [],
    uniques: [],
    indexes: [],
    checks: [],
    ...overrides,
  };
}

describeWithServer('postgres')('postgres validate', () => {
  test('accepts names of 63 bytes and every portable feature', () => {
    const schema: Model = {
      tables: [
        table('t'.repeat(63), {
          primaryKey: { name: 'p'.repeat(63), columns: ['id'] },
          checks: [{ name: 'ck', sql: 'id > 0' }],
          indexes: [{ name: 'ix', unique: true, parts: [{ kind: 'column', name: 'id', descending: true }], method: 'gin' }],
        }),
      ],
      enums: [{ name: 'mood', values: ['v'.repeat(63)] }],
    };
    expect(postgresDialect.validate(schema)).toEqual([]);
  });

  test('names every identifier over 63 bytes, counting bytes rather than characters', () => {
    const schema: Model = {
      tables: [
        table('é'.repeat(32), {
          columns: [{ name: 'c'.repeat(64), type: { kind: 'text' }, nullable: true, autoIncrement: false }],
          indexes: [{ name: 'i'.repeat(70), unique: false, parts: [] }],
        }),
      ],
      enums: [{ name: 'mood', values: ['v'.repeat(64)] }],
    };
    const e = 'é'.repeat(32);
    expect(postgresDialect.validate(schema)).toEqual([
      `Table "${e}" is 64 bytes long; PostgreSQL keeps at most 63 and would truncate it.`,
      `Column "${'c'.repeat(64)}" of table "${e}" is 64 bytes long; PostgreSQL keeps at most 63 and would truncate it.`,
      `Index "${'i'.repeat(70)}" of table "${e}" is 70 bytes long; PostgreSQL keeps at most 63 and would truncate it.`,
      `Value "${'v'.repeat(64)}" of enum "mood" is 64 bytes long; PostgreSQL keeps at most 63 and would truncate it.`,
    ]);
  });

  test('the limit is the server’s: a 64-byte table name comes back truncated', async () => {
    const { db } = fresh();
    await db.schema.createTable('x'.repeat(64)).addColumn('id', 'integer').execute();
    const model = await postgresDialect.introspect(db, { isExcluded: () => false });
    expect(model.tables.map((t) => t.name)).toEqual(['x'.repeat(postgresDialect.maxIdentifierLength)]);
    const { rows } = await sql<{ max: number }>`select current_setting('max_identifier_length')::int as max`.execute(db);
    expect(rows[0]!.max).toBe(postgresDialect.maxIdentifierLength);
  });
});
