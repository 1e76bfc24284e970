/**
 * `table(name, columns, extras?)`: a table definition, branded so that any copy of this
 * package recognises it, and registered so the barrel loader can tell defined from exported.
 */
import { SchemigrateError } from '../util/errors.js';
import { columnData, extraData, TABLE, type ExtraData, type TableData } from './brands.js';
import type { AnyColumn } from './column.js';
import { ColumnRef } from './column-ref.js';
import type { check, ForeignKeyBuilder, PrimaryKeyBuilder, UniqueBuilder } from './constraints.js';
import type { IndexBuilder } from './index-builder.js';
import { registerTable } from './registry.js';
import { callerModule } from '../util/stack.js';

/** The column references of a table, by key: `users.columns.id`, or `t.id` in extras. */
export type TableColumns<C> = { readonly [K in keyof C]: ColumnRef };

/** Anything a table's extras may return. */
export type TableExtra = IndexBuilder | UniqueBuilder | PrimaryKeyBuilder | ForeignKeyBuilder | ReturnType<typeof check>;

/** A table's columns as declared: each key's builder, with its types. */
export type ColumnMap = Record<string, AnyColumn>;

declare const tableTypes: unique symbol;

/** What a table definition tells the type system: its columns and its name in queries. */
export interface TableTypes<C extends ColumnMap = ColumnMap, Q extends string = string> {
  readonly columns: C;
  readonly key: Q;
}

/**
 * The `TableTypes` of a table definition; never for anything else (an enumeration, a helper).
 *
 * @example
 * type Key = TypesOfTable<typeof events>['key']; // 'audit.events'
 */
export type TypesOfTable<T> = T extends { readonly [TABLE]: TableData; readonly [tableTypes]?: infer X extends TableTypes } ? X : never;

/**
 * A declared table. `C` (its column builders) and `Q` (its name, qualified by its `pgSchema`
 * as `'audit.events'`) are what `Database<typeof schema>` reads; they exist only as types.
 */
export interface TableDefinition<C extends ColumnMap = ColumnMap, Q extends string = string> {
  readonly [TABLE]: TableData;
  readonly [tableTypes]?: TableTypes<C, Q>;
  readonly name: string;
  readonly columns: TableColumns<C>;
  /**
   * This table with a comment.
   *
   * @example
   * export const users = table('users', { id: integer().primaryKey() }).comment('people who can sign in');
   */
  comment(text: string): TableDefinition<C, Q>;
  /**
   * SQLite only: this table as a `STRICT` table, whose columns hold only values of their declared
   * type (which must then be `integer()`, `real()`, `text()`, `blob()` or `custom('any')`).
   *
   * @example
   * export const events = table('events', { id: integer().primaryKey(), body: text() }).strict();
   */
  strict(): TableDefinition<C, Q>;
  /**
   * SQLite only: this table as a `WITHOUT ROWID` table, stored in its primary key's order.
   *
   * @example
   * export const tags = table('tags', { name: text().primaryKey() }).withoutRowid();
   */
  withoutRowid(): TableDefinition<C, Q>;
}

/**
 * A table's name, refused where it would not be read back as written: Kysely, the revision
 * code and every table identity in schemigrate read `a.b` as table `b` of schema `a` (MySQL
 * would create it in database `a`).
 */
function checkTableName(name: string, schema: string | undefined): void {
  if (!name.includes('.')) return;
  const [first, ...rest] = name.split('.');
  throw new SchemigrateError(
    schema === undefined
      ? `table('${name}'): a table name cannot contain '.', which Kysely and revision code read as the separator of a schema and a table (MySQL would create table '${rest.join('.')}' in database '${first}'). ` +
          `For a table in a named PostgreSQL schema, declare it with pgSchema('${first}').table('${rest.join('.')}', …); otherwise choose a name without '.'.`
      : `Table '${name}' in schema '${schema}': a table name cannot contain '.', which separates schema and table names.`,
  );
}

/**
 * The columns, read as the object's own enumerable keys, so that any name works — `constructor`,
 * `toString`, or `__proto__` written as a computed key. A bare `__proto__: integer()` sets the
 * object's prototype instead of declaring a column: refused rather than lost.
 */
function columnsOf(name: string, columns: Record<string, unknown>): TableData['columns'] {
  const prototype: unknown = Object.getPrototypeOf(columns);
  if (prototype !== Object.prototype && prototype !== null && columnData(prototype) !== undefined) {
    throw new SchemigrateError(
      `table('${name}') has a column written \`__proto__: …\`: JavaScript reads that as the object's prototype, not as a key, so the column would be lost. Write it as a computed key, \`['__proto__']: …\`.`,
    );
  }
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

function definition<C extends ColumnMap, Q extends string>(data: TableData, columns: TableColumns<C>): TableDefinition<C, Q> {
  const table: TableDefinition<C, Q> = Object.freeze({
    [TABLE]: data,
    name: data.name,
    columns,
    comment(text: string) {
      return definition<C, Q>({ ...data, comment: text }, columns);
    },
    strict() {
      return definition<C, Q>({ ...data, strict: true }, columns);
    },
    withoutRowid() {
      return definition<C, Q>({ ...data, withoutRowid: true }, columns);
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
export function table<const N extends string, C extends ColumnMap>(
  name: N,
  columns: C,
  extras?: (t: TableColumns<C>) => readonly TableExtra[],
): TableDefinition<C, N> {
  return defineTable<C, N>(name, columns, extras, { definedIn: callerModule() });
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
export function defineTable<C extends ColumnMap, Q extends string>(
  name: string,
  columns: C,
  extras: ((t: TableColumns<C>) => readonly TableExtra[]) | undefined,
  { schema, definedIn }: TablePlace,
): TableDefinition<C, Q> {
  if (typeof name !== 'string' || name === '') throw new SchemigrateError('table() needs a name as its first argument.');
  checkTableName(name, schema);
  if (typeof columns !== 'object' || columns === null) {
    throw new SchemigrateError(`table('${name}') needs its columns as an object, e.g. { id: integer().primaryKey() }.`);
  }
  const columnList = columnsOf(name, columns);
  // No prototype: `t.constructor` or `t.toString` is a column or nothing, never Object's.
  const refs = Object.freeze(
    Object.setPrototypeOf(
      Object.fromEntries(
        columnList.map(([key]) => [key, new ColumnRef({ table: name, ...(schema !== undefined && { schema }), column: key, descending: false })]),
      ),
      null,
    ),
  ) as TableColumns<C>;
  const extraList = extras === undefined ? [] : extrasOf(name, extras(refs));
  return definition<C, Q>(
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
