/**
 * The shared shape of every per-table comparator: objects matched by name, compared with
 * the canonical spelling when there is one, and turned into drop/add operations.
 */
import { qualifiedName, type Schemable } from '../model/qualified-name.js';
import type { Table } from '../model/types.js';
import type { Operation } from '../operations/types.js';

/**
 * One table present on both sides. `canonical` holds the schema's table as the server
 * stores it (possibly more than one spelling; empty without canonicalisation).
 */
export interface TablePair {
  readonly database: Table;
  readonly schema: Table;
  readonly canonical: readonly Table[];
}

/**
 * The spellings a database object may equal: every canonical version of the declared one,
 * and the declared one itself.
 *
 * @example
 * candidates(declared, canonicalByName.map((byName) => byName.get(declared.name))); // [canonical…, declared]
 */
export function candidates<T>(declared: T, canonical: readonly (T | undefined)[]): T[] {
  return [...canonical.filter((item): item is T => item !== undefined), declared];
}

/**
 * Objects by name, for lookups in O(1).
 *
 * @example
 * indexByName(table.columns).get('email');
 */
export function indexByName<T extends { readonly name: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.name, item]));
}

/**
 * Tables or enums by identity (`schema.name`, or the bare name in the default schema).
 *
 * @example
 * indexByQualifiedName(model.tables).get('audit.events');
 */
export function indexByQualifiedName<T extends Schemable>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [qualifiedName(item), item]));
}

/**
 * Compare same-named objects: a database-only object is dropped, a schema-only one added,
 * and a changed one dropped and added again.
 *
 * @example
 * compareNamed(pair.database.uniques, pair.schema.uniques, pair.canonical.map((t) => t.uniques), uniquesEqual,
 *   (unique) => ({ kind: 'dropUnique', table, unique }), (unique) => ({ kind: 'addUnique', table, unique }));
 */
export function compareNamed<T extends { readonly name: string }>(
  database: readonly T[],
  schema: readonly T[],
  canonical: readonly (readonly T[])[],
  equal: (database: T, compared: T) => boolean,
  drop: (item: T) => Operation,
  add: (item: T) => Operation,
): Operation[] {
  const schemaByName = indexByName(schema);
  const databaseByName = indexByName(database);
  const canonicalByName = canonical.map((items) => indexByName(items));
  const drops: Operation[] = [];
  const adds: Operation[] = [];
  for (const item of database) {
    const declared = schemaByName.get(item.name);
    if (!declared) drops.push(drop(item));
    else if (!candidates(declared, canonicalByName.map((map) => map.get(item.name))).some((other) => equal(item, other))) {
      drops.push(drop(item));
      adds.push(add(declared));
    }
  }
  for (const item of schema) if (!databaseByName.has(item.name)) adds.push(add(item));
  return [...drops, ...adds];
}
