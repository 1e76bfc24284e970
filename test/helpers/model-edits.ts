/**
 * Edits of a model that keep every row, for the randomized convergence test's schema B: a
 * column or a table renamed (everything that names it follows), and a referenced primary key
 * retyped together with the foreign-key columns that point at it.
 */
import type { Column, ColumnType, Table } from '../../src/model/types.js';

/** `sql` with the identifier `from` (a whole word) replaced by `to`. */
function renamedIn(sql: string, from: string, to: string): string {
  return sql.replace(new RegExp(`\\b${from}\\b`, 'g'), to);
}

/**
 * The table with column `from` named `to`, in its keys, indexes, checks and generated columns
 * too (constraint names stay: a database keeps them through a rename).
 *
 * @example
 * renameColumn(users, 'mail', 'email');
 */
export function renameColumn(table: Table, from: string, to: string): Table {
  const rename = (name: string) => (name === from ? to : name);
  const column = (c: Column): Column => ({
    ...c,
    name: rename(c.name),
    ...(c.generated && { generated: { ...c.generated, sql: renamedIn(c.generated.sql, from, to) } }),
  });
  return {
    ...table,
    columns: table.columns.map(column),
    ...(table.primaryKey && { primaryKey: { ...table.primaryKey, columns: table.primaryKey.columns.map(rename) } }),
    foreignKeys: table.foreignKeys.map((fk) => ({ ...fk, columns: fk.columns.map(rename) })),
    uniques: table.uniques.map((unique) => ({ ...unique, columns: unique.columns.map(rename) })),
    indexes: table.indexes.map((index) => ({
      ...index,
      parts: index.parts.map((part) => (part.kind === 'column' ? { ...part, name: rename(part.name) } : { ...part, sql: renamedIn(part.sql, from, to) })),
      ...(index.where !== undefined && { where: renamedIn(index.where, from, to) }),
    })),
    checks: table.checks.map((check) => ({ ...check, sql: renamedIn(check.sql, from, to) })),
  };
}

/**
 * The tables with `from` named `to`, and the foreign keys that point at it following.
 *
 * @example
 * renameTable(tables, 'users', 'people');
 */
export function renameTable(tables: readonly Table[], from: string, to: string): Table[] {
  return tables.map((table) => ({
    ...table,
    name: table.name === from ? to : table.name,
    foreignKeys: table.foreignKeys.map((fk) => (fk.referencedTable === from ? { ...fk, referencedTable: to } : fk)),
  }));
}

/**
 * The tables with the primary key column `id` of table `name` of `type`, and every foreign-key
 * column that points at it too.
 *
 * @example
 * retypeKey(tables, 't0', { kind: 'varchar', length: 10 });
 */
export function retypeKey(tables: readonly Table[], name: string, type: ColumnType): Table[] {
  return tables.map((table) => {
    const pointing = new Set(
      table.foreignKeys.filter((fk) => fk.referencedTable === name).flatMap((fk) => fk.columns.filter((_, i) => fk.referencedColumns[i] === 'id')),
    );
    const retyped = (column: Column) => (table.name === name && column.name === 'id') || pointing.has(column.name);
    return { ...table, columns: table.columns.map((column) => (retyped(column) ? { ...column, type } : column)) };
  });
}

/**
 * The share of column names two tables have in common, as rename candidates count it.
 *
 * @example
 * sharedColumns(before, after); // 0.5
 */
export function sharedColumns(a: Table, b: Table): number {
  const before = new Set(a.columns.map((column) => column.name));
  const after = new Set(b.columns.map((column) => column.name));
  return [...after].filter((name) => before.has(name)).length / new Set([...before, ...after]).size;
}
