/**
 * Human spellings of model values, for `--dry-run`, `check` and operation descriptions.
 */
import { standardStringLiteral } from './string-literal.js';
import type { ColumnType, DefaultValue } from './types.js';

/**
 * A column type as a short, dialect-neutral phrase.
 *
 * @example
 * describeType({ kind: 'varchar', length: 255 }); // 'varchar(255)'
 * describeType({ kind: 'timestamp', withTimezone: true }); // 'timestamp with time zone'
 */
export function describeType(type: ColumnType): string {
  switch (type.kind) {
    case 'numeric':
      if (type.precision === undefined) return 'numeric';
      return type.scale === undefined ? `numeric(${type.precision})` : `numeric(${type.precision}, ${type.scale})`;
    case 'varchar':
      return type.length === undefined ? 'varchar' : `varchar(${type.length})`;
    case 'char':
      return `char(${type.length})`;
    case 'timestamp': {
      const precision = type.precision === undefined ? '' : `(${type.precision})`;
      return `timestamp${precision}${type.withTimezone ? ' with time zone' : ''}`;
    }
    case 'enum':
      return `enum ${type.name}`;
    case 'custom':
      return type.sql;
    default:
      return type.kind;
  }
}

/**
 * A default value as SQL-ish text: literals quoted, expressions verbatim.
 *
 * @example
 * describeDefault({ kind: 'literal', value: "it's" }); // "'it''s'"
 * describeDefault({ kind: 'expression', sql: 'now()' }); // 'now()'
 */
export function describeDefault(value: DefaultValue): string {
  if (value.kind === 'expression') return value.sql;
  if (typeof value.value === 'string') return standardStringLiteral(value.value);
  return String(value.value);
}
