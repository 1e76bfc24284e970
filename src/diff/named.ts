/**
 * The shared shape of every per-table comparator: objects matched by name, compared with
 * the canonical spelling when there is one, and turned into drop/add operations.
 */
import type { Table } from '../model/types.js';
import type { Operation } from '../operations/types.js';

/** One table present on both sides. `canonical` is the schema's table as the server stores it. */
export interface TablePair {
  readonly database: Table;
  readonly schema: Table;
  readonly canonical?: Table;
}

/** Objects by name, for lookups in O(1). */
export function indexByName<T extends { readonly name: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.name, item]));
}

/**
 * Compare same-named objects: a database-only object is dropped, a schema-only one added,
 * and a changed one dropped and added again.
 *
 * @example
 * compareNamed(pair.database.uniques, pair.schema.uniques, pair.canonical?.uniques, uniquesEqual,
 *   (unique) => ({ kind: 'dropUnique', table, unique }), (unique) => ({ kind: 'addUnique', table, unique }));
 */
export function compareNamed<T extends { readonly name: string }>(
  database: readonly T[],
  schema: readonly T[],
  canonical: readonly T[] | undefined,
  equal: (database: T, compared: T) => boolean,
  drop: (item: T) => Operation,
  add: (item: T) => Operation,
): Operation[] {
  const schemaByName = indexByName(schema);
  const databaseByName = indexByName(database);
  const canonicalByName = canonical ? indexByName(canonical) : undefined;
  const drops: Operation[] = [];
  const adds: Operation[] = [];
  for (const item of database) {
    const declared = schemaByName.get(item.name);
    if (!declared) drops.push(drop(item));
    else if (!equal(item, canonicalByName?.get(item.name) ?? declared)) {
      drops.push(drop(item));
      adds.push(add(declared));
    }
  }
  for (const item of schema) if (!databaseByName.has(item.name)) adds.push(add(item));
  return [...drops, ...adds];
}
