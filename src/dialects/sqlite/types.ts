/**
 * Column types on SQLite, both ways. SQLite keeps declared types verbatim, so each canonical
 * type is written as one declared type string and read back from exactly that string;
 * anything else becomes `custom`, keeping what the user wrote.
 */
import { isColumnDataType } from 'kysely';
import { describeType } from '../../model/describe-type.js';
import { standardQuotedIdentifier } from '../../model/quoted-identifier.js';
import { standardStringLiteral } from '../../model/string-literal.js';
import type { Column, ColumnType } from '../../model/types.js';
import type { RenderedType } from '../../render/operation-renderer.js';

/**
 * The declared type SQLite stores for a canonical type.
 *
 * @example
 * sqliteDeclaredType({ kind: 'numeric', precision: 10, scale: 2 }); // 'numeric(10, 2)'
 */
export function sqliteDeclaredType(type: ColumnType): string {
  switch (type.kind) {
    case 'double':
      return 'double precision';
    case 'numeric':
    case 'varchar':
    case 'char':
      return describeType(type);
    case 'timestamp': {
      const name = type.withTimezone ? 'timestamptz' : 'timestamp';
      return type.precision === undefined ? name : `${name}(${type.precision})`;
    }
    // SQLite has no enumeration types: the column is text and a CHECK enforces the values (enumValuesCheck).
    case 'enum':
      return 'text';
    case 'custom':
      return type.sql;
    default:
      return type.kind;
  }
}

/**
 * How the renderer writes a canonical type in `addColumn`: a Kysely built-in data type
 * string where Kysely accepts it, raw SQL otherwise.
 *
 * @example
 * renderSqliteType({ kind: 'varchar', length: 255 }); // { kind: 'builtin', name: 'varchar(255)' }
 * renderSqliteType({ kind: 'numeric', precision: 10 }); // { kind: 'sql', sql: 'numeric(10)' }
 */
export function renderSqliteType(type: ColumnType): RenderedType {
  const declared = sqliteDeclaredType(type);
  return isColumnDataType(declared) ? { kind: 'builtin', name: declared } : { kind: 'sql', sql: declared };
}

const SIMPLE_TYPES: Readonly<Record<string, ColumnType>> = {
  smallint: { kind: 'smallint' },
  integer: { kind: 'integer' },
  bigint: { kind: 'bigint' },
  real: { kind: 'real' },
  'double precision': { kind: 'double' },
  numeric: { kind: 'numeric' },
  varchar: { kind: 'varchar' },
  text: { kind: 'text' },
  boolean: { kind: 'boolean' },
  date: { kind: 'date' },
  time: { kind: 'time' },
  timestamp: { kind: 'timestamp', withTimezone: false },
  timestamptz: { kind: 'timestamp', withTimezone: true },
  json: { kind: 'json' },
  jsonb: { kind: 'jsonb' },
  uuid: { kind: 'uuid' },
  blob: { kind: 'blob' },
};

/**
 * The canonical type for a declared type string from `pragma_table_xinfo` (case and spacing
 * are ignored); an unknown type is `custom` with the declared text.
 *
 * @example
 * parseSqliteDeclaredType('VARCHAR(255)'); // { kind: 'varchar', length: 255 }
 * parseSqliteDeclaredType('NVARCHAR(40)'); // { kind: 'custom', sql: 'NVARCHAR(40)' }
 */
export function parseSqliteDeclaredType(declared: string): ColumnType {
  const normalised = declared.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\s*([(),])\s*/g, '$1');
  const simple = SIMPLE_TYPES[normalised];
  if (simple) return simple;
  const match = /^([a-z ]+)\((\d+)(?:,(\d+))?\)$/.exec(normalised);
  if (match) {
    const [, name, first, second] = match;
    const n = Number(first);
    if (name === 'numeric') return second === undefined ? { kind: 'numeric', precision: n } : { kind: 'numeric', precision: n, scale: Number(second) };
    if (second === undefined) {
      if (name === 'varchar') return { kind: 'varchar', length: n };
      if (name === 'char') return { kind: 'char', length: n };
      if (name === 'timestamp') return { kind: 'timestamp', withTimezone: false, precision: n };
      if (name === 'timestamptz') return { kind: 'timestamp', withTimezone: true, precision: n };
    }
  }
  return { kind: 'custom', sql: declared };
}

/**
 * The CHECK that enforces an enumeration column's values on SQLite, written into the column's
 * definition (unnamed, so introspection tells it from declared checks, which always have names).
 *
 * @example
 * enumValuesCheck({ name: 'mood', type: { kind: 'enum', name: 'm', values: ['a', 'b'] }, … }); // `"mood" IN ('a', 'b')`
 */
export function enumValuesCheck(column: Column): string | undefined {
  if (column.type.kind !== 'enum') return undefined;
  return `${standardQuotedIdentifier(column.name)} IN (${column.type.values.map(standardStringLiteral).join(', ')})`;
}

/**
 * The values of a column-level `CHECK ("col" IN ('a', 'b'))` as `enumValuesCheck` writes it
 * (spacing, case and identifier quoting aside), or undefined for any other check.
 *
 * @example
 * parseEnumValuesCheck(`"mood" IN ('a', 'it''s')`, 'mood'); // ['a', "it's"]
 * parseEnumValuesCheck('mood > 1', 'mood'); // undefined
 */
export function parseEnumValuesCheck(sql: string, column: string): string[] | undefined {
  const match = /^\s*("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*)\s+IN\s*\((.*)\)\s*$/is.exec(sql);
  if (!match) return undefined;
  const name = match[1]!.startsWith('"') ? match[1]!.slice(1, -1).replaceAll('""', '"') : match[1]!;
  if (name.toLowerCase() !== column.toLowerCase()) return undefined;
  const values: string[] = [];
  const list = /\s*'((?:[^']|'')*)'\s*(,|$)/y;
  let rest = match[2]!;
  while (rest.trim() !== '') {
    list.lastIndex = 0;
    const item = list.exec(rest);
    if (!item) return undefined;
    values.push(item[1]!.replaceAll("''", "'"));
    rest = rest.slice(list.lastIndex);
    if (item[2] === '' ) break;
  }
  return rest.trim() === '' && values.length > 0 ? values : undefined;
}
