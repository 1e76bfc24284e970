/**
 * Canonicalisation: the server rewrites declared defaults, checks, generated columns and types
 * into its own spelling (`lower` → `lcase`, `boolean` → `tinyint(1)`, `json` → `longtext` on
 * MariaDB). MySQL cannot roll back DDL, so the declared objects are created in a scratch
 * database that is always dropped afterwards: in a `finally`, on SIGINT/SIGTERM before the
 * process exits, and after a SIGKILL by the next run (scratch-databases.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { Model } from '../../model/types.js';
import { whileInterruptible } from '../../util/interrupt-cleanup.js';
import { SchemigrateError } from '../../util/errors.js';
import { quoteIdentifier } from './identifiers.js';
import { introspect } from './introspect.js';
import { selectCurrentDatabase } from './queries.js';
import { newScratchName } from '../throwaway.js';
import { claimScratchName, dropAbandonedScratchDatabases, dropScratchDatabase, releaseScratchName } from './scratch-databases.js';

/**
 * On one connection: drop the scratch databases of killed runs, claim a new name, create
 * `schemigrate_scratch_<hex>`, make it current (`USE`), run `create` and introspect there, then
 * switch back and drop it, whatever happened. The scratch database takes the caller's character
 * set and collation, so that collations read back the same.
 *
 * @example
 * const model = await canonicalize(db, async (scratch) => {
 *   await scratch.schema.createTable('t').addColumn('ok', 'boolean', (c) => c.defaultTo(true)).execute();
 * });
 * // model.tables[0].columns[0] → { type: { kind: 'boolean' }, default: { kind: 'literal', value: true }, … }
 */
export async function canonicalize(db: Kysely<any>, create: (scratch: Kysely<any>) => Promise<void>): Promise<Model> {
  const name = newScratchName();
  const scratch = quoteIdentifier(name);
  return db.connection().execute(async (conn) => {
    await dropAbandonedScratchDatabases(conn);
    const home = quoteIdentifier(await selectCurrentDatabase(conn));
    const { rows } = await sql<{ charset: string; collation: string }>`
      select @@character_set_database as \`charset\`, @@collation_database as \`collation\``.execute(conn);
    const { charset, collation } = rows[0]!;
    await claimScratchName(conn, name);
    try {
      // On an interruption `conn` is busy with a statement in the scratch database, so another
      // connection of the pool drops it (the server lets that statement finish first).
      return await whileInterruptible(
        () => dropOnInterrupt(db, name),
        async () => {
          await sql.raw(`create database ${scratch} character set ${charset} collate ${collation}`).execute(conn);
          try {
            await sql.raw(`use ${scratch}`).execute(conn);
            await create(conn);
            return await introspect(conn, { isExcluded: () => false });
          } finally {
            await sql.raw(`use ${home}`).execute(conn);
            await sql.raw(`drop database ${scratch}`).execute(conn);
          }
        },
      );
    } finally {
      // A lock left held (a broken connection) names no database and ends with the session.
      await releaseScratchName(conn, name).catch(() => {});
    }
  });
}

/** Drop the scratch database from another connection of the pool, saying so if that fails. */
async function dropOnInterrupt(db: Kysely<any>, name: string): Promise<void> {
  try {
    await dropScratchDatabase(db, name);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SchemigrateError(`Could not drop the scratch database ${name} before exiting: ${reason}. The next run that needs one drops it.`, {
      cause: error,
    });
  }
}
