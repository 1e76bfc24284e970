/**
 * Reading a live SQLite database into the neutral model. Five catalog queries, however many
 * tables: `pragma_table_list` (which also says STRICT and WITHOUT ROWID) joined with the
 * table-valued pragmas, plus the original CREATE statements, which the tokenizer reads for
 * what the pragmas do not report.
 */
import { sql, type Kysely } from 'kysely';
import { byName } from '../../model/member-order.js';
import type {
  CheckConstraint,
  Column,
  ForeignKey,
  Index,
  IndexPart,
  Model,
  ReferentialAction,
  Table,
  UniqueConstraint,
} from '../../model/types.js';
import type { IntrospectOptions } from '../dialect.js';
import { parseSqliteDefault } from './defaults.js';
import { parseCreateIndex } from './parse-create-index.js';
import { parseCreateTable, type ParsedConstraint, type ParsedTable } from './parse-create-table.js';
import { parseEnumValuesCheck, parseSqliteDeclaredType } from './types.js';

interface TableRow {
  readonly name: string;
  readonly sql: string;
  readonly strict: number;
  /** 1 for a WITHOUT ROWID table. */
  readonly wr: number;
}

interface ColumnRow {
  readonly table_name: string;
  readonly cid: number;
  readonly name: string;
  readonly type: string;
  readonly notnull: number;
  readonly dflt_value: string | null;
  readonly pk: number;
  /** 0 ordinary, 2 generated virtual, 3 generated stored. */
  readonly hidden: number;
}

interface IndexColumnRow {
  readonly table_name: string;
  readonly index_name: string;
  readonly unique: number;
  /** `c` CREATE INDEX, `u` UNIQUE constraint, `pk` PRIMARY KEY. */
  readonly origin: 'c' | 'u' | 'pk';
  readonly partial: number;
  readonly seqno: number;
  /** -1 rowid, -2 expression. */
  readonly cid: number;
  readonly column_name: string | null;
  readonly desc: number;
  readonly sql: string | null;
}

interface ForeignKeyRow {
  readonly table_name: string;
  readonly id: number;
  readonly seq: number;
  readonly table: string;
  readonly from: string;
  readonly to: string | null;
  readonly on_update: string;
  readonly on_delete: string;
}

const USER_TABLES = sql`
  select name, strict, wr from pragma_table_list
  where schema = 'main' and type = 'table' and name not like 'sqlite\\_%' escape '\\'`;

/**
 * `sqlite_master`'s rows of one type, read once (`materialized`): joined directly, SQLite
 * searches the whole table for each table or index it matches (at 1,000 tables the two queries
 * took 54 ms that way, 38 ms this way).
 */
function masterRows(type: 'table' | 'index') {
  return sql`select name, sql from sqlite_master where type = ${sql.lit(type)}`;
}

/**
 * Read every user table (minus excluded ones) into the neutral model.
 *
 * @example
 * const model = await introspectSqlite(db, { isExcluded: (name) => name === 'schemigrate_version' });
 */
export async function introspectSqlite(db: Kysely<any>, options: IntrospectOptions): Promise<Model> {
  const [tableRows, columnRows, indexRows, foreignKeyRows] = await Promise.all([
    sql<TableRow>`
      with m as materialized (${masterRows('table')})
      select t.name, m.sql, t.strict, t.wr from (${USER_TABLES}) t join m on m.name = t.name
      order by t.name`.execute(db),
    sql<ColumnRow>`
      select t.name as table_name, c.cid, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden
      from (${USER_TABLES}) t join pragma_table_xinfo(t.name) c
      order by t.name, c.cid`.execute(db),
    sql<IndexColumnRow>`
      with m as materialized (${masterRows('index')})
      select t.name as table_name, il.name as index_name, il."unique", il.origin, il.partial,
             ix.seqno, ix.cid, ix.name as column_name, ix."desc", m.sql
      from (${USER_TABLES}) t
      join pragma_index_list(t.name) il
      join pragma_index_xinfo(il.name) ix
      left join m on m.name = il.name
      where ix."key" = 1
      order by t.name, il.name, ix.seqno`.execute(db),
    sql<ForeignKeyRow>`
      select t.name as table_name, fk.id, fk.seq, fk."table", fk."from", fk."to", fk.on_update, fk.on_delete
      from (${USER_TABLES}) t join pragma_foreign_key_list(t.name) fk
      order by t.name, fk.id, fk.seq`.execute(db),
  ]);

  const columnsByTable = groupBy(columnRows.rows, (row) => row.table_name);
  const indexesByTable = groupBy(indexRows.rows, (row) => row.table_name);
  const foreignKeysByTable = groupBy(foreignKeyRows.rows, (row) => row.table_name);
  const primaryKeys = new Map(
    [...columnsByTable].map(([table, rows]) => [table.toLowerCase(), primaryKeyColumns(rows)] as const),
  );

  const tables = tableRows.rows
    .filter((row) => !options.isExcluded(row.name))
    .map((row) =>
      buildTable(row, parseCreateTable(row.sql), {
        columns: columnsByTable.get(row.name) ?? [],
        indexes: indexesByTable.get(row.name) ?? [],
        foreignKeys: foreignKeysByTable.get(row.name) ?? [],
        primaryKeys,
      }),
    );
  return { tables, enums: [] };
}

interface TableCatalog {
  readonly columns: readonly ColumnRow[];
  readonly indexes: readonly IndexColumnRow[];
  readonly foreignKeys: readonly ForeignKeyRow[];
  /** Every table's primary key, for `REFERENCES parent` without a column list. */
  readonly primaryKeys: ReadonlyMap<string, readonly string[]>;
}

function buildTable(row: TableRow, written: ParsedTable, catalog: TableCatalog): Table {
  const { parsed, enumValues } = withEnumChecksTaken(written);
  const primaryKey = primaryKeyColumns(catalog.columns);
  const indexGroups = [...groupBy(catalog.indexes, (r) => r.index_name).values()];
  return {
    name: row.name,
    columns: catalog.columns.map((column) => withEnumType(row.name, buildColumn(column, parsed), enumValues)),
    ...(primaryKey.length > 0 ? { primaryKey: { columns: primaryKey } } : {}),
    foreignKeys: buildForeignKeys(row.name, catalog, parsed.constraints),
    uniques: buildUniques(
      row.name,
      indexGroups.filter((rows) => rows[0]!.origin === 'u'),
      parsed.constraints,
    ),
    indexes: byName(indexGroups.filter((rows) => rows[0]!.origin === 'c').map(buildIndex)),
    checks: buildChecks(row.name, parsed.constraints),
    ...(row.strict === 1 ? { strict: true } : {}),
    ...(row.wr === 1 ? { withoutRowid: true } : {}),
  };
}

/**
 * Take out the unnamed column-level `CHECK ("col" IN (…))` on a `text` column that schemigrate
 * writes for an enumeration (declared checks always have names): it reads back as the column's
 * enum type, not as a check. Keyed by lower-cased column name.
 */
function withEnumChecksTaken(written: ParsedTable): { parsed: ParsedTable; enumValues: Map<string, string[]> } {
  const enumValues = new Map<string, string[]>();
  const constraints = written.constraints.filter((constraint) => {
    if (constraint.kind !== 'check' || constraint.name !== undefined || constraint.column === undefined) return true;
    const column = written.columns.find((c) => sameName(c.name, constraint.column!));
    if (column === undefined || column.declaredType.trim().toLowerCase() !== 'text') return true;
    const key = column.name.toLowerCase();
    const values = enumValues.has(key) ? undefined : parseEnumValuesCheck(constraint.sql, column.name);
    if (values === undefined) return true;
    enumValues.set(key, values);
    return false;
  });
  return { parsed: { ...written, constraints }, enumValues };
}

/** An enumeration reads back named `<table>_<column>`, as on MySQL (SQLite keeps no type name). */
function withEnumType(table: string, column: Column, enumValues: ReadonlyMap<string, string[]>): Column {
  const values = enumValues.get(column.name.toLowerCase());
  return values === undefined ? column : { ...column, type: { kind: 'enum', name: `${table}_${column.name}`, values } };
}

function buildColumn(row: ColumnRow, parsed: ParsedTable): Column {
  const written = parsed.columns.find((c) => sameName(c.name, row.name));
  const type = parseSqliteDeclaredType(written?.declaredType ?? row.type);
  const tableLevelAutoIncrement = parsed.constraints.some(
    (c) => c.kind === 'primaryKey' && c.autoIncrement && c.columns.length === 1 && sameName(c.columns[0]!, row.name),
  );
  const generated = row.hidden === 2 || row.hidden === 3;
  return {
    name: row.name,
    type,
    nullable: row.notnull === 0 && row.pk === 0,
    ...(row.dflt_value !== null ? { default: parseSqliteDefault(row.dflt_value, type) } : {}),
    autoIncrement: (written?.autoIncrement ?? false) || tableLevelAutoIncrement,
    ...(generated ? { generated: { sql: written?.generated?.sql ?? '', stored: row.hidden === 3 } } : {}),
    ...(written?.collation !== undefined ? { collation: written.collation } : {}),
  };
}

function primaryKeyColumns(rows: readonly ColumnRow[]): string[] {
  return rows
    .filter((r) => r.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((r) => r.name);
}

/** UNIQUE constraints show up as `sqlite_autoindex_*` indexes; their names come from the SQL. */
function buildUniques(
  table: string,
  groups: readonly (readonly IndexColumnRow[])[],
  constraints: readonly ParsedConstraint[],
): UniqueConstraint[] {
  const written = constraints.filter((c) => c.kind === 'unique');
  return byName(
    groups.map((rows) => {
      const columns = rows.map((r) => r.column_name ?? 'rowid');
      const match = takeFirst(written, (c) => sameNames(c.columns, columns));
      return { name: match?.name ?? `uq_${table}_${columns.join('_')}`, columns };
    }),
  );
}

function buildIndex(rows: readonly IndexColumnRow[]): Index {
  const first = rows[0]!;
  const parsed = first.sql === null ? { parts: [] } : parseCreateIndex(first.sql);
  const parts = rows.map((row): IndexPart => {
    const descending = row.desc === 1;
    if (row.cid === -2) return { kind: 'expression', sql: parsed.parts[row.seqno]?.sql ?? '', descending };
    return { kind: 'column', name: row.column_name ?? 'rowid', descending };
  });
  return {
    name: first.index_name,
    unique: first.unique === 1,
    parts,
    ...(first.partial === 1 && parsed.where !== undefined ? { where: parsed.where } : {}),
  };
}

function buildForeignKeys(table: string, catalog: TableCatalog, constraints: readonly ParsedConstraint[]): ForeignKey[] {
  const written = constraints.filter((c) => c.kind === 'foreignKey');
  const groups = [...groupBy(catalog.foreignKeys, (r) => String(r.id)).values()];
  // pragma_foreign_key_list numbers constraints last-declared first.
  groups.reverse();
  return byName(
    groups.map((rows) => {
      const first = rows[0]!;
      const columns = rows.map((r) => r.from);
      const referencedColumns = rows.every((r) => r.to !== null)
        ? rows.map((r) => r.to!)
        : [...(catalog.primaryKeys.get(first.table.toLowerCase()) ?? [])];
      const match = takeFirst(
        written,
        (c) => sameNames(c.columns, columns) && sameName(c.referencedTable, first.table),
      );
      const onDelete = referentialAction(first.on_delete);
      const onUpdate = referentialAction(first.on_update);
      return {
        name: match?.name ?? `fk_${table}_${columns.join('_')}_${first.table}`,
        columns,
        referencedTable: first.table,
        referencedColumns,
        ...(onDelete ? { onDelete } : {}),
        ...(onUpdate ? { onUpdate } : {}),
      };
    }),
  );
}

function referentialAction(text: string): ReferentialAction | undefined {
  const action = text.toLowerCase() as ReferentialAction;
  return action === 'no action' ? undefined : action;
}

function buildChecks(table: string, constraints: readonly ParsedConstraint[]): CheckConstraint[] {
  let unnamed = 0;
  return byName(
    constraints
      .filter((c) => c.kind === 'check')
      .map((c) => ({ name: c.name ?? `ck_${table}_${++unnamed}`, sql: c.sql })),
  );
}

/** Remove and return the first item matching, so that two equal constraints pair up once each. */
function takeFirst<T>(items: T[], predicate: (item: T) => boolean): T | undefined {
  const index = items.findIndex(predicate);
  return index === -1 ? undefined : items.splice(index, 1)[0];
}

/** SQLite identifiers are case-insensitive. */
function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => sameName(name, b[i]!));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
