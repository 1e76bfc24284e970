/**
 * `table(name, columns, extras?)`: a table definition, branded so that any copy of this
 * package recognises it, and registered so the barrel loader can tell defined from exported.
 */
import { SchemigrateError } from '../util/errors.js';
import { columnData, extraData, TABLE, type ExtraData, type TableData } from './brands.js';
import type { ColumnBuilder } from './column.js';
import { ColumnRef } from './column-ref.js';
import type { check, ForeignKeyBuilder, PrimaryKeyBuilder, UniqueBuilder } from './constraints.js';
import type { IndexBuilder } from './index-builder.js';
import { registerTable } from './registry.js';
import { callerModule } from './stack.js';

/** The column references of a table, by key: `users.columns.id`, or `t.id` in extras. */
export type TableColumns<C> = { readonly [K in keyof C]: ColumnRef };

/** Anything a table's extras may return. */
export type TableExtra = IndexBuilder | UniqueBuilder | PrimaryKeyBuilder | ForeignKeyBuilder | ReturnType<typeof check>;

export interface TableDefinition<C extends Record<string, ColumnBuilder> = Record<string, ColumnBuilder>> {
  readonly [TABLE]: TableData;
  readonly name: string;
  readonly columns: TableColumns<C>;
  /**
   * This table with a comment.
   *
   * @example
   * export const users = table('users', { id: integer().primaryKey() }).comment('people who can sign in');
   */
  comment(text: string): TableDefinition<C>;
  /**
   * SQLite only: this table as a `STRICT` table, whose columns hold only values of their declared
   * type (which must then be `integer()`, `real()`, `text()`, `blob()` or `custom('any')`).
   *
   * @example
   * export const events = table('events', { id: integer().primaryKey(), body: text() }).strict();
   */
  strict(): TableDefinition<C>;
  /**
   * SQLite only: this table as a `WITHOUT ROWID` table, stored in its primary key's order.
   *
   * @example
   * export const tags = table('tags', { name: text().primaryKey() }).withoutRowid();
   */
  withoutRowid(): TableDefinition<C>;
}

function columnsOf(name: string, columns: Record<string, unknown>): TableData['columns'] {
  return Object.entries(columns).map(([key, value]) => {
    const data = columnData(value);
    if (data === undefined) {
      const hint = typeof value === 'function' ? ' (missing parentheses, as in integer() or mood()?)' : '';
      throw new SchemigrateError(`Column '${key}' of table '${name}' is not a column type such as integer() or text()${hint}.`);
    }
    return [key, data] as const;
  });
}

function extrasOf(name: string, extras: unknown): ExtraData[] {
  if (!Array.isArray(extras)) {
    throw new SchemigrateError(`The extras of table '${name}' must return an array, e.g. (t) => [index().on(t.email)].`);
  }
  return extras.map((extra) => {
    const data = extraData(extra);
    if (data === undefined) {
      throw new SchemigrateError(`Table '${name}' has an extra that is not index(), unique(), primaryKey(), foreignKey() or check().`);
    }
    return data;
  });
}

function definition<C extends Record<string, ColumnBuilder>>(data: TableData, columns: TableColumns<C>): TableDefinition<C> {
  const table: TableDefinition<C> = Object.freeze({
    [TABLE]: data,
    name: data.name,
    columns,
    comment(text: string) {
      return definition({ ...data, comment: text }, columns);
    },
    strict() {
      return definition({ ...data, strict: true }, columns);
    },
    withoutRowid() {
      return definition({ ...data, withoutRowid: true }, columns);
    },
  });
  registerTable(table);
  return table;
}

/**
 * Declare a table. A column's database name is its key; the third argument returns the
 * table's indexes and constraints.
 *
 * @example
 * export const users = table('users', {
 *   id: integer().primaryKey().autoIncrement(),
 *   email: varchar(255).notNull(),
 * }, (t) => [unique().on(t.email)]);
 */
export function table<C extends Record<string, ColumnBuilder>>(
  name: string,
  columns: C,
  extras?: (t: TableColumns<C>) => readonly TableExtra[],
): TableDefinition<C> {
  return defineTable(name, columns, extras, { definedIn: callerModule() });
}

/** Where a table is declared: its named schema (`pgSchema`) and the module that declared it. */
export interface TablePlace {
  readonly schema?: string;
  readonly definedIn: string | undefined;
}

/**
 * `table()` with its place given: shared by `table()` and `pgSchema(name).table()`, which each
 * read the calling module from their own stack frame.
 *
 * @example
 * defineTable('events', { id: integer() }, undefined, { schema: 'audit', definedIn: callerModule() });
 */
export function defineTable<C extends Record<string, ColumnBuilder>>(
  name: string,
  columns: C,
  extras: ((t: TableColumns<C>) => readonly TableExtra[]) | undefined,
  { schema, definedIn }: TablePlace,
): TableDefinition<C> {
  if (typeof name !== 'string' || name === '') throw new SchemigrateError('table() needs a name as its first argument.');
  if (typeof columns !== 'object' || columns === null) {
    throw new SchemigrateError(`table('${name}') needs its columns as an object, e.g. { id: integer().primaryKey() }.`);
  }
  const columnList = columnsOf(name, columns);
  const refs = Object.freeze(
    Object.fromEntries(
      columnList.map(([key]) => [key, new ColumnRef({ table: name, ...(schema !== undefined && { schema }), column: key, descending: false })]),
    ),
  ) as TableColumns<C>;
  const extraList = extras === undefined ? [] : extrasOf(name, extras(refs));
  return definition(
    {
      name,
      ...(schema !== undefined && { schema }),
      columns: columnList,
      extras: extraList,
      ...(definedIn === undefined ? {} : { definedIn }),
    },
    refs,
  );
}
