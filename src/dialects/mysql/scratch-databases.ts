/**
 * Scratch databases and who owns them. A run that creates `schemigrate_scratch_<16 hex>` first
 * takes the user-level lock of the same name (`GET_LOCK`) on the connection that uses it, and
 * releases it only after dropping the database. The server releases a session's locks when the
 * session ends however it ends (a killed process, a lost client, a restart), so a scratch
 * database whose lock is free belongs to no live run, and any later run may drop it.
 *
 * Locks, unlike `information_schema.processlist`, are visible to every login without the
 * PROCESS privilege and cannot be confused by connection ids that a restarted server reuses.
 * The worst case is a leftover that lives on until the server notices its client is gone.
 * MySQL 8 (untested) documents GET_LOCK and IS_FREE_LOCK as MariaDB does.
 */
import { sql, type Kysely } from 'kysely';
import { SchemigrateError } from '../../util/errors.js';
import { whileInterruptible } from '../../util/interrupt-cleanup.js';
import { newScratchName, SCRATCH_NAME } from '../throwaway.js';
import { quoteIdentifier } from './identifiers.js';

/**
 * On one connection of `db`: drop the scratch databases of killed runs, claim a new name,
 * create the database with the caller's character set and collation (so that collations read
 * back the same), run `work` with that connection and the name, then drop it and release the
 * name, whatever happened (on SIGINT/SIGTERM too).
 *
 * @example
 * const model = await withScratchDatabase(db, async (conn, name) => introspectIn(conn, name));
 */
export async function withScratchDatabase<T>(db: Kysely<any>, work: (conn: Kysely<any>, name: string) => Promise<T>): Promise<T> {
  const name = newScratchName();
  return db.connection().execute(async (conn) => {
    await dropAbandonedScratchDatabases(conn);
    const { rows } = await sql<{ charset: string; collation: string }>`
      select @@character_set_database as \`charset\`, @@collation_database as \`collation\``.execute(conn);
    const { charset, collation } = rows[0]!;
    await claimScratchName(conn, name);
    try {
      // On an interruption `conn` may be busy with a statement in the scratch database, so another
      // connection of the pool drops it (the server lets that statement finish first).
      return await whileInterruptible(
        () => dropOnInterrupt(db, name),
        async () => {
          await sql.raw(`create database ${quoteIdentifier(name)} character set ${charset} collate ${collation}`).execute(conn);
          try {
            return await work(conn, name);
          } finally {
            await dropScratchDatabase(conn, name);
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

/**
 * Take the lock that marks `name` as owned by the session of `conn` (held until released or
 * the session ends).
 *
 * @example
 * await claimScratchName(conn, name);
 */
async function claimScratchName(conn: Kysely<any>, name: string): Promise<void> {
  const { rows } = await sql<{ claimed: number | string | null }>`select get_lock(${name}, 0) as \`claimed\``.execute(conn);
  if (Number(rows[0]?.claimed) !== 1) {
    throw new SchemigrateError(`MySQL could not take the lock '${name}' that marks a scratch database as in use (GET_LOCK returned ${rows[0]?.claimed ?? 'NULL'}).`);
  }
}

/**
 * Release the lock of `name` (after its database is dropped).
 *
 * @example
 * await releaseScratchName(conn, name);
 */
async function releaseScratchName(conn: Kysely<any>, name: string): Promise<void> {
  await sql`select release_lock(${name})`.execute(conn);
}

/**
 * Drop the scratch database `name` if it still exists.
 *
 * @example
 * await dropScratchDatabase(db, name);
 */
async function dropScratchDatabase(db: Kysely<any>, name: string): Promise<void> {
  await sql.raw(`drop database if exists ${quoteIdentifier(name)}`).execute(db);
}

/**
 * Drop every scratch database no live run owns (its lock is free): leftovers of runs that were
 * killed. Returns their names.
 *
 * @example
 * await dropAbandonedScratchDatabases(conn); // → ['schemigrate_scratch_9f86d081884c7d65']
 */
async function dropAbandonedScratchDatabases(conn: Kysely<any>): Promise<readonly string[]> {
  // `_` matches any character in LIKE: the pattern only narrows the scan, the regex decides.
  const { rows } = await sql<{ name: string; free: number | string | null }>`
    select schema_name as \`name\`, is_free_lock(schema_name) as \`free\`
    from information_schema.schemata where schema_name like 'schemigrate_scratch_%'`.execute(conn);
  const abandoned = rows.filter((row) => SCRATCH_NAME.test(row.name) && Number(row.free) === 1).map((row) => row.name);
  for (const name of abandoned) {
    try {
      await dropScratchDatabase(conn, name);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SchemigrateError(
        `Cannot drop the scratch database ${name}, left behind by a schemigrate run that was killed: ${reason}. Drop it by hand (drop database \`${name}\`) and run again.`,
        { cause: error },
      );
    }
  }
  return abandoned;
}
