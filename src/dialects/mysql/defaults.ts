/**
 * Column defaults as the catalog prints them, parsed into the neutral model. The two servers
 * print differently and both must give the same model:
 *
 * - MariaDB quotes string literals (`'it''s'`, or `'it\'s'` for a folded constant expression),
 *   writes numbers bare, `current_timestamp()` for `CURRENT_TIMESTAMP`, `NULL` for a nullable
 *   column without a default, and any other expression as text.
 * - MySQL 8 writes literals unquoted (`it's`), SQL NULL for no default, and marks expression
 *   defaults with `DEFAULT_GENERATED` in `EXTRA` (`CURRENT_TIMESTAMP`, `lower(_utf8mb4'X')`).
 *   Untested here: written from the MySQL 8 reference manual.
 */
import type { ColumnType, DefaultValue } from '../../model/types.js';
import type { ServerVersion } from './server.js';
import { unescapeString } from './types.js';

export interface CatalogDefault {
  /** `COLUMNS.COLUMN_DEFAULT`. */
  readonly text: string | null;
  /** `COLUMNS.EXTRA`, e.g. `DEFAULT_GENERATED on update CURRENT_TIMESTAMP`. */
  readonly extra: string;
  readonly type: ColumnType;
}

const NUMERIC_KINDS = new Set<ColumnType['kind']>(['smallint', 'integer', 'bigint', 'real', 'double', 'numeric']);

/**
 * The neutral default of a column, or `undefined` when it has none.
 *
 * @example
 * parseDefault({ text: "'it''s'", extra: '', type: { kind: 'text' } }, mariadb);   // → { kind: 'literal', value: "it's" }
 * parseDefault({ text: 'current_timestamp()', extra: '', type }, mariadb);         // → { kind: 'expression', sql: 'CURRENT_TIMESTAMP' }
 * parseDefault({ text: "it's", extra: '', type: { kind: 'text' } }, mysql8);       // → { kind: 'literal', value: "it's" }
 */
export function parseDefault(column: CatalogDefault, server: ServerVersion): DefaultValue | undefined {
  const { text, type } = column;
  if (text === null) return undefined;
  if (server.flavor === 'mysql') {
    // information_schema escapes the quotes inside expression defaults: `lower(_utf8mb4\'X\')`.
    if (/\bDEFAULT_GENERATED\b/i.test(column.extra)) return expression(text.replaceAll("\\'", "'"));
    return literalOf(text, type);
  }
  const trimmed = text.trim();
  if (trimmed.toUpperCase() === 'NULL') return undefined;
  const quoted = /^'((?:[^'\\]|''|\\.)*)'$/s.exec(trimmed);
  if (quoted) return { kind: 'literal', value: unescapeString(quoted[1]!) };
  // MariaDB quotes every string, so a bare number is a number whatever the type (custom ones too).
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return literalOf(trimmed, type, true);
  return expression(trimmed);
}

/** `current_timestamp()` as MySQL and MariaDB both accept it back, and the SQL standard spells it. */
function expression(text: string): DefaultValue {
  const now = /^current_timestamp(?:\(\s*(\d*)\s*\))?$/i.exec(text.trim());
  if (now) return { kind: 'expression', sql: now[1] ? `CURRENT_TIMESTAMP(${now[1]})` : 'CURRENT_TIMESTAMP' };
  return { kind: 'expression', sql: text.trim() };
}

/** Native numeric types written with `custom(…)`, e.g. `int unsigned`, `tinyint`, `decimal(20,0) unsigned`. */
const NUMERIC_CUSTOM = /^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real)\b/i;

/** An unquoted literal in the column's terms: a boolean, an exact number, or a string. */
function literalOf(text: string, type: ColumnType, numeric = false): DefaultValue {
  if (type.kind === 'boolean' && (text === '0' || text === '1')) return { kind: 'literal', value: text === '1' };
  if (numeric || NUMERIC_KINDS.has(type.kind) || type.kind === 'boolean' || (type.kind === 'custom' && NUMERIC_CUSTOM.test(type.sql))) {
    const value = exactNumber(text);
    return value === undefined ? { kind: 'expression', sql: text } : { kind: 'literal', value };
  }
  return { kind: 'literal', value: text };
}

/** A number when JavaScript holds it exactly as the server printed it (`0.00` is 0 of a decimal(…, 2)). */
function exactNumber(text: string): number | undefined {
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  if (/^[+-]?\d+$/.test(text)) return Number.isSafeInteger(value) ? value : undefined;
  const decimals = /\.(\d*)$/.exec(text)?.[1]?.length;
  if (decimals !== undefined) return value.toFixed(decimals) === text.replace(/^\+/, '') ? value : undefined;
  return String(value) === text ? value : undefined;
}
