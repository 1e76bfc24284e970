/**
 * Indexes, matched by name.
 */
import { qualifiedName } from '../model/qualified-name.js';
import { indexesEqual } from '../model/equality.js';
import type { Operation } from '../operations/types.js';
import { compareNamed, type TablePair } from './named.js';

/**
 * Index operations for one table: parts, direction, uniqueness, predicate and method.
 *
 * @example
 * compareIndexes({ database, schema }); // [{ kind: 'createIndex', table: 'users', index }]
 */
export function compareIndexes({ database, schema, canonical }: TablePair): Operation[] {
  const table = qualifiedName(schema);
  return compareNamed(
    database.indexes,
    schema.indexes,
    canonical.map((t) => t.indexes),
    indexesEqual,
    (index) => ({ kind: 'dropIndex', table, index }),
    (index) => ({ kind: 'createIndex', table, index }),
  );
}
