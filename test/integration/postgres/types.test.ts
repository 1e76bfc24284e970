/**
 * Type round trip on PostgreSQL: every canonical type, rendered for Kysely's schema builder,
 * created on the server and introspected, comes back as the same type.
 */
import { isColumnDataType, sql, type ColumnDataType, type Expression } from 'kysely';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import type { ColumnType } from '../../../src/model/types.js';
import { useFreshDatabase } from './fresh-database.js';
import { describeWithServer } from '../../helpers/databases.js';

const fresh = useFreshDatabase();

const TYPES: readonly ColumnType[] = [
  { kind: 'smallint' },
  { kind: 'integer' },
  { kind: 'bigint' },
  { kind: 'real' },
  { kind: 'double' },
  { kind: 'numeric' },
  { kind: 'numeric', precision: 10, scale: 2 },
  { kind: 'numeric', precision: 5, scale: 0 },
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
  { kind: 'enum', name: 'Traffic Light', values: ['red', 'amber', 'green'] },
  { kind: 'custom', sql: 'time with time zone' },
  { kind: 'custom', sql: 'integer[]' },
  { kind: 'custom', sql: 'inet' },
  { kind: 'custom', sql: 'character varying(20)[]' },
];

function dataType(type: ColumnType): ColumnDataType | Expression<unknown> {
  const rendered = postgresDialect.renderer.renderType(type);
  return rendered.kind === 'builtin' ? (rendered.name as ColumnDataType) : sql.raw(rendered.sql);
}

describeWithServer('postgres')('postgres type round trip', () => {
  test.each(TYPES.map((type) => [JSON.stringify(type), type] as const))('%s', async (_label, type) => {
    const { db } = fresh();
    const table = `t_${TYPES.indexOf(type)}`;
    if (type.kind === 'enum') await db.schema.createType(type.name).asEnum(type.values).execute();
    await db.schema.createTable(table).addColumn('value', dataType(type)).execute();
    const model = await postgresDialect.introspect(db, { isExcluded: (name) => name !== table });
    expect(model.tables[0]!.columns[0]!.type).toEqual(type);
  });

  test('renders only type names Kysely accepts as builtin', () => {
    for (const type of TYPES) {
      const rendered = postgresDialect.renderer.renderType(type);
      if (rendered.kind === 'builtin') expect([rendered.name, isColumnDataType(rendered.name)]).toEqual([rendered.name, true]);
    }
    expect(postgresDialect.renderer.renderType({ kind: 'numeric', precision: 10, scale: 2 })).toEqual({
      kind: 'builtin',
      name: 'numeric(10, 2)',
    });
    expect(postgresDialect.renderer.renderType({ kind: 'timestamp', withTimezone: true, precision: 3 })).toEqual({
      kind: 'builtin',
      name: 'timestamptz(3)',
    });
    expect(postgresDialect.renderer.renderType({ kind: 'double' })).toEqual({ kind: 'builtin', name: 'double precision' });
    expect(postgresDialect.renderer.renderType({ kind: 'numeric', precision: 10 })).toEqual({ kind: 'sql', sql: 'numeric(10)' });
    expect(postgresDialect.renderer.renderType({ kind: 'enum', name: 'mood', values: [] })).toEqual({ kind: 'sql', sql: '"mood"' });
  });

  test('numeric with a precision alone comes back with scale 0, as PostgreSQL stores it', async () => {
    const { db } = fresh();
    await db.schema.createTable('precision_only').addColumn('value', dataType({ kind: 'numeric', precision: 10 })).execute();
    const model = await postgresDialect.introspect(db, { isExcluded: (name) => name !== 'precision_only' });
    expect(model.tables[0]!.columns[0]!.type).toEqual({ kind: 'numeric', precision: 10, scale: 0 });
  });

  test('identity columns rendered the dialect way come back as auto-increment', async () => {
    const { db } = fresh();
    expect(postgresDialect.renderer.render({ kind: 'addColumn', table: 't', column: { name: 'id', type: { kind: 'bigint' }, nullable: false, autoIncrement: true } })[0]).toContain('generatedByDefaultAsIdentity()');
    await db.schema
      .createTable('identity_column')
      .addColumn('id', dataType({ kind: 'bigint' }), (column) => column.generatedByDefaultAsIdentity().primaryKey())
      .execute();
    const model = await postgresDialect.introspect(db, { isExcluded: (name) => name !== 'identity_column' });
    expect(model.tables[0]!.columns[0]).toEqual({ name: 'id', type: { kind: 'bigint' }, nullable: false, autoIncrement: true });
  });
});
