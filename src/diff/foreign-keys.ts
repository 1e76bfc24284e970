/**
 * Foreign keys, matched by constraint name.
 */
import { qualifiedName } from '../model/qualified-name.js';
import { foreignKeysEqual } from '../model/equality.js';
import type { Operation } from '../operations/types.js';
import { compareNamed, type TablePair } from './named.js';

/**
 * Foreign key operations for one table (actions: undefined ≡ `no action`).
 *
 * @example
 * compareForeignKeys({ database, schema }); // [{ kind: 'addForeignKey', table: 'posts', foreignKey }]
 */
export function compareForeignKeys({ database, schema, canonical }: TablePair): Operation[] {
  const table = qualifiedName(schema);
  return compareNamed(
    database.foreignKeys,
    schema.foreignKeys,
    canonical.map((t) => t.foreignKeys),
    foreignKeysEqual,
    (foreignKey) => ({ kind: 'dropForeignKey', table, foreignKey }),
    (foreignKey) => ({ kind: 'addForeignKey', table, foreignKey }),
  );
}
