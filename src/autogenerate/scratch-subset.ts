/**
 * What the scratch pass of autogenerate must create to learn the server's spellings: only what
 * differs as declared. The diff compares each check, index and foreign key by name with every
 * spelling it knows (the declared one among them), so an object that already matches as
 * declared stays matched and needs no canonical form. Creating fewer objects in scratch is most
 * of what a `check` of an up-to-date schema pays when the server re-spells its expressions.
 */
import { qualifiedName, referencedName } from '../model/qualified-name.js';
import type { Model, Table } from '../model/types.js';
import { operationObject, operationTable } from '../operations/subject.js';
import type { Operation } from '../operations/types.js';

/**
 * The tables `operations` change in place: a table created or dropped whole has no canonical form to compare.
 *
 * @example
 * tablesChangedInPlace([{ kind: 'dropCheck', table: 'orders', check }]); // Set { 'orders' }
 */
export function tablesChangedInPlace(operations: readonly Operation[]): Set<string> {
  return new Set(operations.flatMap((operation) => inPlaceTable(operation) ?? []));
}

/** The table `operation` changes in place; undefined for one it creates or drops whole. */
function inPlaceTable(operation: Operation): string | undefined {
  return operation.kind === 'createTable' || operation.kind === 'dropTable' ? undefined : operationTable(operation);
}

/** Per table changed in place, the checks, indexes and foreign keys its operations name; `whole` when they change anything else. */
function touchedObjects(operations: readonly Operation[]): Map<string, Set<string> | 'whole'> {
  const touched = new Map<string, Set<string> | 'whole'>();
  for (const operation of operations) {
    const table = inPlaceTable(operation);
    if (table === undefined) continue;
    const name = objectName(operation);
    const names = touched.get(table);
    if (name === undefined || names === 'whole') touched.set(table, 'whole');
    else touched.set(table, (names ?? new Set()).add(name));
  }
  return touched;
}

/** The check, index or foreign key an operation adds or drops; undefined for any other operation. */
function objectName(operation: Operation): string | undefined {
  const object = operationObject(operation);
  return object !== undefined && (object.kind === 'check' || object.kind === 'index' || object.kind === 'foreignKey') ? object.name : undefined;
}

/**
 * The part of `schema` to create in scratch, given the operations the diff found as declared:
 * each table changed in place with its columns, primary key and unique constraints, and of its
 * checks, indexes and foreign keys those the operations name (all of them when the table changes
 * otherwise); the tables those foreign keys point at, with their keys only; and the enumerations.
 * A foreign key to a table the schema does not hold (one left alone, model/dotted-tables.ts) stays out.
 *
 * @example
 * scratchSubset(schema, [{ kind: 'dropCheck', table: 'orders', check }, { kind: 'addCheck', table: 'orders', check }]);
 * // { tables: [orders without its indexes and foreign keys, with that check only], enums }
 */
export function scratchSubset(schema: Model, asDeclared: readonly Operation[]): Model {
  const touched = touchedObjects(asDeclared);
  const named = (names: Set<string> | 'whole') => (object: { readonly name: string }) => names === 'whole' || names.has(object.name);
  const suspects = new Map<string, Table>();
  for (const table of schema.tables) {
    const names = touched.get(qualifiedName(table));
    if (names === undefined) continue;
    const keep = named(names);
    suspects.set(qualifiedName(table), { ...table, checks: table.checks.filter(keep), indexes: table.indexes.filter(keep), foreignKeys: table.foreignKeys.filter(keep) });
  }
  // Foreign keys have canonical spellings too (MySQL reads RESTRICT back as the default), so
  // the tables they point at come along, with the keys they may point at.
  const targets = new Set([...suspects.values()].flatMap((table) => table.foreignKeys.map(referencedName)));
  const tables = schema.tables.flatMap((table) => {
    const suspect = suspects.get(qualifiedName(table));
    if (suspect) return [suspect];
    return targets.has(qualifiedName(table)) ? [{ ...table, checks: [], indexes: [], foreignKeys: [] }] : [];
  });
  const created = new Set(tables.map(qualifiedName));
  return {
    tables: tables.map((table) => ({ ...table, foreignKeys: table.foreignKeys.filter((fk) => created.has(referencedName(fk))) })),
    enums: schema.enums,
  };
}

/**
 * `subset` in parts of at most `tablesPerPass` of its tables, each with the tables its foreign
 * keys point at, and which tables of the part's result are its own (a target may also be
 * another part's own table, created there as the subset has it).
 *
 * @example
 * scratchParts({ tables: [a, b, c], enums: [] }, 2); // [{ model: { tables: [a, b], enums: [] }, own: Set { 'a', 'b' } }, …]
 */
export function scratchParts(subset: Model, tablesPerPass: number): { readonly model: Model; readonly own: ReadonlySet<string> }[] {
  const byName = new Map(subset.tables.map((table) => [qualifiedName(table), table]));
  const parts = [];
  for (let start = 0; start < subset.tables.length; start += tablesPerPass) {
    const tables = subset.tables.slice(start, start + tablesPerPass);
    const own = new Set(tables.map(qualifiedName));
    const targets = [...new Set(tables.flatMap((table) => table.foreignKeys.map(referencedName)))].filter((name) => !own.has(name));
    parts.push({ model: { tables: [...tables, ...targets.flatMap((name) => byName.get(name) ?? [])], enums: subset.enums }, own });
  }
  return parts;
}
