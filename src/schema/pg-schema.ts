/**
 * `pgSchema(name)`: tables and enumerations in a named PostgreSQL schema (namespace). The
 * default schema (the connection's current schema, usually `public`) needs no declaration:
 * plain `table()` and `enumeration()` live there. Other dialects refuse a named schema when
 * the schema is validated.
 */
import { SchemigrateError } from '../util/errors.js';
import { defineEnumeration, type EnumDefinition } from './enumeration.js';
import { callerModule } from '../util/stack.js';
import { defineTable, type ColumnMap, type TableColumns, type TableDefinition, type TableExtra } from './table.js';

/** Declares tables and enumerations in one named schema. */
export interface PgSchema<S extends string = string> {
  readonly name: S;
  /** `table()` in this schema; queries name it `'<schema>.<table>'`. */
  table<const N extends string, C extends ColumnMap>(
    name: N,
    columns: C,
    extras?: (t: TableColumns<C>) => readonly TableExtra[],
  ): TableDefinition<C, `${S}.${N}`>;
  /** `enumeration()` in this schema. */
  enumeration<const V extends string>(name: string, values: readonly V[]): EnumDefinition<V>;
}

/**
 * A named PostgreSQL schema to declare tables and enumerations in. Autogenerate then reads
 * this schema too (and creates it when the database lacks it); schemas no declaration names
 * are never read, so nothing in them is ever dropped.
 *
 * @example
 * const audit = pgSchema('audit');
 * export const level = audit.enumeration('level', ['info', 'error']);
 * export const events = audit.table('events', {
 *   id: integer().primaryKey(),
 *   userId: integer().references(() => users.columns.id),
 *   level: level().notNull(),
 * });
 */
export function pgSchema<const S extends string>(name: S): PgSchema<S> {
  if (typeof name !== 'string' || name === '') throw new SchemigrateError('pgSchema() needs a schema name.');
  if (name.includes('.')) {
    throw new SchemigrateError(`pgSchema('${name}'): a schema name cannot contain '.', which separates schema and table names.`);
  }
  return Object.freeze({
    name,
    table<const N extends string, C extends ColumnMap>(tableName: N, columns: C, extras?: (t: TableColumns<C>) => readonly TableExtra[]) {
      return defineTable<C, `${S}.${N}`>(tableName, columns, extras, { schema: name, definedIn: callerModule() });
    },
    enumeration<const V extends string>(enumName: string, values: readonly V[]) {
      return defineEnumeration(enumName, values, name);
    },
  });
}
