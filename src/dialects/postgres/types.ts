/**
 * Column types, both ways: PostgreSQL catalog types to canonical `ColumnType`s (introspection)
 * and canonical types to what Kysely's `addColumn` accepts (rendering).
 */
import { standardQuotedIdentifier } from '../../model/quoted-identifier.js';
import type { ColumnType } from '../../model/types.js';
import type { RenderedType } from '../../render/operation-renderer.js';

/** What the catalog says about one column's type. */
export interface CatalogType {
  /** `pg_type.typname`, e.g. `int4`, `varchar`, `mood`. */
  readonly name: string;
  /** `pg_type.typnamespace` name, e.g. `pg_catalog`. */
  readonly schema: string;
  /** `pg_type.typtype`: `b` base, `e` enum, `d` domain, … */
  readonly category: string;
  /** `pg_attribute.atttypmod`; -1 when no modifier was declared. */
  readonly modifier: number;
  /** `format_type(atttypid, atttypmod)`: the type as PostgreSQL writes it. */
  readonly formatted: string;
}

/**
 * The schemas being introspected: `name` is the current (default) one, whose objects the model
 * names bare; `enums` holds the enumerations of every introspected schema by
 * `${schema}.${type}` (values in sort order).
 */
export interface IntrospectedSchema {
  readonly name: string;
  readonly enums: ReadonlyMap<string, readonly string[]>;
}

/** Built-in types that map without looking at the modifier. */
const SIMPLE_TYPES: Readonly<Record<string, ColumnType>> = {
  int2: { kind: 'smallint' },
  int4: { kind: 'integer' },
  int8: { kind: 'bigint' },
  float4: { kind: 'real' },
  float8: { kind: 'double' },
  text: { kind: 'text' },
  bool: { kind: 'boolean' },
  date: { kind: 'date' },
  json: { kind: 'json' },
  jsonb: { kind: 'jsonb' },
  uuid: { kind: 'uuid' },
  bytea: { kind: 'blob' },
};

/** The 4-byte varlena header PostgreSQL adds to length modifiers of varchar, char and numeric. */
const VARHDRSZ = 4;

/**
 * The canonical type of a column, given its catalog type and the enumerations of the
 * introspected schema. Anything without a portable equivalent becomes
 * `custom` with PostgreSQL's own spelling.
 *
 * @example
 * toColumnType(
 *   { name: 'varchar', schema: 'pg_catalog', category: 'b', modifier: 259, formatted: 'character varying(255)' },
 *   { name: 'public', enums: new Map() }, // or new Map([['audit.level', ['info', 'error']]])
 * ); // → { kind: 'varchar', length: 255 }
 */
export function toColumnType(type: CatalogType, schema: IntrospectedSchema): ColumnType {
  if (type.category === 'e') {
    const values = schema.enums.get(`${type.schema}.${type.name}`);
    // Enums of schemas not introspected are not part of the model; keep them as written.
    if (!values) return { kind: 'custom', sql: type.formatted };
    const named = type.schema === schema.name ? {} : { schema: type.schema };
    return { kind: 'enum', name: type.name, values, ...named };
  }
  if (type.schema !== 'pg_catalog') return { kind: 'custom', sql: type.formatted };
  const simple = SIMPLE_TYPES[type.name];
  if (simple) return simple;
  const modifier = type.modifier;
  switch (type.name) {
    case 'numeric': {
      if (modifier < 0) return { kind: 'numeric' };
      const packed = modifier - VARHDRSZ;
      const precision = (packed >> 16) & 0xffff;
      // PostgreSQL 15+ stores the scale as an 11-bit signed number; negative scales have no portable form.
      const scale = ((packed & 0x7ff) ^ 1024) - 1024;
      return scale < 0 ? { kind: 'custom', sql: type.formatted } : { kind: 'numeric', precision, scale };
    }
    case 'varchar':
      return modifier < 0 ? { kind: 'varchar' } : { kind: 'varchar', length: modifier - VARHDRSZ };
    case 'bpchar':
      return modifier < 0 ? { kind: 'custom', sql: type.formatted } : { kind: 'char', length: modifier - VARHDRSZ };
    case 'time':
      // The portable `time` has no precision: `time(3)` stays native.
      return modifier < 0 ? { kind: 'time' } : { kind: 'custom', sql: type.formatted };
    case 'timestamp':
    case 'timestamptz': {
      const withTimezone = type.name === 'timestamptz';
      return modifier < 0 ? { kind: 'timestamp', withTimezone } : { kind: 'timestamp', withTimezone, precision: modifier };
    }
    default:
      return { kind: 'custom', sql: type.formatted };
  }
}

/**
 * How a canonical type is written in Kysely schema-builder code: a data type string Kysely's
 * `isColumnDataType` accepts, or raw SQL for the rest (enums, `numeric(p)`, custom types).
 *
 * @example
 * renderType({ kind: 'numeric', precision: 10, scale: 2 }); // → { kind: 'builtin', name: 'numeric(10, 2)' }
 * renderType({ kind: 'enum', name: 'mood', values: ['sad', 'ok'] }); // → { kind: 'sql', sql: '"mood"' }
 */
export function renderType(type: ColumnType): RenderedType {
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'real':
    case 'text':
    case 'boolean':
    case 'date':
    case 'time':
    case 'json':
    case 'jsonb':
    case 'uuid':
      return builtin(type.kind);
    case 'double':
      return builtin('double precision');
    case 'blob':
      return builtin('bytea');
    case 'numeric':
      if (type.precision === undefined) return builtin('numeric');
      // Kysely accepts only the two-argument form.
      return type.scale === undefined
        ? { kind: 'sql', sql: `numeric(${type.precision})` }
        : builtin(`numeric(${type.precision}, ${type.scale})`);
    case 'varchar':
      return builtin(type.length === undefined ? 'varchar' : `varchar(${type.length})`);
    case 'char':
      return builtin(`char(${type.length})`);
    case 'timestamp': {
      const name = type.withTimezone ? 'timestamptz' : 'timestamp';
      return builtin(type.precision === undefined ? name : `${name}(${type.precision})`);
    }
    case 'enum': {
      const name = standardQuotedIdentifier(type.name);
      return { kind: 'sql', sql: type.schema === undefined ? name : `${standardQuotedIdentifier(type.schema)}.${name}` };
    }
    case 'custom':
      return { kind: 'sql', sql: type.sql };
  }
}

function builtin(name: string): RenderedType {
  return { kind: 'builtin', name };
}
