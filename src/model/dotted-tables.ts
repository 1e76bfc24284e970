/**
 * Database tables whose name holds '.': the schema language cannot declare them (`table()`
 * refuses such a name, since Kysely, revision code and every table identity read `a.b` as table
 * `b` of schema `a`). Autogenerate and `pull` leave them alone, like `tables.exclude`.
 */
import { qualifiedName } from './qualified-name.js';
import type { Model, Table } from './types.js';

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
 * The model without tables whose name holds '.', and without the foreign keys pointing at them
 * (which cannot be declared either); `dotted` names the tables left out.
 *
 * @example
 * withoutDottedTables(model).dotted; // ['a.b']
 */
export function withoutDottedTables(model: Model): { readonly model: Model; readonly dotted: readonly string[] } {
  const dotted = model.tables.filter(isDottedTable);
  if (dotted.length === 0) return { model, dotted: [] };
  const tables = model.tables
    .filter((table) => !isDottedTable(table))
    .map((table) => {
      const keys = table.foreignKeys.filter((fk) => !fk.referencedTable.includes('.'));
      return keys.length === table.foreignKeys.length ? table : { ...table, foreignKeys: keys };
    });
  return { model: { ...model, tables }, dotted: dotted.map(qualifiedName) };
}
