/**
 * PostgreSQL scratch databases (or schemas) and who owns them, as for MySQL
 * (`mysql/scratch-databases.ts`): a run takes a session-level advisory lock whose key is the
 * name's 64 random bits before it creates `schemigrate_scratch_<16 hex>`, and releases it only
 * after dropping it. The server releases a session's locks when the session ends however it
 * ends, so a scratch database or schema whose lock nobody holds (`pg_locks` lists every
 * session's, on every database, to every login) belongs to no live run: any later run drops it.
 */
import { sql, type Kysely } from 'kysely';
import { SCRATCH_NAME } from '../throwaway.js';

/** The advisory lock key of a scratch name: its 16 hex digits as a signed bigint. */
function lockKey(name: string): bigint {
  return BigInt.asIntN(64, BigInt(`0x${name.slice(-16)}`));
}

/**
 * Take the lock that marks `name` as owned by the session of `conn`.
 *
 * @example
 * await claimScratchName(conn, newScratchName());
 */
export async function claimScratchName(conn: Kysely<any>, name: string): Promise<void> {
  await sql`select pg_advisory_lock(${lockKey(name).toString()}::bigint)`.execute(conn);
}

/**
 * Release the lock of `name` (after its database or schema is dropped).
 *
 * @example
 * await releaseScratchName(conn, name);
 */
export async function releaseScratchName(conn: Kysely<any>, name: string): Promise<void> {
  await sql`select pg_advisory_unlock(${lockKey(name).toString()}::bigint)`.execute(conn);
}

/**
 * Drop every scratch database of the server, and scratch schema of the connected database,
 * whose lock no session holds: leftovers of runs that were killed. One the login may not drop
 * (another user's) is left alone. Returns the names dropped.
 *
 * @example
 * await dropAbandonedScratch(conn); // → ['schemigrate_scratch_9f86d081884c7d65']
 */
export async function dropAbandonedScratch(conn: Kysely<any>): Promise<readonly string[]> {
  // A bigint key appears in pg_locks as its high and low 32 bits (classid, objid), objsubid 1.
  const { rows } = await sql<{ name: string; kind: 'database' | 'schema' }>`
    select datname as name, 'database' as kind from pg_database where datname like 'schemigrate\\_scratch\\_%'
    union all
    select nspname, 'schema' from pg_namespace where nspname like 'schemigrate\\_scratch\\_%'`.execute(conn);
  const held = new Set(
    (
      await sql<{ key: string }>`
        select ((classid::bigint << 32) | objid::bigint)::text as key from pg_locks where locktype = 'advisory' and objsubid = 1`.execute(conn)
    ).rows.map((row) => BigInt.asIntN(64, BigInt(row.key)).toString()),
  );
  const dropped: string[] = [];
  for (const { name, kind } of rows) {
    if (!SCRATCH_NAME.test(name) || held.has(lockKey(name).toString())) continue;
    try {
      await sql.raw(kind === 'database' ? `drop database if exists "${name}" with (force)` : `drop schema if exists "${name}" cascade`).execute(conn);
      dropped.push(name);
    } catch (error) {
      if ((error as { code?: string }).code !== '42501') throw error;
    }
  }
  return dropped;
}
