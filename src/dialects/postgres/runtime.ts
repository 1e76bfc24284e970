/**
 * Running migrations: the session-level advisory lock that serialises concurrent runs, and one
 * transaction per revision (PostgreSQL rolls back DDL) — unless the revision is too large for
 * one transaction on this server (chunked-revision.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { RunRevisionOptions } from '../dialect.js';
import { lockTimeoutError, lockTimeoutSeconds } from '../lock-timeout.js';
import { runWithinLockTable } from './chunked-revision.js';
import { readLockBudget, type LockBudget } from './lock-budget.js';
import { versionMovedError } from './record-step-block.js';

/** The advisory lock key: the first 8 bytes of sha256('schemigrate') as a signed 64-bit integer. */
const LOCK_KEY = '7769280071114617436';

/** How often to ask for the lock again while another run holds it. */
const POLL_INTERVAL_MS = 250;

/**
 * Run `fn` on one dedicated connection while holding the migration advisory lock, waiting up to
 * the lock timeout for another run to finish. The lock is released however `fn` ends.
 *
 * @example
 * await withLock(db, async (conn) => {
 *   await runRevision(conn, { transactional: true }, upgrade);
 * });
 */
export async function withLock<T>(db: Kysely<any>, fn: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const timeoutSeconds = lockTimeoutSeconds();
  return db.connection().execute(async (conn) => {
    await acquireLock(conn, timeoutSeconds);
    let result: T;
    try {
      result = await fn(conn);
    } catch (error) {
      // The original failure matters more than a failed unlock (the session ends with the pool anyway).
      await releaseLock(conn).catch(() => {});
      throw error;
    }
    await releaseLock(conn);
    return result;
  });
}

/**
 * Run one revision's function, inside its own transaction unless the revision opted out. Online,
 * the transaction's schema statements go through the statement pipeline (statement-pipeline.ts),
 * which also counts the locks they take: a revision that outgrows this server's lock table goes
 * on in several transactions, or is refused and rolled back (chunked-revision.ts).
 *
 * @example
 * await runRevision(conn, { transactional: true }, (trx) => revision.upgrade(trx));
 */
export async function runRevision(
  db: Kysely<any>,
  options: RunRevisionOptions,
  fn: (db: Kysely<any>) => Promise<void>,
): Promise<void> {
  try {
    if (!options.transactional) return await fn(db);
    if (!options.pipelined) return await db.transaction().execute((trx) => fn(trx));
    await runWithinLockTable(db, fn, {
      readBudget: () => lockBudgetOf(db),
      preview: options.preview,
      bookkeeping: options.bookkeeping ?? [],
      onWarning: options.onWarning,
      asyncCommit: options.flushedLater,
      after: options.after,
    });
  } catch (error) {
    // The step's bookkeeping block found the version table moved: the runtime's own error.
    throw versionMovedError(error) ?? error;
  }
}

/**
 * Make the run's earlier commits durable: a transaction that commits with the server's own
 * `synchronous_commit` and writes a commit record flushes the write-ahead log up to it.
 *
 * @example
 * await flushCommits(conn); // after a failed revision, so that those before it are on disk
 */
export async function flushCommits(db: Kysely<any>): Promise<void> {
  await db.executeQuery(CompiledQuery.raw('begin\n;\nselect pg_catalog.txid_current()\n;\ncommit'));
}

/** Read once per connection: a run's revisions share it. */
const lockBudgets = new WeakMap<Kysely<any>, Promise<LockBudget>>();

function lockBudgetOf(db: Kysely<any>): Promise<LockBudget> {
  let budget = lockBudgets.get(db);
  if (!budget) lockBudgets.set(db, (budget = readLockBudget(db)));
  return budget;
}

async function acquireLock(conn: Kysely<any>, timeoutSeconds: number): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const { rows } = await sql<{ acquired: boolean }>`
      select pg_catalog.pg_try_advisory_lock(${LOCK_KEY}::bigint) as acquired`.execute(conn);
    if (rows[0]?.acquired) return;
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw lockTimeoutError(timeoutSeconds, `PostgreSQL advisory lock ${LOCK_KEY}`);
    }
    await sleep(Math.min(POLL_INTERVAL_MS, remaining));
  }
}

async function releaseLock(conn: Kysely<any>): Promise<void> {
  await sql`select pg_catalog.pg_advisory_unlock(${LOCK_KEY}::bigint)`.execute(conn);
}
