/**
 * The portable column types (SPEC §4). Each dialect maps them to native types and back.
 */
import type { ColumnType } from '../model/types.js';
import { SchemigrateError } from '../util/errors.js';
import { ColumnBuilder, type KindValue, type NewColumn } from './column.js';

/**
 * A fresh builder for a column of `type`.
 *
 * @example
 * column({ kind: 'text' }).notNull()
 */
export function column<T extends ColumnType>(type: T): NewColumn<T['kind']> {
  return new ColumnBuilder<T['kind'], KindValue, false, 'required'>({ type, notNull: false, primaryKey: false, autoIncrement: false, unique: false });
}

function positiveInteger(value: number | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value <= 0) throw new SchemigrateError(`${what} must be a positive integer, not ${value}.`);
  return value;
}

function withOptional<T extends object>(base: T, extra: Record<string, number | undefined>): T {
  const defined = Object.entries(extra).filter(([, value]) => value !== undefined);
  return { ...base, ...Object.fromEntries(defined) };
}

/** @example count: smallint() */
export function smallint(): NewColumn<'smallint'> {
  return column({ kind: 'smallint' });
}

/** @example id: integer().primaryKey().autoIncrement() */
export function integer(): NewColumn<'integer'> {
  return column({ kind: 'integer' });
}

/** @example views: bigint().notNull().default(0) */
export function bigint(): NewColumn<'bigint'> {
  return column({ kind: 'bigint' });
}

/** Single precision floating point. @example ratio: real() */
export function real(): NewColumn<'real'> {
  return column({ kind: 'real' });
}

/** Double precision floating point. @example latitude: double() */
export function double(): NewColumn<'double'> {
  return column({ kind: 'double' });
}

/**
 * Exact decimal; `scale` needs `precision`.
 *
 * @example
 * price: numeric(10, 2)
 */
export function numeric(precision?: number, scale?: number): NewColumn<'numeric'> {
  if (scale !== undefined && precision === undefined) throw new SchemigrateError('numeric(precision, scale): a scale needs a precision.');
  if (scale !== undefined && (!Number.isInteger(scale) || scale < 0 || scale > precision!)) {
    throw new SchemigrateError(`numeric(${precision}, ${scale}): the scale must be an integer between 0 and the precision.`);
  }
  return column(withOptional({ kind: 'numeric' } as const, { precision: positiveInteger(precision, 'numeric precision'), scale }));
}

/** @example email: varchar(255).notNull() */
export function varchar(length?: number): NewColumn<'varchar'> {
  return column(withOptional({ kind: 'varchar' } as const, { length: positiveInteger(length, 'varchar length') }));
}

/** Fixed-length text. @example countryCode: char(2) */
export function char(length: number): NewColumn<'char'> {
  return column({ kind: 'char', length: positiveInteger(length, 'char length') ?? 1 });
}

/** @example body: text() */
export function text(): NewColumn<'text'> {
  return column({ kind: 'text' });
}

/** @example isActive: boolean().notNull().default(true) */
export function boolean(): NewColumn<'boolean'> {
  return column({ kind: 'boolean' });
}

/** @example birthday: date() */
export function date(): NewColumn<'date'> {
  return column({ kind: 'date' });
}

/** @example opensAt: time() */
export function time(): NewColumn<'time'> {
  return column({ kind: 'time' });
}

/**
 * A timestamp, without time zone unless `withTimezone`.
 *
 * @example
 * createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull()
 */
export function timestamp(options: { readonly withTimezone?: boolean; readonly precision?: number } = {}): NewColumn<'timestamp'> {
  if (options.precision !== undefined && (!Number.isInteger(options.precision) || options.precision < 0 || options.precision > 6)) {
    throw new SchemigrateError(`timestamp precision must be an integer from 0 to 6, not ${options.precision}.`);
  }
  return column(
    withOptional({ kind: 'timestamp', withTimezone: options.withTimezone ?? false } as const, { precision: options.precision }),
  );
}

/** @example settings: json() */
export function json(): NewColumn<'json'> {
  return column({ kind: 'json' });
}

/** Binary JSON (PostgreSQL; JSON elsewhere). @example payload: jsonb() */
export function jsonb(): NewColumn<'jsonb'> {
  return column({ kind: 'jsonb' });
}

/** @example externalId: uuid().notNull().unique() */
export function uuid(): NewColumn<'uuid'> {
  return column({ kind: 'uuid' });
}

/** Binary data (bytea, BLOB). @example avatar: blob() */
export function blob(): NewColumn<'blob'> {
  return column({ kind: 'blob' });
}

/**
 * The escape hatch: a native type written verbatim.
 *
 * @example
 * email: custom('citext').notNull()
 */
export function custom(nativeType: string): NewColumn<'custom'> {
  if (typeof nativeType !== 'string' || nativeType.trim() === '') {
    throw new SchemigrateError("custom() takes the native type as a non-empty string, e.g. custom('citext').");
  }
  return column({ kind: 'custom', sql: nativeType.trim() });
}
