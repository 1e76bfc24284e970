/**
 * Letting SQLite itself canonicalise declared objects: create them in a throw-away in-memory
 * database and read them back with the same introspection as the live database.
 */
import type { Kysely } from 'kysely';
import type { Model } from '../../model/types.js';
import { openSqliteMemory } from './connect.js';
import { introspectSqlite } from './introspect.js';

/**
 * Create objects in a scratch in-memory database and introspect them. `db` is not touched:
 * SQLite needs no server to canonicalise.
 *
 * @example
 * const model = await canonicalizeSqlite(db, async (scratch) => {
 *   await scratch.schema.createTable('t').addColumn('a', 'integer', (c) => c.defaultTo(sql`(1 + 2)`)).execute();
 * });
 */
export async function canonicalizeSqlite(
  _db: Kysely<any>,
  create: (scratch: Kysely<any>) => Promise<void>,
): Promise<Model> {
  const scratch = openSqliteMemory();
  try {
    await create(scratch);
    return await introspectSqlite(scratch, { isExcluded: () => false });
  } finally {
    await scratch.destroy();
  }
}
