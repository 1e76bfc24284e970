/**
 * What MySQL/MariaDB cannot express is refused at `revision` time, naming table and column —
 * never silently dropped. Run after connecting, since MySQL 8 accepts expression indexes that
 * MariaDB refuses.
 */
import { mysqlDialect } from '../../../src/dialects/mysql/index.js';
import type { Column, Model, Table } from '../../../src/model/types.js';
import { useFreshDatabase } from './fresh-database.js';
import { describeWithServer } from '../../helpers/databases.js';

const fresh = useFreshDatabase();

function col(name: string, type: Column['type'], extra: Partial<Column> = {}): Column {
  return { name, type, nullable: true, autoIncrement: false, ...extra };
}

function table(extra: Partial<Table>): Table {
  return {
    name: 'events',
    columns: [col('id', { kind: 'integer' }, { nullable: false, autoIncrement: true })],
    primaryKey: { columns: ['id'] },
    foreignKeys: [],
    uniques: [],
    indexes: [],
    checks: [],
    ...extra,
  };
}

const model = (...tables: Table[]): Model => ({ tables, enums: [] });

describeWithServer('mysql')('mysql validate', () => {
  beforeAll(() => {
    // The server validate checks against is the one connected last.
    fresh();
  });

  test('a schema MySQL can express passes, prefix key parts included', () => {
    const ok = table({
      columns: [
        col('id', { kind: 'integer' }, { nullable: false, autoIncrement: true }),
        col('title', { kind: 'text' }),
        col('at', { kind: 'timestamp', withTimezone: false }),
      ],
      indexes: [{ name: 'ix_events_title', unique: false, parts: [{ kind: 'expression', sql: 'title(100)', descending: false }] }],
    });
    expect(mysqlDialect.validate(model(ok))).toEqual([]);
  });

  test('timestamp with time zone, varchar without length, partial, expression and gin indexes, deferrable keys', () => {
    const bad = table({
      columns: [
        col('id', { kind: 'integer' }, { nullable: false, autoIncrement: true }),
        col('at', { kind: 'timestamp', withTimezone: true }),
        col('name', { kind: 'varchar' }),
        col('body', { kind: 'text' }),
      ],
      uniques: [{ name: 'uq_events_body', columns: ['body'] }],
      indexes: [
        { name: 'ix_partial', unique: false, parts: [{ kind: 'column', name: 'at', descending: false }], where: 'id > 0' },
        { name: 'ix_lower', unique: false, parts: [{ kind: 'expression', sql: 'lower(name)', descending: false }] },
        { name: 'ix_gin', unique: false, parts: [{ kind: 'column', name: 'id', descending: false }], method: 'gin' },
      ],
      foreignKeys: [{ name: 'fk_self', columns: ['id'], referencedTable: 'events', referencedColumns: ['id'], deferrable: 'deferred' }],
    });
    expect(mysqlDialect.validate(model(bad))).toEqual([
      'Column at of table events: MySQL has no timestamp with time zone; declare timestamp() (datetime) and store UTC.',
      'Column name of table events: MySQL needs a length for varchar; write varchar(n) or text().',
      "Index ix_partial on table events: MySQL has no partial indexes (WHERE id > 0).",
      'Index ix_lower on table events: MariaDB cannot index the expression lower(name) (index a generated column instead).',
      'Index ix_gin on table events: MySQL has no gin indexes (only btree, hash, fulltext and spatial).',
      'Unique constraint uq_events_body on table events covers column body, whose type MySQL indexes only by a prefix; use varchar(n), or an index on sql`body(100)`.',
      'Foreign key fk_self on table events: deferrable foreign keys are PostgreSQL-only.',
    ]);
  });

  test('a generated column computed from the auto-increment column', () => {
    const generated = table({
      columns: [
        col('id', { kind: 'integer' }, { nullable: false, autoIncrement: true }),
        col('twice', { kind: 'integer' }, { generated: { sql: 'id * 2', stored: false } }),
      ],
    });
    expect(mysqlDialect.validate(model(generated))).toEqual([
      'Column twice of table events: MySQL cannot compute a generated column from the auto-increment column id.',
    ]);
  });

  test('names longer than 64 characters', () => {
    const long = 'x'.repeat(65);
    expect(mysqlDialect.validate(model(table({ name: long })))).toEqual([
      `Table ${long} is 65 characters long; MySQL allows at most 64.`,
    ]);
  });
});
