/**
 * The one order of a model's members (tables, enumerations, and a table's keys, indexes and
 * checks): by name, then by schema with the default schema first. Introspection, `toModel` and
 * `applyOperations` all list members so, which makes models comparable member by member and
 * everything rendered from them deterministic.
 */
import type { Schemable } from './qualified-name.js';

/**
 * Two strings in code-unit order (as `Array.prototype.sort` without a comparator), whatever the locale.
 *
 * @example
 * ['b', 'B', 'a'].sort(compareStrings); // ['B', 'a', 'b']
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A sorted copy of `items` in the order of model members.
 *
 * @example
 * byName([{ name: 'users', schema: 'audit' }, { name: 'posts' }, { name: 'users' }]);
 * // [{ name: 'posts' }, { name: 'users' }, { name: 'users', schema: 'audit' }]
 */
export function byName<T extends Schemable>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.schema ?? '', b.schema ?? ''));
}
