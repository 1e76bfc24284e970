/**
 * Validation: what a declared schema asks that MySQL or MariaDB cannot express, refused at
 * `revision` time rather than silently dropped.
 */
import type { Index, Model, Table } from '../../model/types.js';
import { namedSchemaProblems } from '../named-schemas.js';
import { sqliteOnlyOptionProblems } from '../sqlite-only-options.js';
import { declaredType } from './types.js';
import { MAX_IDENTIFIER_LENGTH } from './identifiers.js';
import { connectedServer, isMysqlAtLeast } from './server.js';

/** A prefix key part, `email(10)` or `"email"(10)`: not an expression, valid on both servers. */
const PREFIX_PART = /^\s*(?:"(?:[^"]|"")+"|`(?:[^`]|``)+`|[A-Za-z_][\w$]*)\s*\(\s*\d+\s*\)\s*$/;

/**
 * One sentence per construct the connected server cannot express: partial indexes, index
 * methods other than btree/hash, expression indexes (MariaDB; MySQL before 8.0.13),
 * `timestamp with time zone`, `varchar` without a length, deferrable foreign keys, generated
 * columns computed from the auto-increment column, names longer than 64 characters, and the
 * SQLite-only table options (`.strict()`, `.withoutRowid()`).
 *
 * @example
 * validate(schema); // → ['Index ix_posts_published on table posts: MySQL has no partial indexes (WHERE status = …).']
 */
export function validate(schema: Model): string[] {
  return namedSchemaProblems(schema, 'MySQL').concat(sqliteOnlyOptionProblems(schema, 'MySQL'), schema.tables.flatMap((table) => [
    ...nameProblems(table),
    ...columnProblems(table),
    ...table.indexes.flatMap((index) => indexProblems(table, index)),
    ...unprefixedLongColumns(table),
    ...table.foreignKeys
      .filter((fk) => fk.deferrable !== undefined)
      .map((fk) => `Foreign key ${fk.name} on table ${table.name}: deferrable foreign keys are PostgreSQL-only.`),
  ]));
}

function columnProblems(table: Table): string[] {
  return table.columns.flatMap((column) => {
    const where = `Column ${column.name} of table ${table.name}`;
    const problems: string[] = [];
    if (column.type.kind === 'timestamp' && column.type.withTimezone) {
      problems.push(`${where}: MySQL has no timestamp with time zone; declare timestamp() (datetime) and store UTC.`);
    }
    if (column.type.kind === 'varchar' && column.type.length === undefined) {
      problems.push(`${where}: MySQL needs a length for varchar; write varchar(n) or text().`);
    }
    if (column.generated && column.default) problems.push(`${where}: a generated column cannot also have a default.`);
    // Both servers refuse it at CREATE time, MariaDB with an error that names the wrong column.
    const autoIncrement = table.columns.find((other) => other.autoIncrement && column.generated && new RegExp(`\\b${other.name}\\b`).test(column.generated.sql));
    if (autoIncrement) problems.push(`${where}: MySQL cannot compute a generated column from the auto-increment column ${autoIncrement.name}.`);
    // MySQL wants the auto-increment column to lead a key; a unique constraint is created with the table, as the key must be.
    const leadsKey = (table.primaryKey?.columns.includes(column.name) ?? false) || table.uniques.some((unique) => unique.columns[0] === column.name);
    if (column.autoIncrement && !leadsKey) {
      problems.push(`${where}: MySQL allows auto-increment only on a primary key column or the first column of a unique constraint.`);
    }
    return problems;
  });
}

function indexProblems(table: Table, index: Index): string[] {
  const where = `Index ${index.name} on table ${table.name}`;
  const problems: string[] = [];
  if (index.where !== undefined) problems.push(`${where}: MySQL has no partial indexes (WHERE ${index.where}).`);
  if (index.method !== undefined && !['btree', 'hash', 'fulltext', 'spatial'].includes(index.method.toLowerCase())) {
    problems.push(`${where}: MySQL has no ${index.method} indexes (only btree, hash, fulltext and spatial).`);
  }
  const server = connectedServer();
  if (!isMysqlAtLeast(server, 8, 0, 13)) {
    for (const part of index.parts) {
      if (part.kind === 'expression' && !PREFIX_PART.test(part.sql)) {
        const name = server.flavor === 'mariadb' ? 'MariaDB' : 'MySQL before 8.0.13';
        problems.push(`${where}: ${name} cannot index the expression ${part.sql} (index a generated column instead).`);
      }
    }
  }
  return problems;
}

/** TEXT, BLOB and JSON columns are indexed only through a prefix (`sql\`title(100)\``). */
const UNINDEXABLE = /^(tiny|medium|long)?(text|blob)$|^json$/;

function unprefixedLongColumns(table: Table): string[] {
  const keys = [
    ...(table.primaryKey ? [{ label: 'The primary key', columns: table.primaryKey.columns }] : []),
    ...table.uniques.map((unique) => ({ label: `Unique constraint ${unique.name}`, columns: unique.columns })),
    // FULLTEXT and SPATIAL indexes take whole TEXT (and geometry) columns; only B-tree keys need a prefix.
    ...table.indexes.filter((index) => !['fulltext', 'spatial'].includes(index.method?.toLowerCase() ?? '')).map((index) => ({
      label: `Index ${index.name}`,
      columns: index.parts.flatMap((part) => (part.kind === 'column' ? [part.name] : [])),
    })),
  ];
  return keys.flatMap(({ label, columns }) =>
    columns
      .map((name) => table.columns.find((column) => column.name === name))
      .filter((column) => column !== undefined && UNINDEXABLE.test(declaredType(column.type).toLowerCase()))
      .map(
        (column) =>
          `${label} on table ${table.name} covers column ${column!.name}, whose type MySQL indexes only by a prefix; ` +
          `use varchar(n), or an index on sql\`${column!.name}(100)\`.`,
      ),
  );
}

function nameProblems(table: Table): string[] {
  const names: [string, string][] = [
    [`Table ${table.name}`, table.name],
    ...table.columns.map((column): [string, string] => [`Column ${column.name} of table ${table.name}`, column.name]),
    ...[...table.foreignKeys, ...table.uniques, ...table.checks, ...table.indexes].map(
      (object): [string, string] => [`Constraint or index ${object.name} on table ${table.name}`, object.name],
    ),
  ];
  return names
    .filter(([, name]) => name.length > MAX_IDENTIFIER_LENGTH)
    .map(([label, name]) => `${label} is ${name.length} characters long; MySQL allows at most ${MAX_IDENTIFIER_LENGTH}.`);
}
