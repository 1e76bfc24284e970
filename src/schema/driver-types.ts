/**
 * The one table of driver types: for each dialect and portable column type, what the dialect's
 * driver returns on select and accepts on insert, with its default settings — `pg` (no type
 * parsers set), `mysql2` (no `dateStrings`, `supportBigNumbers` or `decimalNumbers`) and
 * `better-sqlite3` (no `safeIntegers`), as schemigrate's own connections use them
 * (src/dialects/{postgres,mysql,sqlite}/connect.ts). test/integration/query-types.test.ts proves
 * every `select` entry against the real drivers.
 */
import type { DialectName } from '../config/url.js';
import type { ColumnTypeKind } from '../model/types.js';

/** A JSON document as the drivers parse it: the type of a json column without `$type<T>()`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Node's `Buffer`, which every driver returns for binary columns, when the project has Node's
 * types (@types/node); otherwise `Uint8Array`, its base class, so that these types never
 * require Node's.
 */
export type Bytes = typeof globalThis extends { Buffer: { isBuffer(value: unknown): value is infer B } } ? B : Uint8Array;

declare const ownValue: unique symbol;

/** Stands for the column's own value type: an enumeration's union, or `$type<T>()`'s T. */
export interface OwnValue {
  readonly [ownValue]: true;
}

/** What one driver returns and accepts for one column type. */
interface Values<Select, Insert = Select> {
  readonly select: Select;
  readonly insert: Insert;
}

/** Every portable type reads and writes its own value on every dialect for these kinds. */
interface OwnValues {
  readonly enum: Values<OwnValue>;
  readonly custom: Values<OwnValue>;
}

/** pg: int8 and numeric as strings (exact), date and timestamps as `Date`, json parsed. */
interface PostgresValues extends OwnValues {
  readonly smallint: Values<number>;
  readonly integer: Values<number>;
  readonly bigint: Values<string, string | number | bigint>;
  readonly real: Values<number>;
  readonly double: Values<number>;
  readonly numeric: Values<string, string | number>;
  readonly varchar: Values<string>;
  readonly char: Values<string>;
  readonly text: Values<string>;
  // PostgreSQL reads the parameters '1' and '0' as booleans.
  readonly boolean: Values<boolean, boolean | 0 | 1>;
  readonly date: Values<Date, Date | string>;
  readonly time: Values<string>;
  readonly timestamp: Values<Date, Date | string>;
  // pg writes a JavaScript array as a PostgreSQL array: JSON goes in as text.
  readonly json: Values<OwnValue, string>;
  readonly jsonb: Values<OwnValue, string>;
  readonly uuid: Values<string>;
  readonly blob: Values<Bytes>;
}

/** mysql2: DECIMAL as a string, BIGINT as a number, booleans (TINYINT(1)) as 0 or 1, DATE and DATETIME as `Date`, JSON parsed. */
interface MysqlValues extends OwnValues {
  readonly smallint: Values<number>;
  readonly integer: Values<number>;
  readonly bigint: Values<number, number | string>;
  readonly real: Values<number>;
  readonly double: Values<number>;
  readonly numeric: Values<string, string | number>;
  readonly varchar: Values<string>;
  readonly char: Values<string>;
  readonly text: Values<string>;
  readonly boolean: Values<number, boolean | number>;
  readonly date: Values<Date, Date | string>;
  readonly time: Values<string>;
  readonly timestamp: Values<Date, Date | string>;
  // mysql2 writes an object as `key = value` pairs: JSON goes in as text.
  readonly json: Values<OwnValue, string>;
  readonly jsonb: Values<OwnValue, string>;
  readonly uuid: Values<string>;
  readonly blob: Values<Bytes>;
}

/**
 * better-sqlite3: numbers, strings and Buffers only. It binds no booleans and no `Date`s, so
 * booleans are 0 or 1 and dates and timestamps are text; numeric columns hold numbers.
 */
interface SqliteValues extends OwnValues {
  readonly smallint: Values<number, number | bigint>;
  readonly integer: Values<number, number | bigint>;
  readonly bigint: Values<number, number | bigint>;
  readonly real: Values<number>;
  readonly double: Values<number>;
  readonly numeric: Values<number, number | string>;
  readonly varchar: Values<string>;
  readonly char: Values<string>;
  readonly text: Values<string>;
  readonly boolean: Values<number>;
  readonly date: Values<string>;
  readonly time: Values<string>;
  readonly timestamp: Values<string>;
  readonly json: Values<string>;
  readonly jsonb: Values<string>;
  readonly uuid: Values<string>;
  readonly blob: Values<Bytes>;
}

/** The table itself: dialect → portable type → values. */
export interface DriverTypes {
  readonly postgres: PostgresValues;
  readonly mysql: MysqlValues;
  readonly sqlite: SqliteValues;
}

/**
 * What `D` returns for `kind` on select: for several dialects, any of theirs.
 *
 * @example
 * type Price = SelectedValue<'numeric', 'sqlite'>; // number
 */
export type SelectedValue<K extends ColumnTypeKind, D extends DialectName> = DriverTypes[D][K]['select'];

/** `unknown` when dialect `P` is not among `D`: it then adds no constraint. */
type InsertedIn<K extends ColumnTypeKind, D extends DialectName, P extends DialectName> = P extends D ? DriverTypes[P][K]['insert'] : unknown;

/** The members of `A` that `B` accepts (`B` when `A` is unconstrained). */
type Both<A, B> = unknown extends A ? B : Extract<A, B>;

/**
 * What every dialect of `D` accepts for `kind` on insert and update.
 *
 * @example
 * type Flag = InsertedValue<'boolean', DialectName>; // 0 | 1: pg, mysql2 and better-sqlite3 all take it
 */
export type InsertedValue<K extends ColumnTypeKind, D extends DialectName> = Both<
  Both<InsertedIn<K, D, 'postgres'>, InsertedIn<K, D, 'mysql'>>,
  InsertedIn<K, D, 'sqlite'>
>;
