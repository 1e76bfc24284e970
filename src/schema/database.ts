/**
 * `Database<typeof schema>`: the declared schema as Kysely's database type, so that queries
 * are typed by the same tables that migrations are generated from (docs/query-types.md).
 */
import type { ColumnType } from 'kysely';
import type { DialectName } from '../config/url.js';
import type { ColumnTypeKind } from '../model/types.js';
import type { AnyColumn, ColumnTypes, InsertRule, KindValue, TypesOf } from './column.js';
import type { InsertedValue, JsonValue, OwnValue, SelectedValue } from './driver-types.js';
import type { TypesOfTable } from './table.js';

type AnyColumnTypes = ColumnTypes<ColumnTypeKind, unknown, boolean, InsertRule>;

/** What `OwnValue` stands for in a column: its `$type` or enumeration values, else a json document or `unknown`. */
type OwnType<T extends AnyColumnTypes> = [T['value']] extends [KindValue] ? (T['kind'] extends 'json' | 'jsonb' ? JsonValue : unknown) : T['value'];

/**
 * A driver value as the column types it: `OwnValue` replaced where the table has it (json,
 * enumerations, `custom`); on the other kinds `$type<T>()` replaces the driver's type outright.
 */
type Own<Value, T extends AnyColumnTypes> = T['kind'] extends 'json' | 'jsonb' | 'enum' | 'custom'
  ? Value extends OwnValue
    ? OwnType<T>
    : Value
  : [T['value']] extends [KindValue]
    ? Value
    : T['value'];

type OrNull<T extends AnyColumnTypes> = T['notNull'] extends true ? never : null;

/**
 * One column as Kysely's `ColumnType<select, insert, update>`. The unions are written out here
 * rather than named, so that editors show them (`string | number`), not an alias.
 */
type ColumnOf<T extends AnyColumnTypes, D extends DialectName> = ColumnType<
  Own<SelectedValue<T['kind'], D>, T> | OrNull<T>,
  T['insert'] extends 'never' ? never : Own<InsertedValue<T['kind'], D>, T> | OrNull<T> | (T['insert'] extends 'optional' ? undefined : never),
  T['insert'] extends 'never' ? never : Own<InsertedValue<T['kind'], D>, T> | OrNull<T>
>;

/** One table's row type. */
type RowOf<C, D extends DialectName> = { [K in keyof C]: C[K] extends AnyColumn ? ColumnOf<TypesOf<C[K]>, D> : never };

/**
 * The barrel's tables by query name, each with its column builders. Mapping the export names to
 * query names (`as`) happens here once: a mapped type that renames its keys recomputes them for
 * every `keyof`, and Kysely asks for `keyof DB` in nearly every query.
 */
type TablesByKey<Schema> = { [K in keyof Schema as TypesOfTable<Schema[K]>['key']]: TypesOfTable<Schema[K]>['columns'] };

/** The query names of the barrel's tables (an alias, so that the mapped type below keeps them resolved). */
type TableKey<Schema> = keyof TablesByKey<Schema>;

/**
 * The Kysely database type of a schema barrel: every exported table (keyed `'audit.events'`
 * for a `pgSchema` table) with its row type; other exports are ignored. `D` picks the driver
 * whose values are typed: one dialect, or, by default, all three — the selected type is then
 * any of theirs and the inserted type one all of them accept.
 *
 * @example
 * import * as schema from './db/schema/index.js';
 * type DB = Database<typeof schema, 'postgres'>;
 * const db = new Kysely<DB>({ dialect });
 */
export type Database<Schema, D extends DialectName = DialectName> = {
  [Q in TableKey<Schema>]: RowOf<TablesByKey<Schema>[Q], D>;
};
