/**
 * `withLockRetries`: the runtime helper of online revisions. Each locking step waits at most
 * `lockTimeoutMs` for its lock, so that a long transaction on the table makes the step give up
 * (and the writers queued behind the step go on) instead of queueing every writer behind it;
 * then it retries, with exponential backoff, a bounded number of times.
 */
import { sql, type Kysely } from 'kysely';
import { DEFAULT_LOCK_RETRIES } from '../config/online.js';
import { dialectNameOf } from '../dialects/registry.js';
import type { LockRetryOptions } from '../config/types.js';

export type { LockRetryOptions };

/** PostgreSQL's `lock_not_available` (lock_timeout ran out), MySQL's ER_LOCK_WAIT_TIMEOUT. */
function isLockTimeout(error: unknown): boolean {
  const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
  return code === '55P03' || errno === 1205;
}

/**
 * Run `step` with a lock timeout, retrying it with backoff when the timeout runs out.
 * PostgreSQL: each attempt is its own transaction with `SET LOCAL lock_timeout` (inside a
 * transactional revision the step runs once, in the revision's transaction). MySQL: the
 * session's `lock_wait_timeout` (whole seconds) is set for the step, then back to the server's
 * default. SQLite takes no such locks: the step runs as it is.
 *
 * @example
 * await withLockRetries(db, { lockTimeoutMs: 500, retries: 6, backoffMs: 500 }, async (db) => {
 *   await sql`ALTER TABLE "posts" ADD CONSTRAINT "fk_posts_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") NOT VALID`.execute(db);
 * });
 */
export async function withLockRetries<T>(db: Kysely<any>, options: LockRetryOptions, step: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const { lockTimeoutMs, retries, backoffMs } = { ...DEFAULT_LOCK_RETRIES, ...options };
  const attempt = attemptFor(db, lockTimeoutMs);
  for (let tries = 0; ; tries++) {
    try {
      return await attempt(step);
    } catch (error) {
      if (!isLockTimeout(error) || tries >= retries || db.isTransaction) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** tries));
    }
  }
}

function attemptFor(db: Kysely<any>, lockTimeoutMs: number): <T>(step: (db: Kysely<any>) => Promise<T>) => Promise<T> {
  // By the adapter's class name, as everywhere: the revision's `db` may be an application's own
  // Kysely, another copy than the one bundled into schemigrate.
  const dialect = dialectNameOf(db);
  if (dialect === 'postgres') {
    const setTimeout = sql`SET LOCAL lock_timeout = ${sql.lit(`${Math.round(lockTimeoutMs)}ms`)}`;
    return async (step) => {
      if (db.isTransaction) {
        await setTimeout.execute(db);
        return step(db);
      }
      return db.transaction().execute(async (trx) => {
        await setTimeout.execute(trx);
        return step(trx);
      });
    };
  }
  if (dialect === 'mysql') {
    const seconds = Math.max(1, Math.ceil(lockTimeoutMs / 1000));
    return async (step) => {
      await sql`SET SESSION lock_wait_timeout = ${sql.lit(seconds)}`.execute(db);
      try {
        return await step(db);
      } finally {
        await sql`SET SESSION lock_wait_timeout = DEFAULT`.execute(db);
      }
    };
  }
  return (step) => step(db);
}
