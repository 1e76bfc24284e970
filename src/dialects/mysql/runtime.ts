/**
 * Running migrations: `GET_LOCK` serialises concurrent runs, and revisions run without a
 * transaction — MySQL commits every DDL statement implicitly, so a transaction would promise
 * a rollback that cannot happen. The runner advances the version table after each revision and,
 * on failure, lists the statements of the revision that had already been committed.
 */
import { sql, type Kysely } from 'kysely';
import { SchemigrateError } from '../../util/errors.js';
import type { RunRevisionOptions } from '../dialect.js';
import { lockTimeoutError, lockTimeoutSeconds } from '../lock-timeout.js';
import { selectCurrentDatabase } from './queries.js';

/** MySQL 5.7+ refuses lock names longer than 64 characters. */
const MAX_LOCK_NAME_LENGTH = 64;

/**
 * The lock name for a database: `GET_LOCK` names are server-wide, and runs against two
 * databases of one server must not wait for each other.
 *
 * @example
 * lockName('app'); // → 'schemigrate:app'
 */
export function lockName(database: string): string {
  return `schemigrate:${database}`.slice(0, MAX_LOCK_NAME_LENGTH);
}

/**
 * Run `fn` on one dedicated connection while holding `GET_LOCK('schemigrate:<database>')`,
 * waiting up to the lock timeout for another run to finish. `GET_LOCK` answers 1 (held),
 * 0 (timed out) or NULL (an error, e.g. the session was killed); only 1 proceeds. The lock is
 * released however `fn` ends.
 *
 * @example
 * await withLock(db, async (conn) => {
 *   await runRevision(conn, { transactional: false }, upgrade);
 * });
 */
export async function withLock<T>(db: Kysely<any>, fn: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const timeoutSeconds = lockTimeoutSeconds();
  return db.connection().execute(async (conn) => {
    const name = lockName(await selectCurrentDatabase(conn));
    const { rows } = await sql<{ acquired: number | string | null }>`
      select get_lock(${name}, ${timeoutSeconds}) as \`acquired\``.execute(conn);
    const acquired = rows[0]?.acquired ?? null;
    if (acquired === null) {
      throw new SchemigrateError(`MySQL could not take the migration lock '${name}' (GET_LOCK returned NULL).`);
    }
    if (Number(acquired) !== 1) {
      throw lockTimeoutError(timeoutSeconds, `MySQL GET_LOCK '${name}'`);
    }
    try {
      return await fn(conn);
    } finally {
      await sql`select release_lock(${name})`.execute(conn).catch(() => {});
    }
  });
}

/**
 * Run one revision's function. There is no transaction whatever the revision says: MySQL
 * commits DDL implicitly (the dialect reports `transactionalDdl: false`).
 *
 * @example
 * await runRevision(conn, { transactional: true }, (db) => revision.upgrade(db));
 */
export async function runRevision(
  db: Kysely<any>,
  _options: RunRevisionOptions,
  fn: (db: Kysely<any>) => Promise<void>,
): Promise<void> {
  await fn(db);
}
