/**
 * Apply operations to a model without a database: what a migration would leave behind.
 * Dialects use it to know the table a rebuild must produce; tests use it to check that a
 * diff takes the database model to the schema model.
 */
import { indexExpressions } from '../model/index-parts.js';
import { byName } from '../model/member-order.js';
import { qualifiedName, referencedName, splitQualified } from '../model/qualified-name.js';
import { mayUseColumn } from '../model/sql-identifiers.js';
import { withTableOptions } from '../model/table-options.js';
import type { Column, EnumType, Model, Table } from '../model/types.js';
import type { Operation } from './types.js';

/**
 * The model after `ops`, tables and enums sorted by name. Pure: `model` is not changed.
 * Throws when an operation refers to something the model does not have (a bug upstream).
 *
 * @example
 * const after = applyOperations(databaseModel, compareModels(databaseModel, schemaModel));
 */
export function applyOperations(model: Model, ops: readonly Operation[]): Model {
  const tables = new Map(model.tables.map((table) => [qualifiedName(table), table]));
  const enums = new Map(model.enums.map((type) => [qualifiedName(type), type]));
  const schemas = new Set(model.schemas);
  for (const op of ops) {
    if (op.kind === 'createSchema') schemas.add(op.schema);
    else if (op.kind === 'dropSchema') schemas.delete(op.schema);
    else applyOne(tables, enums, op);
  }
  return {
    tables: byName(tables.values()),
    enums: byName(enums.values()),
    ...(schemas.size > 0 && { schemas: [...schemas].sort() }),
  };
}

function applyOne(tables: Map<string, Table>, enums: Map<string, EnumType>, op: Operation): void {
  const update = (name: string, change: (table: Table) => Table): void => {
    tables.set(name, change(requireTable(tables, name)));
  };
  switch (op.kind) {
    case 'createSchema':
    case 'dropSchema':
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
      renameTable(tables, op.from, op.to);
      return;
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
      return update(op.table, (t) => ({
        ...t,
        columns: t.columns.map((column) => (column.name === op.from.name ? op.to : column)),
      }));
    case 'renameColumn':
      renameColumn(tables, op.table, op.from, op.to);
      return;
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
    case 'createEnum':
      if (enums.has(qualifiedName(op.enum))) throw new Error(`Cannot create enum ${qualifiedName(op.enum)}: it exists.`);
      enums.set(qualifiedName(op.enum), op.enum);
      return;
    case 'dropEnum':
      if (!enums.delete(qualifiedName(op.enum))) throw new Error(`Cannot drop enum ${qualifiedName(op.enum)}: it does not exist.`);
      return;
    case 'alterEnum':
      if (!enums.has(qualifiedName(op.from))) throw new Error(`Cannot alter enum ${qualifiedName(op.from)}: it does not exist.`);
      enums.set(qualifiedName(op.to), op.to);
      return;
  }
}

function requireTable(tables: Map<string, Table>, name: string): Table {
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

function renameColumn(tables: Map<string, Table>, tableName: string, from: string, to: string): void {
  const rename = (name: string): string => (name === from ? to : name);
  const renameAll = (names: readonly string[]): string[] => names.map(rename);
  const table = requireTable(tables, tableName);
  if (!table.columns.some((column) => column.name === from)) {
    throw new Error(`Cannot rename column ${tableName}.${from}: it does not exist.`);
  }
  tables.set(tableName, {
    ...table,
    columns: table.columns.map((column): Column => (column.name === from ? { ...column, name: to } : column)),
    ...(table.primaryKey ? { primaryKey: { ...table.primaryKey, columns: renameAll(table.primaryKey.columns) } } : {}),
    uniques: table.uniques.map((unique) => ({ ...unique, columns: renameAll(unique.columns) })),
    foreignKeys: table.foreignKeys.map((fk) => ({ ...fk, columns: renameAll(fk.columns) })),
    // Expressions keep the old name (the diff drops and re-adds what names it), and so does an
    // index that has one: half renamed, it would be valid neither before the rename nor after.
    indexes: table.indexes.map((index) =>
      indexExpressions(index).some((sql) => mayUseColumn(sql, from))
        ? index
        : { ...index, parts: index.parts.map((part) => (part.kind === 'column' ? { ...part, name: rename(part.name) } : part)) },
    ),
  });
  for (const [name, other] of tables) {
    if (!other.foreignKeys.some((fk) => referencedName(fk) === tableName)) continue;
    const current = tables.get(name)!;
    tables.set(name, {
      ...current,
      foreignKeys: current.foreignKeys.map((fk) =>
        referencedName(fk) === tableName ? { ...fk, referencedColumns: renameAll(fk.referencedColumns) } : fk,
      ),
    });
  }
}
