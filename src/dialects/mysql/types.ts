/**
 * Column types, both ways: MySQL/MariaDB `COLUMN_TYPE` text to canonical `ColumnType`s
 * (introspection) and canonical types to what Kysely's `addColumn` accepts (rendering).
 *
 * Portable types map to the MySQL type closest in meaning: `real` → `float`, `numeric` →
 * `decimal`, `timestamp` → `datetime` (MySQL's `timestamp` converts through the session time
 * zone and ends in 2038), `blob` → `longblob`, `uuid` → `char(36)`, `jsonb` → `json`. Types
 * with no portable equivalent (unsigned integers, `mediumint`, `tinytext`, …) come back as
 * `custom` in MySQL's own spelling without display widths, e.g. `custom('int unsigned')`.
 */
import { isColumnDataType } from 'kysely';
import type { ColumnType } from '../../model/types.js';
import type { RenderedType } from '../../render/operation-renderer.js';

/** What the catalog says about one column's type. */
export interface CatalogType {
  /** `COLUMNS.COLUMN_TYPE`, e.g. `int(11) unsigned`, `varchar(20)`, `enum('a','b')`. */
  readonly columnType: string;
  /** MariaDB stores `json` as `longtext` with a `json_valid` check on the column. */
  readonly jsonChecked: boolean;
  /** `<table>_<column>`: the name an inline enum is given (MySQL keeps none). */
  readonly enumName: string;
}

const SIMPLE_TYPES: Readonly<Record<string, ColumnType>> = {
  smallint: { kind: 'smallint' },
  int: { kind: 'integer' },
  integer: { kind: 'integer' },
  bigint: { kind: 'bigint' },
  float: { kind: 'real' },
  double: { kind: 'double' },
  text: { kind: 'text' },
  date: { kind: 'date' },
  time: { kind: 'time' },
  datetime: { kind: 'timestamp', withTimezone: false },
  json: { kind: 'json' },
  longblob: { kind: 'blob' },
  // MariaDB 10.7+ has a native uuid type.
  uuid: { kind: 'uuid' },
};

/** Integer types whose display width (`int(11)`) means nothing and is dropped. */
const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint']);

/**
 * The canonical type of a column from its `COLUMN_TYPE`.
 *
 * @example
 * toColumnType({ columnType: 'tinyint(1)', jsonChecked: false, enumName: 't_a' }); // → { kind: 'boolean' }
 * toColumnType({ columnType: 'int(10) unsigned', jsonChecked: false, enumName: 't_a' }); // → { kind: 'custom', sql: 'int unsigned' }
 */
export function toColumnType(type: CatalogType): ColumnType {
  const text = type.columnType.trim();
  const lower = text.toLowerCase();
  if (type.jsonChecked && lower === 'longtext') return { kind: 'json' };
  if (lower === 'tinyint(1)') return { kind: 'boolean' };
  if (lower.startsWith('enum(')) return { kind: 'enum', name: type.enumName, values: parseEnumValues(text) };
  const match = /^([a-z]+)(?:\((\d+)(?:,(\d+))?\))?((?: [a-z]+)*)$/.exec(lower);
  if (!match) return { kind: 'custom', sql: text };
  const [, name = '', first, second, attributes = ''] = match;
  if (INTEGER_TYPES.has(name)) {
    const base = SIMPLE_TYPES[name];
    return base && attributes === '' ? base : { kind: 'custom', sql: `${name}${attributes}` };
  }
  if (attributes !== '') return { kind: 'custom', sql: text };
  if (first === undefined) return SIMPLE_TYPES[name] ?? { kind: 'custom', sql: text };
  const n = Number(first);
  switch (name) {
    case 'decimal':
      return { kind: 'numeric', precision: n, scale: Number(second ?? 0) };
    case 'varchar':
      return second === undefined ? { kind: 'varchar', length: n } : { kind: 'custom', sql: text };
    case 'char':
      return second === undefined ? { kind: 'char', length: n } : { kind: 'custom', sql: text };
    case 'datetime':
      return second === undefined ? { kind: 'timestamp', withTimezone: false, precision: n } : { kind: 'custom', sql: text };
    default:
      return { kind: 'custom', sql: text };
  }
}

/**
 * The values of `enum('a','b''c')`, unquoted.
 *
 * @example
 * parseEnumValues("enum('a','b''c')"); // → ['a', "b'c"]
 */
export function parseEnumValues(columnType: string): string[] {
  const values: string[] = [];
  const literal = /'((?:[^'\\]|''|\\.)*)'/g;
  for (const match of columnType.matchAll(literal)) values.push(unescapeString(match[1]!));
  return values;
}

/**
 * A MySQL string literal's content with `''` and backslash escapes resolved.
 *
 * @example
 * unescapeString("it\\'s"); // → "it's"
 */
export function unescapeString(content: string): string {
  const escapes: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '0': '\0', Z: '\x1a' };
  return content.replace(/''|\\(.)/gs, (_whole, escaped: string | undefined) =>
    escaped === undefined ? "'" : (escapes[escaped] ?? escaped),
  );
}

/**
 * A string as a MySQL string literal: quotes doubled and, since a backslash escapes in MySQL
 * strings (schemigrate never sets NO_BACKSLASH_ESCAPES, and mysql2 escapes its parameters with
 * backslashes too), backslashes doubled. Kysely's MySQL query compiler spells them the same.
 *
 * @example
 * mysqlStringLiteral("it's C:\\tmp\\"); // "'it''s C:\\\\tmp\\\\'"
 */
export function mysqlStringLiteral(value: string): string {
  return `'${value.replace(/[\\']/g, (char) => (char === '\\' ? '\\\\' : "''"))}'`;
}

/**
 * The MySQL type a canonical type is created as.
 *
 * @example
 * declaredType({ kind: 'timestamp', withTimezone: false, precision: 3 }); // → 'datetime(3)'
 */
export function declaredType(type: ColumnType): string {
  switch (type.kind) {
    case 'real':
      return 'float';
    case 'double':
      return 'double precision';
    case 'numeric':
      if (type.precision === undefined) return 'decimal';
      return type.scale === undefined ? `decimal(${type.precision})` : `decimal(${type.precision}, ${type.scale})`;
    case 'varchar':
      // validate() refuses a varchar without a length; this keeps rendering total.
      return type.length === undefined ? 'varchar(255)' : `varchar(${type.length})`;
    case 'char':
      return `char(${type.length})`;
    case 'timestamp':
      return type.precision === undefined ? 'datetime' : `datetime(${type.precision})`;
    case 'jsonb':
      return 'json';
    case 'uuid':
      return 'char(36)';
    case 'blob':
      return 'longblob';
    case 'enum':
      return `enum(${type.values.map(mysqlStringLiteral).join(', ')})`;
    case 'custom':
      return type.sql;
    default:
      return type.kind;
  }
}

/**
 * How a canonical type is written in `addColumn`: a data type string Kysely accepts, or raw SQL.
 *
 * @example
 * renderType({ kind: 'numeric', precision: 10, scale: 2 }); // → { kind: 'builtin', name: 'decimal(10, 2)' }
 * renderType({ kind: 'enum', name: 'mood', values: ['sad'] }); // → { kind: 'sql', sql: "enum('sad')" }
 */
export function renderType(type: ColumnType): RenderedType {
  const declared = declaredType(type);
  return isColumnDataType(declared) ? { kind: 'builtin', name: declared } : { kind: 'sql', sql: declared };
}

/**
 * The type the catalog reports for a declared type, where it differs in kind (`uuid` is kept as
 * `char(36)`); the declared type itself otherwise. Enumerations (named after their column) and anything the catalog reads back as
 * `custom` are left to the scratch canonicalisation.
 *
 * @example
 * storedType({ kind: 'uuid' }); // → { kind: 'char', length: 36 }
 * storedType({ kind: 'jsonb' }); // → { kind: 'json' }
 */
export function storedType(type: ColumnType): ColumnType {
  if (type.kind === 'enum' || type.kind === 'custom') return type;
  const stored = toColumnType({ columnType: declaredType(type), jsonChecked: false, enumName: '' });
  return stored.kind === 'custom' || stored.kind === type.kind ? type : stored;
}

/** Types whose defaults MySQL 8 accepts only as expressions; MariaDB takes either form. */
const EXPRESSION_DEFAULT_TYPES = /^(tiny|medium|long)?(text|blob)$|^json$/;

/**
 * Whether a literal default must be written `DEFAULT ('x')`: MySQL 8 refuses plain literal
 * defaults on TEXT, BLOB and JSON columns (MariaDB stores the folded constant as a literal).
 *
 * @example
 * literalDefaultAsExpression({ kind: 'text' }); // → true
 */
export function literalDefaultAsExpression(type: ColumnType): boolean {
  return EXPRESSION_DEFAULT_TYPES.test(declaredType(type).toLowerCase());
}
