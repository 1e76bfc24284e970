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
import { SCRATCH_NAME } from '../throwaway.js';
import { quoteIdentifier } from './identifiers.js';

/**
 * Take the lock that marks `name` as owned by the session of `conn` (held until released or
 * the session ends).
 *
 * @example
 * await claimScratchName(conn, name);
 */
export async function claimScratchName(conn: Kysely<any>, name: string): Promise<void> {
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
export async function releaseScratchName(conn: Kysely<any>, name: string): Promise<void> {
  await sql`select release_lock(${name})`.execute(conn);
}

/**
 * Drop the scratch database `name` if it still exists.
 *
 * @example
 * await dropScratchDatabase(db, name);
 */
export async function dropScratchDatabase(db: Kysely<any>, name: string): Promise<void> {
  await sql.raw(`drop database if exists ${quoteIdentifier(name)}`).execute(db);
}

/**
 * Drop every scratch database no live run owns (its lock is free): leftovers of runs that were
 * killed. Returns their names.
 *
 * @example
 * await dropAbandonedScratchDatabases(conn); // → ['schemigrate_scratch_9f86d081884c7d65']
 */
export async function dropAbandonedScratchDatabases(conn: Kysely<any>): Promise<readonly string[]> {
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
