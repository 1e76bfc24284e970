/**
 * Introspection: the current database read from information_schema into the neutral model,
 * with a fixed number of queries (see queries.ts) however many tables there are.
 *
 * MySQL-specific readings:
 * - Unique constraints are unique indexes: a unique index over whole columns in ascending
 *   order is read as a unique constraint, any other (prefix, descending, expression) as an index.
 * - Indexes MySQL creates itself for a foreign key carry the key's name and are left out.
 * - MariaDB's `json` is `longtext` with a `json_valid` column check: read back as `json`, and
 *   the check is not a user check.
 * - Inline `ENUM` columns have no type name; they are named `<table>_<column>`, and the model
 *   has no separate enumeration types.
 * - Primary keys are always called `PRIMARY`: the model leaves the name out.
 * - `RESTRICT` and `NO ACTION` are the same thing in InnoDB; both read as the default.
 * - `ON UPDATE CURRENT_TIMESTAMP` has no place in the portable model: such a column's type is
 *   `custom('datetime ON UPDATE CURRENT_TIMESTAMP')`, which re-creates it as it was.
 */
import type { Kysely } from 'kysely';
import { standardQuotedIdentifier } from '../../model/quoted-identifier.js';
import type {
  CheckConstraint,
  Column,
  ColumnType,
  ForeignKey,
  Index,
  IndexPart,
  Model,
  ReferentialAction,
  Table,
  UniqueConstraint,
} from '../../model/types.js';
import type { IntrospectOptions } from '../dialect.js';
import { runLanes } from '../query-lanes.js';
import { parseDefault } from './defaults.js';
import {
  selectChecks,
  selectColumns,
  selectForeignKeyParts,
  selectIndexParts,
  selectTables,
  type CheckRow,
  type ColumnRow,
  type ForeignKeyPartRow,
  type IndexPartRow,
  type TableRow,
} from './queries.js';
import { selectServerVersion, type ServerVersion } from './server.js';
import { declaredType, toColumnType } from './types.js';

const REFERENTIAL_ACTIONS: Readonly<Record<string, ReferentialAction | undefined>> = {
  CASCADE: 'cascade',
  'SET NULL': 'set null',
  'SET DEFAULT': 'set default',
};

/**
 * The model of the current database (`database()`; inside `canonicalize`, the scratch one).
 *
 * @example
 * const model = await introspect(db, { isExcluded: (name) => name === 'schemigrate_version' });
 */
export async function introspect(db: Kysely<any>, options: IntrospectOptions): Promise<Model> {
  // Two lanes need the server version: the first to ask reads it, the other waits for it.
  let version: Promise<ServerVersion> | undefined;
  const serverOf = (lane: Kysely<any>) => (version ??= selectServerVersion(lane));
  // information_schema is slow (the server opens every table): the long queries get a lane
  // each, the short ones share one (a pool holds 4 connections).
  const [columnRows, indexRows, foreignKeyRows, [tableRows, checkRows]] = await runLanes(
    db,
    [
      (lane) => selectColumns(lane),
      async (lane) => selectIndexParts(lane, await serverOf(lane)),
      (lane) => selectForeignKeyParts(lane),
      async (lane) => [await selectTables(lane), await selectChecks(lane, await serverOf(lane))] as const,
    ],
    options,
  );
  const server = await serverOf(db);
  const columns = groupByTable(columnRows);
  const indexes = groupByTable(indexRows);
  const checks = groupByTable(checkRows);
  const foreignKeys = groupByTable(foreignKeyRows);
  const tables = tableRows
    .filter((row) => !options.isExcluded(row.table))
    .map((row) =>
      toTable(row, {
        server,
        columns: columns.get(row.table) ?? [],
        indexParts: indexes.get(row.table) ?? [],
        checks: checks.get(row.table) ?? [],
        foreignKeyParts: foreignKeys.get(row.table) ?? [],
      }),
    );
  return { tables, enums: [] };
}

interface TableRows {
  readonly server: ServerVersion;
  readonly columns: readonly ColumnRow[];
  readonly indexParts: readonly IndexPartRow[];
  readonly checks: readonly CheckRow[];
  readonly foreignKeyParts: readonly ForeignKeyPartRow[];
}

function toTable(row: TableRow, rows: TableRows): Table {
  const jsonColumns = new Set(rows.checks.flatMap((check) => jsonCheckColumn(check) ?? []));
  const foreignKeys = groupBy(rows.foreignKeyParts, (part) => part.name).map(toForeignKey);
  const foreignKeyNames = new Set(foreignKeys.map((fk) => fk.name));
  const indexGroups = groupBy(rows.indexParts, (part) => part.name).filter(
    (parts) => !foreignKeyNames.has(parts[0]!.name),
  );
  const primary = indexGroups.find((parts) => parts[0]!.name === 'PRIMARY');
  const uniques: UniqueConstraint[] = [];
  const indexes: Index[] = [];
  for (const parts of indexGroups) {
    if (parts === primary) continue;
    const index = toIndex(parts);
    if (index.unique && index.method === undefined && index.parts.every((part) => part.kind === 'column' && !part.descending)) {
      uniques.push({ name: index.name, columns: index.parts.map((part) => (part.kind === 'column' ? part.name : '')) });
    } else {
      indexes.push(index);
    }
  }
  return {
    name: row.table,
    columns: rows.columns.map((column) => toColumn(column, row, jsonColumns.has(column.name), rows.server)),
    ...(primary && { primaryKey: { columns: primary.map((part) => part.column!) } }),
    foreignKeys,
    uniques,
    indexes,
    checks: rows.checks.filter((check) => jsonCheckColumn(check) === undefined).map(toCheck),
    ...(row.comment !== '' && { comment: row.comment }),
  };
}

/**
 * The column of MariaDB's own check behind the `json` alias, `json_valid(<column>)` on the
 * column; it is named as the column, but keeps its name when the column is renamed.
 */
function jsonCheckColumn(check: CheckRow): string | undefined {
  if (check.level !== 'Column') return undefined;
  return /^json_valid\(\s*[`"]?((?:[^`"]|``|"")+)[`"]?\s*\)$/i.exec(check.clause.trim())?.[1];
}

function toColumn(row: ColumnRow, table: TableRow, jsonChecked: boolean, server: ServerVersion): Column {
  const type = withOnUpdate(toColumnType({ columnType: row.columnType, jsonChecked, enumName: `${table.table}_${row.name}` }), row.extra);
  const generated = row.generation !== null && /\b(STORED|VIRTUAL|PERSISTENT) GENERATED\b/i.test(row.extra);
  const defaultValue = generated ? undefined : parseDefault({ text: row.default, extra: row.extra, type }, server);
  // MariaDB's json is longtext in utf8mb4_bin; that collation comes with the type. Other collations
  // count when they differ from the database's default, which a created table gets: a table created
  // with its own default (`DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_bin`) passes it on to its columns.
  const collation = type.kind !== 'json' && row.collation !== null && row.collation !== table.databaseCollation ? row.collation : undefined;
  return {
    name: row.name,
    type,
    nullable: row.nullable === 'YES',
    ...(defaultValue && { default: defaultValue }),
    autoIncrement: /\bauto_increment\b/i.test(row.extra),
    ...(generated && { generated: { sql: row.generation!, stored: /\b(STORED|PERSISTENT)\b/i.test(row.extra) } }),
    ...(row.comment !== '' && { comment: row.comment }),
    ...(collation !== undefined && { collation }),
  };
}

/** `on update current_timestamp(3)` in EXTRA becomes part of a custom type. */
function withOnUpdate(type: ColumnType, extra: string): ColumnType {
  const onUpdate = /\bon update current_timestamp(?:\(\s*(\d*)\s*\))?/i.exec(extra);
  if (!onUpdate) return type;
  const now = onUpdate[1] ? `CURRENT_TIMESTAMP(${onUpdate[1]})` : 'CURRENT_TIMESTAMP';
  return { kind: 'custom', sql: `${declaredType(type)} ON UPDATE ${now}` };
}

function toIndex(parts: readonly IndexPartRow[]): Index {
  const first = parts[0]!;
  const method = first.method.toUpperCase() === 'BTREE' ? undefined : first.method.toLowerCase();
  return {
    name: first.name,
    unique: Number(first.nonUnique) === 0,
    parts: parts.map((part): IndexPart => {
      const descending = part.order === 'D';
      if (part.column === null) return { kind: 'expression', sql: part.expression ?? '', descending };
      // A prefix key part reads as the expression it is written as: `"email"(10)`.
      if (part.prefix !== null) return { kind: 'expression', sql: `${standardQuotedIdentifier(part.column)}(${part.prefix})`, descending };
      return { kind: 'column', name: part.column, descending };
    }),
    ...(method !== undefined && { method }),
  };
}

function toForeignKey(parts: readonly ForeignKeyPartRow[]): ForeignKey {
  const first = parts[0]!;
  const onDelete = REFERENTIAL_ACTIONS[first.onDelete.toUpperCase()];
  const onUpdate = REFERENTIAL_ACTIONS[first.onUpdate.toUpperCase()];
  return {
    name: first.name,
    columns: parts.map((part) => part.column),
    referencedTable: first.referencedTable,
    referencedColumns: parts.map((part) => part.referencedColumn),
    ...(onDelete && { onDelete }),
    ...(onUpdate && { onUpdate }),
  };
}

function toCheck(row: CheckRow): CheckConstraint {
  return { name: row.name, sql: row.clause };
}

function groupByTable<R extends { readonly table: string }>(rows: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const group = groups.get(row.table);
    if (group) group.push(row);
    else groups.set(row.table, [row]);
  }
  return groups;
}

/** Rows grouped by key, groups in order of first appearance (the queries order by table, name, position). */
function groupBy<R>(rows: readonly R[], key: (row: R) => string): R[][] {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return [...groups.values()];
}
