/**
 * The run-time mirror of src/schema/driver-types.ts: for each dialect and portable column
 * type, the kind of value its driver returns on select. test/integration/query-types.test.ts
 * checks real values against it; test/types/driver-table.ts checks it against the types.
 */
import type { DialectName } from '../../src/config/url.js';
import type { ColumnTypeKind } from '../../src/model/types.js';

/**
 * What a selected value is: a JavaScript type, a parsed json `document`, or an enumeration's
 * `label` (a string among its values).
 */
export type ValueName = 'number' | 'string' | 'boolean' | 'Date' | 'Buffer' | 'document' | 'label';

/** The portable types a schema can declare without naming a native type. */
export type PortableKind = Exclude<ColumnTypeKind, 'custom'>;

export const SELECTED = {
  postgres: {
    smallint: 'number',
    integer: 'number',
    bigint: 'string',
    real: 'number',
    double: 'number',
    numeric: 'string',
    varchar: 'string',
    char: 'string',
    text: 'string',
    boolean: 'boolean',
    date: 'Date',
    time: 'string',
    timestamp: 'Date',
    json: 'document',
    jsonb: 'document',
    uuid: 'string',
    blob: 'Buffer',
    enum: 'label',
  },
  mysql: {
    smallint: 'number',
    integer: 'number',
    bigint: 'number',
    real: 'number',
    double: 'number',
    numeric: 'string',
    varchar: 'string',
    char: 'string',
    text: 'string',
    boolean: 'number',
    date: 'Date',
    time: 'string',
    timestamp: 'Date',
    json: 'document',
    jsonb: 'document',
    uuid: 'string',
    blob: 'Buffer',
    enum: 'label',
  },
  sqlite: {
    smallint: 'number',
    integer: 'number',
    bigint: 'number',
    real: 'number',
    double: 'number',
    numeric: 'number',
    varchar: 'string',
    char: 'string',
    text: 'string',
    boolean: 'number',
    date: 'string',
    time: 'string',
    timestamp: 'string',
    json: 'string',
    jsonb: 'string',
    uuid: 'string',
    blob: 'Buffer',
    enum: 'label',
  },
} as const satisfies Record<DialectName, Record<PortableKind, ValueName>>;

/**
 * Whether `value` is the kind of value `name` describes; `document` and `label` are compared
 * with what was inserted.
 *
 * @example
 * isValue('Date', new Date(), undefined); // true
 */
export function isValue(name: ValueName, value: unknown, inserted: unknown): boolean {
  switch (name) {
    case 'Date':
      return value instanceof Date;
    case 'Buffer':
      return Buffer.isBuffer(value);
    case 'document':
      return typeof value === 'object' && JSON.stringify(value) === JSON.stringify(inserted);
    case 'label':
      return typeof value === 'string' && value === inserted;
    default:
      return typeof value === name;
  }
}
