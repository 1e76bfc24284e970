/**
 * Applying operations to one table's model, to know what a table looks like after a list of
 * operations: the `to` of a rebuild, and the state a later operation meets.
 */
import { standardQuotedIdentifier } from '../../model/quoted-identifier.js';
import { withTableOptions } from '../../model/table-options.js';
import type { Column, IndexPart, Table } from '../../model/types.js';
import type { Operation } from '../../operations/types.js';
import { tokenize } from './tokenizer.js';

/**
 * The name of the table an operation works on (its old name for a rename), or undefined for
 * operations on no table (enumerations, schemas).
 *
 * @example
 * operationTable({ kind: 'renameTable', from: 'users', to: 'people' }); // 'users'
 */
export function operationTable(operation: Operation): string | undefined {
  switch (operation.kind) {
    case 'createTable':
    case 'dropTable':
      return operation.table.name;
    case 'renameTable':
      return operation.from;
    case 'rebuildTable':
      return operation.from.name;
    case 'createSchema':
    case 'dropSchema':
    case 'createEnum':
    case 'dropEnum':
    case 'alterEnum':
      return undefined;
    default:
      return operation.table;
  }
}

/**
 * The table after one operation on it (create and drop are the caller's business).
 *
 * @example
 * applyToTable(users, { kind: 'renameColumn', table: 'users', from: 'mail', to: 'email' });
 */
export function applyToTable(table: Table, operation: Operation): Table {
  switch (operation.kind) {
    case 'renameTable':
      return { ...table, name: operation.to };
    case 'rebuildTable':
      return operation.to;
    case 'addColumn':
      return { ...table, columns: [...table.columns, operation.column] };
    case 'dropColumn':
      return { ...table, columns: table.columns.filter((c) => c.name !== operation.column.name) };
    case 'alterColumn':
      return { ...table, columns: table.columns.map((c) => (c.name === operation.from.name ? operation.to : c)) };
    case 'renameColumn':
      return renameColumn(table, operation.from, operation.to);
    case 'addPrimaryKey':
      return { ...table, primaryKey: operation.primaryKey };
    case 'dropPrimaryKey': {
      const { primaryKey: _dropped, ...rest } = table;
      return rest;
    }
    case 'createIndex':
      return { ...table, indexes: [...table.indexes, operation.index] };
    case 'dropIndex':
      return { ...table, indexes: table.indexes.filter((i) => i.name !== operation.index.name) };
    case 'addForeignKey':
      return { ...table, foreignKeys: [...table.foreignKeys, operation.foreignKey] };
    case 'dropForeignKey':
      return { ...table, foreignKeys: table.foreignKeys.filter((f) => f.name !== operation.foreignKey.name) };
    case 'addUnique':
      return { ...table, uniques: [...table.uniques, operation.unique] };
    case 'dropUnique':
      return { ...table, uniques: table.uniques.filter((u) => u.name !== operation.unique.name) };
    case 'addCheck':
      return { ...table, checks: [...table.checks, operation.check] };
    case 'dropCheck':
      return { ...table, checks: table.checks.filter((c) => c.name !== operation.check.name) };
    case 'setTableOptions':
      return withTableOptions(table, operation.to);
    case 'setTableComment': {
      const { comment: _old, ...rest } = table;
      return operation.to === undefined ? rest : { ...rest, comment: operation.to };
    }
    default:
      return table;
  }
}

/**
 * Whether SQL text names a column (as an identifier token, quoted or not, any case).
 *
 * @example
 * mentionsColumn('"price" > 0', 'price'); // true
 * mentionsColumn("note = 'price'", 'price'); // false
 */
export function mentionsColumn(sql: string, column: string): boolean {
  const wanted = column.toLowerCase();
  return tokenize(sql).some((t) => (t.kind === 'word' || t.kind === 'quoted') && t.value.toLowerCase() === wanted);
}

/** What SQLite's RENAME COLUMN does: the new name everywhere the table mentions the old one. */
function renameColumn(table: Table, from: string, to: string): Table {
  const rename = (name: string) => (name === from ? to : name);
  const renameIn = (sql: string) => replaceIdentifier(sql, from, to);
  const renamePart = (part: IndexPart): IndexPart =>
    part.kind === 'column' ? { ...part, name: rename(part.name) } : { ...part, sql: renameIn(part.sql) };
  const renameGenerated = (column: Column): Column =>
    column.generated ? { ...column, generated: { ...column.generated, sql: renameIn(column.generated.sql) } } : column;
  return {
    ...table,
    columns: table.columns.map((c) => renameGenerated(c.name === from ? { ...c, name: to } : c)),
    ...(table.primaryKey ? { primaryKey: { ...table.primaryKey, columns: table.primaryKey.columns.map(rename) } } : {}),
    foreignKeys: table.foreignKeys.map((fk) => ({ ...fk, columns: fk.columns.map(rename) })),
    uniques: table.uniques.map((u) => ({ ...u, columns: u.columns.map(rename) })),
    indexes: table.indexes.map((index) => ({
      ...index,
      parts: index.parts.map(renamePart),
      ...(index.where !== undefined ? { where: renameIn(index.where) } : {}),
    })),
    checks: table.checks.map((c) => ({ ...c, sql: renameIn(c.sql) })),
  };
}

/** Replace identifier tokens naming `from` by a double-quoted `to`, leaving strings alone. */
function replaceIdentifier(sql: string, from: string, to: string): string {
  const wanted = from.toLowerCase();
  let result = '';
  let last = 0;
  for (const token of tokenize(sql)) {
    if ((token.kind === 'word' || token.kind === 'quoted') && token.value.toLowerCase() === wanted) {
      result += sql.slice(last, token.start) + standardQuotedIdentifier(to);
      last = token.end;
    }
  }
  return result + sql.slice(last);
}

/**
 * The tables after one operation, including what SQLite does to other tables: renaming a
 * table or column also rewrites the foreign keys that refer to it.
 *
 * @example
 * const after = applyToTables(before, { kind: 'renameTable', from: 'users', to: 'people' });
 */
export function applyToTables(tables: ReadonlyMap<string, Table>, operation: Operation): Map<string, Table> {
  const next = new Map(tables);
  if (operation.kind === 'createTable') return next.set(operation.table.name, operation.table);
  if (operation.kind === 'dropTable') {
    next.delete(operation.table.name);
    return next;
  }
  const name = operationTable(operation);
  const table = name === undefined ? undefined : next.get(name);
  if (name === undefined || table === undefined) return next;
  const changed = applyToTable(table, operation);
  next.delete(name);
  next.set(changed.name, changed);
  if (operation.kind === 'renameTable' || operation.kind === 'renameColumn') {
    for (const [key, other] of next) next.set(key, renameReferences(other, operation));
  }
  return next;
}

function renameReferences(
  table: Table,
  operation: Extract<Operation, { kind: 'renameTable' | 'renameColumn' }>,
): Table {
  const foreignKeys = table.foreignKeys.map((fk) => {
    if (operation.kind === 'renameTable') {
      return fk.referencedTable === operation.from ? { ...fk, referencedTable: operation.to } : fk;
    }
    if (fk.referencedTable !== operation.table) return fk;
    return { ...fk, referencedColumns: fk.referencedColumns.map((c) => (c === operation.from ? operation.to : c)) };
  });
  return { ...table, foreignKeys };
}
