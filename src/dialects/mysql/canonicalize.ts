/**
 * Canonicalisation: the server rewrites declared defaults, checks, generated columns and types
 * into its own spelling (`lower` → `lcase`, `boolean` → `tinyint(1)`, `json` → `longtext` on
 * MariaDB). MySQL cannot roll back DDL, so the declared objects are created in a scratch
 * database that is always dropped afterwards: in a `finally`, on SIGINT/SIGTERM before the
 * process exits, and after a SIGKILL by the next run (scratch-databases.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { Model } from '../../model/types.js';
import { quoteIdentifier } from './identifiers.js';
import { introspect } from './introspect.js';
import { selectCurrentDatabase } from './queries.js';
import { withScratchDatabase } from './scratch-databases.js';

/**
 * In a scratch database (`scratch-databases.ts`) made current with `USE` on the caller's
 * connection: run `create` and introspect there, then switch back.
 *
 * @example
 * const model = await canonicalize(db, async (scratch) => {
 *   await scratch.schema.createTable('t').addColumn('ok', 'boolean', (c) => c.defaultTo(true)).execute();
 * });
 * // model.tables[0].columns[0] → { type: { kind: 'boolean' }, default: { kind: 'literal', value: true }, … }
 */
export async function canonicalize(db: Kysely<any>, create: (scratch: Kysely<any>) => Promise<void>): Promise<Model> {
  return withScratchDatabase(db, async (conn, name) => {
    const home = quoteIdentifier(await selectCurrentDatabase(conn));
    await sql.raw(`use ${quoteIdentifier(name)}`).execute(conn);
    try {
      await create(conn);
      return await introspect(conn, { isExcluded: () => false });
    } finally {
      await sql.raw(`use ${home}`).execute(conn);
    }
  });
}
