/**
 * One operation applied to a model's tables: the table it changes and what that does to the
 * others (a rename carries the foreign keys that refer to the renamed table or column). The one
 * per-table apply: `applyOperations` builds on it, and SQLite's lowering follows a table through
 * a list of operations with it.
 */
import { indexExpressions } from '../model/index-parts.js';
import { qualifiedName, referencedName, splitQualified } from '../model/qualified-name.js';
import { mayUseColumn } from '../model/sql-identifiers.js';
import { withTableOptions } from '../model/table-options.js';
import type { Column, IndexPart, Table } from '../model/types.js';
import type { Operation } from './types.js';

/** Writes column `to` where SQL text names column `from`, leaving the rest of the text alone. */
export type RenameInExpression = (sql: string, from: string, to: string) => string;

export interface ApplyOptions {
  /**
   * For a database whose RENAME COLUMN rewrites the expressions that name the column (SQLite's
   * lowering follows what SQLite does): the rewrite. Without it, expressions keep the old name,
   * and so does an index with an expression naming it (half renamed, it would be valid neither
   * before the rename nor after): the diff drops and re-adds whatever names the old name.
   */
  readonly renameInExpression?: RenameInExpression;
}

/**
 * Apply `op` to `tables` (keyed by `qualifiedName`), in place; enumeration and schema operations
 * leave them alone. Throws when the operation refers to something the tables do not have (a bug
 * upstream).
 *
 * @example
 * const tables = new Map(model.tables.map((table) => [qualifiedName(table), table]));
 * applyToTables(tables, { kind: 'renameColumn', table: 'users', from: 'mail', to: 'email' });
 */
export function applyToTables(tables: Map<string, Table>, op: Operation, options: ApplyOptions = {}): void {
  const update = (name: string, change: (table: Table) => Table): void => {
    tables.set(name, change(requireTable(tables, name)));
  };
  switch (op.kind) {
    case 'createSchema':
    case 'dropSchema':
    case 'createEnum':
    case 'dropEnum':
    case 'alterEnum':
      return;
    case 'createTable':
      if (tables.has(qualifiedName(op.table))) throw new Error(`Cannot create table ${qualifiedName(op.table)}: it exists.`);
      tables.set(qualifiedName(op.table), op.table);
      return;
    case 'dropTable':
      requireTable(tables, qualifiedName(op.table));
      tables.delete(qualifiedName(op.table));
      return;
    case 'renameTable':
      return renameTable(tables, op.from, op.to);
    case 'rebuildTable':
      requireTable(tables, qualifiedName(op.from));
      tables.delete(qualifiedName(op.from));
      tables.set(qualifiedName(op.to), op.to);
      return;
    case 'addColumn':
      return update(op.table, (t) => ({ ...t, columns: [...t.columns, op.column] }));
    case 'dropColumn':
      return update(op.table, (t) => ({ ...t, columns: without(t.columns, op.column.name, `column ${op.table}.`) }));
    case 'alterColumn':
      return update(op.table, (t) => ({ ...t, columns: t.columns.map((column) => (column.name === op.from.name ? op.to : column)) }));
    case 'renameColumn':
      return renameColumn(tables, op.table, op.from, op.to, options.renameInExpression);
    case 'addPrimaryKey':
      return update(op.table, (t) => ({ ...t, primaryKey: op.primaryKey }));
    case 'dropPrimaryKey':
      return update(op.table, ({ primaryKey: _dropped, ...t }) => t);
    case 'createIndex':
      return update(op.table, (t) => ({ ...t, indexes: [...t.indexes, op.index] }));
    case 'dropIndex':
      return update(op.table, (t) => ({ ...t, indexes: without(t.indexes, op.index.name, 'index ') }));
    case 'addForeignKey':
      return update(op.table, (t) => ({ ...t, foreignKeys: [...t.foreignKeys, op.foreignKey] }));
    case 'dropForeignKey':
      return update(op.table, (t) => ({ ...t, foreignKeys: without(t.foreignKeys, op.foreignKey.name, 'foreign key ') }));
    case 'addUnique':
      return update(op.table, (t) => ({ ...t, uniques: [...t.uniques, op.unique] }));
    case 'dropUnique':
      return update(op.table, (t) => ({ ...t, uniques: without(t.uniques, op.unique.name, 'unique ') }));
    case 'addCheck':
      return update(op.table, (t) => ({ ...t, checks: [...t.checks, op.check] }));
    case 'dropCheck':
      return update(op.table, (t) => ({ ...t, checks: without(t.checks, op.check.name, 'check ') }));
    case 'setTableComment':
      return update(op.table, ({ comment: _old, ...t }) => (op.to === undefined ? t : { ...t, comment: op.to }));
    case 'setTableOptions':
      return update(op.table, (t) => withTableOptions(t, op.to));
  }
}

function requireTable(tables: ReadonlyMap<string, Table>, name: string): Table {
  const table = tables.get(name);
  if (!table) throw new Error(`Table ${name} does not exist in the model.`);
  return table;
}

function without<T extends { readonly name: string }>(items: readonly T[], name: string, what: string): T[] {
  const rest = items.filter((item) => item.name !== name);
  if (rest.length === items.length) throw new Error(`Cannot drop ${what}${name}: it does not exist.`);
  return rest;
}

function renameTable(tables: Map<string, Table>, from: string, to: string): void {
  const table = requireTable(tables, from);
  tables.delete(from);
  // A rename stays within the table's schema.
  const name = table.schema === undefined ? to : splitQualified(to).name;
  tables.set(to, { ...table, name });
  // Foreign keys elsewhere follow the table, as they do in a database.
  for (const [key, other] of tables) {
    if (!other.foreignKeys.some((fk) => referencedName(fk) === from)) continue;
    tables.set(key, {
      ...other,
      foreignKeys: other.foreignKeys.map((fk) => (referencedName(fk) === from ? { ...fk, referencedTable: name } : fk)),
    });
  }
}

function renameColumn(tables: Map<string, Table>, tableName: string, from: string, to: string, renameIn?: RenameInExpression): void {
  const rename = (name: string): string => (name === from ? to : name);
  const renameAll = (names: readonly string[]): string[] => names.map(rename);
  const table = requireTable(tables, tableName);
  if (!table.columns.some((column) => column.name === from)) {
    throw new Error(`Cannot rename column ${tableName}.${from}: it does not exist.`);
  }
  const renamed: Table = {
    ...table,
    columns: table.columns.map((column): Column => (column.name === from ? { ...column, name: to } : column)),
    ...(table.primaryKey ? { primaryKey: { ...table.primaryKey, columns: renameAll(table.primaryKey.columns) } } : {}),
    uniques: table.uniques.map((unique) => ({ ...unique, columns: renameAll(unique.columns) })),
    foreignKeys: table.foreignKeys.map((fk) => ({ ...fk, columns: renameAll(fk.columns) })),
    indexes: table.indexes.map((index) =>
      renameIn === undefined && indexExpressions(index).some((sql) => mayUseColumn(sql, from))
        ? index
        : { ...index, parts: index.parts.map((part) => (part.kind === 'column' ? { ...part, name: rename(part.name) } : part)) },
    ),
  };
  tables.set(tableName, renameIn === undefined ? renamed : renameInExpressions(renamed, (sql) => renameIn(sql, from, to)));
  for (const [name, other] of tables) {
    if (!other.foreignKeys.some((fk) => referencedName(fk) === tableName)) continue;
    tables.set(name, {
      ...other,
      foreignKeys: other.foreignKeys.map((fk) =>
        referencedName(fk) === tableName ? { ...fk, referencedColumns: renameAll(fk.referencedColumns) } : fk,
      ),
    });
  }
}

/** `table` with `rewrite` applied to every expression: generated columns, index expressions and predicates, checks. */
function renameInExpressions(table: Table, rewrite: (sql: string) => string): Table {
  const part = (item: IndexPart): IndexPart => (item.kind === 'expression' ? { ...item, sql: rewrite(item.sql) } : item);
  return {
    ...table,
    columns: table.columns.map((column) => (column.generated ? { ...column, generated: { ...column.generated, sql: rewrite(column.generated.sql) } } : column)),
    indexes: table.indexes.map((index) => ({
      ...index,
      parts: index.parts.map(part),
      ...(index.where !== undefined ? { where: rewrite(index.where) } : {}),
    })),
    checks: table.checks.map((check) => ({ ...check, sql: rewrite(check.sql) })),
  };
}
