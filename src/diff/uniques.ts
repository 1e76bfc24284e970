/**
 * Unique constraints, matched by constraint name.
 */
import { qualifiedName } from '../model/qualified-name.js';
import { uniquesEqual } from '../model/equality.js';
import type { Operation } from '../operations/types.js';
import { compareNamed, type TablePair } from './named.js';

/**
 * Unique constraint operations for one table.
 *
 * @example
 * compareUniques({ database, schema }); // [{ kind: 'addUnique', table: 'users', unique }]
 */
export function compareUniques({ database, schema, canonical }: TablePair): Operation[] {
  const table = qualifiedName(schema);
  return compareNamed(
    database.uniques,
    schema.uniques,
    canonical.map((t) => t.uniques),
    uniquesEqual,
    (unique) => ({ kind: 'dropUnique', table, unique }),
    (unique) => ({ kind: 'addUnique', table, unique }),
  );
}
