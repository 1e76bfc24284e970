/**
 * Database tables whose name holds '.': the schema language cannot declare them (`table()`
 * refuses such a name, since Kysely, revision code and every table identity read `a.b` as table
 * `b` of schema `a`). Autogenerate and `pull` leave them alone, like `tables.exclude`.
 */
import { qualifiedName } from './qualified-name.js';
import type { ForeignKey, Model, Table } from './types.js';

/**
 * Whether a table's own name holds '.'.
 *
 * @example
 * isDottedTable({ name: 'a.b' }); // true
 */
export function isDottedTable(table: Pick<Table, 'name'>): boolean {
  return table.name.includes('.');
}

/**
 * Whether a foreign key points at a table whose name holds '.'.
 *
 * @example
 * pointsAtDotted({ referencedTable: 'a.b', … }); // true
 */
export function pointsAtDotted(fk: Pick<ForeignKey, 'referencedTable'>): boolean {
  return isDottedTable({ name: fk.referencedTable });
}

/**
 * Both sides of a diff with the database's dotted tables left alone: they leave the database
 * model, and the foreign keys pointing at them (which the schema cannot declare either) are
 * carried into the schema's table of the same name, so the diff neither drops them nor
 * re-creates a table without them. `dotted` names the tables left alone.
 *
 * @example
 * leaveDottedTablesAlone(database, schema).dotted; // ['a.b']
 */
export function leaveDottedTablesAlone(database: Model, schema: Model): { readonly database: Model; readonly schema: Model; readonly dotted: readonly string[] } {
  const dotted = database.tables.filter(isDottedTable);
  if (dotted.length === 0) return { database, schema, dotted: [] };
  const kept = new Map(database.tables.map((table) => [qualifiedName(table), table.foreignKeys.filter(pointsAtDotted)]));
  const tables = schema.tables.map((table) => {
    const declared = new Set(table.foreignKeys.map((fk) => fk.name));
    const carried = (kept.get(qualifiedName(table)) ?? []).filter((fk) => !declared.has(fk.name));
    return carried.length === 0 ? table : { ...table, foreignKeys: [...table.foreignKeys, ...carried] };
  });
  return {
    database: { ...database, tables: database.tables.filter((table) => !isDottedTable(table)) },
    schema: { ...schema, tables },
    dotted: dotted.map(qualifiedName),
  };
}
