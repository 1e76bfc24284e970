/**
 * Connecting: a small `mysql2` pool behind Kysely's MySQL dialect, checked at once so that a
 * wrong host or login fails here rather than at the first real query. Every session runs with
 * ANSI_QUOTES and STRICT_ALL_TABLES (session-mode.ts).
 */
import { Kysely, MysqlDialect } from 'kysely';
import type { DatabaseUrl } from '../../config/url.js';
import { SchemigrateError } from '../../util/errors.js';
import { rememberServer, selectServerVersion } from './server.js';
import { setSessionMode } from './session-mode.js';

/** How long to wait for the server before reporting it unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;

/** A migration needs one connection for the lock and its work, plus spares for the caller. */
const POOL_SIZE = 4;

/**
 * A Kysely instance on a verified MySQL or MariaDB connection pool. The URL must name a
 * database. Failures become a `SchemigrateError` naming the URL without its password.
 *
 * @example
 * const db = await connect({ dialect: 'mysql', connectionString: 'mysql://app:secret@db/app', display: 'mysql://app:***@db/app' });
 */
export async function connect(url: DatabaseUrl): Promise<Kysely<any>> {
  if (url.dialect !== 'mysql') throw new Error(`The MySQL dialect cannot open a ${url.dialect} URL.`);
  if (new URL(url.connectionString).pathname.replace(/^\//, '') === '') {
    throw new SchemigrateError(`The MySQL URL ${url.display} names no database; write mysql://user@host:3306/<database>.`, { code: 'INVALID_URL' });
  }
  // Loaded here so that offline SQL (`--sql`) never loads the driver.
  const { createPool } = await import('mysql2');
  const pool = createPool({
    uri: url.connectionString,
    connectTimeout: CONNECT_TIMEOUT_MS,
    connectionLimit: POOL_SIZE,
  });
  const db = new Kysely<any>({
    dialect: new MysqlDialect({
      pool,
      onCreateConnection: setSessionMode,
    }),
  });
  try {
    rememberServer(await selectServerVersion(db));
  } catch (error) {
    await db.destroy().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new SchemigrateError(`Cannot connect to MySQL at ${url.display}: ${reason}`, { code: 'CONNECTION_FAILED', cause: error });
  }
  return db;
}
