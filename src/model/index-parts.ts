/**
 * What an index is made of, as the diff, its ordering and the model's renames look at it: the
 * columns it is over, and the SQL it computes with.
 */
import type { Index } from './types.js';

/**
 * The columns an index names as whole columns (its plain parts).
 *
 * @example
 * indexColumns({ name: 'ix', unique: false, parts: [{ kind: 'column', name: 'email', descending: false }] }); // ['email']
 */
export function indexColumns(index: Index): string[] {
  return index.parts.flatMap((part) => (part.kind === 'column' ? [part.name] : []));
}

/**
 * The SQL texts an index computes with: its expression parts and its predicate.
 *
 * @example
 * indexExpressions({ name: 'ix', unique: false, parts: [{ kind: 'expression', sql: 'lower(email)', descending: false }], where: 'active' });
 * // ['lower(email)', 'active']
 */
export function indexExpressions(index: Index): string[] {
  return [...index.parts.flatMap((part) => (part.kind === 'expression' ? [part.sql] : [])), ...(index.where !== undefined ? [index.where] : [])];
}
