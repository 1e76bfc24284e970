/**
 * The data behind every schema-language object, stored under `Symbol.for` keys. A user's
 * schema modules may load another copy of this package than the CLI's, so objects are
 * recognised and read through these global symbols, never with `instanceof`.
 */
import type { ColumnType, DefaultValue, ReferentialAction } from '../model/types.js';
import type { SqlSource } from './sql-text.js';

export const TABLE: unique symbol = Symbol.for('schemigrate.table');
export const ENUM: unique symbol = Symbol.for('schemigrate.enum');
export const COLUMN: unique symbol = Symbol.for('schemigrate.column');
export const COLUMN_REF: unique symbol = Symbol.for('schemigrate.columnRef');
export const EXTRA: unique symbol = Symbol.for('schemigrate.extra');

export type Deferrable = 'immediate' | 'deferred';

/** A pointer to one declared column: `users.columns.id`, or `t.email` inside extras. */
export interface ColumnRefData {
  readonly table: string;
  /** The named (PostgreSQL) schema of the table; undefined for the default schema. */
  readonly schema?: string;
  readonly column: string;
  readonly descending: boolean;
}

export interface ReferenceData {
  readonly target: () => unknown;
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
  readonly name?: string;
  readonly deferrable?: Deferrable;
}

/** A declared default: as in the model, but an expression is still to be written for the dialect. */
export type DefaultData = Extract<DefaultValue, { kind: 'literal' }> | { readonly kind: 'expression'; readonly sql: SqlSource };

/** What a column builder has accumulated. */
export interface ColumnData {
  readonly type: ColumnType;
  readonly notNull: boolean;
  readonly primaryKey: boolean;
  readonly autoIncrement: boolean;
  readonly unique: boolean;
  readonly default?: DefaultData;
  readonly references?: ReferenceData;
  readonly comment?: string;
  readonly collation?: string;
  readonly generated?: { readonly sql: SqlSource; readonly stored: boolean };
  /** A column check, kept in the model as a table check named after the column. */
  readonly check?: SqlSource;
}

/** Index parts before names are checked against the table: columns are still references. */
export type IndexPartData =
  | { readonly kind: 'column'; readonly ref: ColumnRefData }
  | { readonly kind: 'expression'; readonly sql: SqlSource; readonly descending: boolean };

/** A table extra, as returned from `table()`'s third argument. */
export type ExtraData =
  | {
      readonly kind: 'index';
      readonly name?: string;
      readonly parts: readonly IndexPartData[];
      readonly unique: boolean;
      readonly where?: SqlSource;
      readonly method?: string;
    }
  | { readonly kind: 'unique'; readonly name?: string; readonly columns: readonly ColumnRefData[] }
  | { readonly kind: 'primaryKey'; readonly name?: string; readonly columns: readonly ColumnRefData[] }
  | {
      readonly kind: 'foreignKey';
      readonly name?: string;
      readonly columns: readonly ColumnRefData[];
      readonly target?: () => unknown;
      readonly onDelete?: ReferentialAction;
      readonly onUpdate?: ReferentialAction;
      readonly deferrable?: Deferrable;
    }
  | { readonly kind: 'check'; readonly name: string; readonly sql: SqlSource };

export interface TableData {
  readonly name: string;
  /** The named (PostgreSQL) schema, from `pgSchema(name).table(…)`; undefined for the default schema. */
  readonly schema?: string;
  /** Column keys with their data, in declaration order. */
  readonly columns: readonly (readonly [string, ColumnData])[];
  readonly extras: readonly ExtraData[];
  readonly comment?: string;
  /** SQLite only: `.strict()`. */
  readonly strict?: true;
  /** SQLite only: `.withoutRowid()`. */
  readonly withoutRowid?: true;
  /** The module that called `table()`, when the stack trace tells. */
  readonly definedIn?: string;
}

export interface EnumData {
  readonly name: string;
  /** The named (PostgreSQL) schema, from `pgSchema(name).enumeration(…)`. */
  readonly schema?: string;
  readonly values: readonly string[];
}

function dataOf<T>(value: unknown, key: symbol): T | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  return (value as Record<symbol, T | undefined>)[key];
}

/**
 * The data of a table definition, or undefined when `value` is not one.
 *
 * @example
 * tableData(barrel.users)?.name; // 'users'
 */
export function tableData(value: unknown): TableData | undefined {
  return dataOf<TableData>(value, TABLE);
}

/**
 * The data of an enumeration, or undefined when `value` is not one.
 *
 * @example
 * enumData(barrel.mood)?.values; // ['sad', 'ok']
 */
export function enumData(value: unknown): EnumData | undefined {
  return dataOf<EnumData>(value, ENUM);
}

/**
 * The data of a column builder, or undefined when `value` is not one.
 *
 * @example
 * columnData(integer().notNull())?.notNull; // true
 */
export function columnData(value: unknown): ColumnData | undefined {
  return dataOf<ColumnData>(value, COLUMN);
}

/**
 * The data of a column reference, or undefined when `value` is not one.
 *
 * @example
 * columnRefData(users.columns.id); // { table: 'users', column: 'id', descending: false }
 */
export function columnRefData(value: unknown): ColumnRefData | undefined {
  return dataOf<ColumnRefData>(value, COLUMN_REF);
}

/**
 * The data of a table extra (index, unique, …), or undefined when `value` is not one.
 *
 * @example
 * extraData(check('positive', sql`price > 0`))?.kind; // 'check'
 */
export function extraData(value: unknown): ExtraData | undefined {
  return dataOf<ExtraData>(value, EXTRA);
}
