/**
 * Connecting: a small `pg` pool behind Kysely's PostgreSQL dialect, checked at once so that a
 * wrong host or login fails here rather than at the first real query.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { DatabaseUrl } from '../../config/url.js';
import { SchemigrateError } from '../../util/errors.js';
import { loadPg } from './load-pg.js';

/** How long to wait for the server before reporting it unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;

/** A migration needs one connection for the lock and its work, plus one spare for the caller. */
const POOL_SIZE = 4;

/**
 * A Kysely instance on a verified PostgreSQL connection pool. Failures become a
 * `SchemigrateError` naming the URL without its password.
 *
 * @example
 * const db = await connect({ dialect: 'postgres', connectionString: 'postgres://app:secret@db/app', display: 'postgres://app:***@db/app' });
 */
export async function connect(url: DatabaseUrl): Promise<Kysely<any>> {
  if (url.dialect !== 'postgres') throw new Error(`The PostgreSQL dialect cannot open a ${url.dialect} URL.`);
  const pool = new (loadPg().Pool)({
    connectionString: url.connectionString,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    max: POOL_SIZE,
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new SchemigrateError(`Cannot connect to PostgreSQL at ${url.display}: ${reason}`, { code: 'CONNECTION_FAILED', cause: error });
  }
  return db;
}
