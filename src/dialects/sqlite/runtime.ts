/**
 * Running migrations on SQLite: the write lock that serialises concurrent runs, and one
 * revision at a time with foreign-key enforcement really off.
 *
 * SQLite ignores `PRAGMA foreign_keys` inside a transaction, and better-sqlite3 turns
 * enforcement on, so a table rebuild (drop the old table, rename the new one) inside a
 * transaction would cascade deletes into child tables. Enforcement is therefore switched off
 * before the transaction starts, and `PRAGMA foreign_key_check` stands in for it before commit,
 * blaming the revision only for violations it added (`foreign-key-violations.ts`).
 *
 * A locked run is one write transaction, each revision a savepoint in it. The version-table
 * change and checksum of each revision are written once for all of them, just before the
 * commit: in between, nothing but this run can read or write those tables, and a statement
 * per table per revision was a good part of a small revision's time.
 */
import { sql, type DatabaseConnection, type Kysely } from 'kysely';
import type Database from 'better-sqlite3';
import type { RunRevisionOptions } from '../dialect.js';
import type { Step } from '../../revisions/plan.js';
import { recordStep, recordSteps, type RecordStepOptions, type StepRecord } from '../../runtime/record-step.js';
import { SchemigrateError } from '../../util/errors.js';
import { lockTimeoutError, lockTimeoutSeconds } from '../lock-timeout.js';
import { SQLITE_BUSY_TIMEOUT_MS } from './connect.js';
import { databaseBehind } from './exec-schema-dialect.js';
import { describeViolations, newViolations, readViolations, type Violations } from './foreign-key-violations.js';

/** What a locked run keeps between its revisions. */
interface LockSession {
  /**
   * The database's violations, once read: under the write lock nothing else writes, so each
   * revision's check is the next one's starting point and a run reads them once.
   */
  violations?: Violations;
  /**
   * Set when the connection is this dialect's (whose database says whether the transaction is
   * still open): then steps are recorded at the end of the run.
   */
  readonly database?: Database.Database;
  /** Steps whose revisions completed; their bookkeeping is written before the commit. */
  completed: StepRecord[];
  /** The steps of the revision running in its savepoint: completed when it is released, dropped when rolled back. */
  running?: StepRecord[];
}

/** Keyed by the lock's connection, which every Kysely instance derived from it shares. */
const lockSessions = new WeakMap<DatabaseConnection, LockSession>();

function connectionOf(db: Kysely<any>): Promise<DatabaseConnection> {
  return db.getExecutor().provideConnection(async (connection) => connection);
}

/**
 * Run `fn` holding SQLite's write lock (`BEGIN IMMEDIATE`) on one connection, so that a second
 * process waits until this one is done and then sees its work. Everything `fn` does runs in
 * that one write transaction, committed at the end (also when `fn` fails: each revision inside
 * is made atomic by `runSqliteRevision`'s savepoint, and what completed before a failure stays)
 * once the bookkeeping of the revisions that completed is written.
 * The wait for the lock is the lock timeout (`SCHEMIGRATE_LOCK_TIMEOUT`, 60 s by default).
 *
 * @example
 * await withSqliteLock(db, async (locked) => {
 *   await runSqliteRevision(locked, { transactional: true }, (tx) => revision.upgrade(tx));
 * });
 */
export async function withSqliteLock<T>(db: Kysely<any>, fn: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const timeoutSeconds = lockTimeoutSeconds();
  return db.connection().execute(async (conn) => {
    await sql`pragma foreign_keys = off`.execute(conn);
    try {
      await sql.raw(`pragma busy_timeout = ${Math.round(timeoutSeconds * 1000)}`).execute(conn);
      try {
        await sql`begin immediate`.execute(conn);
      } catch (error) {
        // By shape: better-sqlite3's errors may come from another realm.
        if ((error as { code?: unknown }).code === 'SQLITE_BUSY') throw lockTimeoutError(timeoutSeconds, 'SQLite write lock');
        throw error;
      } finally {
        await sql.raw(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`).execute(conn);
      }
      const connection = await connectionOf(conn);
      const session: LockSession = { completed: [], database: databaseBehind(connection) };
      lockSessions.set(connection, session);
      let result: T;
      try {
        result = await fn(conn);
      } catch (error) {
        // SQLite may already have rolled the transaction back (e.g. on SQLITE_FULL), and with it every step.
        if (session.database?.inTransaction === false) throw error;
        await recordCompleted(conn, session);
        await sql`commit`.execute(conn).catch(() => undefined);
        throw error;
      } finally {
        // The connection outlives the run: a revision run on it later, without the lock, must not find this session.
        lockSessions.delete(connection);
      }
      await recordCompleted(conn, session);
      await sql`commit`.execute(conn);
      return result;
    } finally {
      await sql`pragma foreign_keys = on`.execute(conn);
    }
  });
}

/**
 * Run one revision's function with foreign-key enforcement off. Transactional revisions run
 * in a savepoint (its own transaction outside `withSqliteLock`, a nested one inside it) that is
 * rolled back when `fn` fails or leaves a row whose foreign key points nowhere that did not
 * before. Rows that already did are not the revision's doing: they are reported through
 * `options.onWarning` (once per locked run) and do not fail it.
 *
 * @example
 * await runSqliteRevision(db, { transactional: true }, async (tx) => {
 *   await tx.schema.createTable('users').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
 * });
 */
export async function runSqliteRevision(
  db: Kysely<any>,
  options: RunRevisionOptions,
  fn: (db: Kysely<any>) => Promise<void>,
): Promise<void> {
  await db.connection().execute(async (conn) => {
    const session = lockSessions.get(await connectionOf(conn));
    let before = session?.violations;
    if (before === undefined) {
      before = await readViolations(conn);
      if (before.length > 0) options.onWarning?.(existingViolationsWarning(before));
    }
    // Must precede the savepoint: inside a transaction SQLite ignores it. Under the lock the
    // transaction is already open, and withSqliteLock switched enforcement off before it began.
    if (!session) await sql`pragma foreign_keys = off`.execute(conn);
    try {
      if (!options.transactional) {
        if (session) {
          // What it leaves when it fails halfway stays, and the version table must say what ran before it.
          await recordCompleted(conn, session);
          delete session.violations;
        }
        await fn(conn);
        const after = await assertNoNewViolations(conn, before, 'Its changes stay: the revision is not transactional.');
        if (session) session.violations = after;
        return;
      }
      await sql`savepoint schemigrate_revision`.execute(conn);
      let after: Violations;
      if (session?.database) session.running = [];
      try {
        await fn(conn);
        after = await assertNoNewViolations(conn, before, 'Its changes were rolled back.');
      } catch (error) {
        await sql`rollback to schemigrate_revision`.execute(conn).catch(() => undefined);
        await sql`release schemigrate_revision`.execute(conn).catch(() => undefined);
        if (session) {
          session.violations = before;
          delete session.running;
        }
        throw error;
      }
      await sql`release schemigrate_revision`.execute(conn);
      if (session) {
        session.violations = after;
        session.completed.push(...(session.running ?? []));
        delete session.running;
      }
    } finally {
      if (!session) await sql`pragma foreign_keys = on`.execute(conn);
    }
  });
}

/**
 * The SQLite dialect's `recordStep`: inside a revision of a locked run, the step is recorded
 * with the run's others before the commit (`recordSteps`); anywhere else, at once.
 *
 * @example
 * await recordSqliteStep(trx, step, { versionTable: 'schemigrate_version', checksum, verify: true });
 */
export async function recordSqliteStep(db: Kysely<any>, step: Step, options: RecordStepOptions): Promise<void> {
  const running = lockSessions.get(await connectionOf(db))?.running;
  if (running) running.push({ step, options });
  else await recordStep(db, step, options);
}

/** Write the bookkeeping of the steps completed so far; when that fails, nothing of the run stays. */
async function recordCompleted(conn: Kysely<any>, session: LockSession): Promise<void> {
  const completed = session.completed;
  session.completed = [];
  try {
    await recordSteps(conn, completed);
  } catch (error) {
    await sql`rollback`.execute(conn).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    const revisions = completed.map(({ step }) => step.revision.revision).join(', ');
    throw new SchemigrateError(`Recording the revisions this run applied (${revisions}) in the version table failed, so the whole run was rolled back and none of them is applied: ${reason}`, { cause: error });
  }
}

/** The violations after the revision, or an error naming the ones it added. */
async function assertNoNewViolations(conn: Kysely<any>, before: Violations, outcome: string): Promise<Violations> {
  const after = await readViolations(conn);
  const added = newViolations(before, after);
  if (added.count === 0) return after;
  const earlier = after.length - added.count;
  const also = earlier > 0 ? ` (${earlier} other such row(s) were there before it and are left alone)` : '';
  throw new SchemigrateError(
    `The revision left ${added.count} row(s) whose foreign keys point at missing rows: ${describeViolations(added.rows)}${also}. ${outcome}`,
  );
}

function existingViolationsWarning(violations: Violations): string {
  return (
    `The database already has ${violations.length} row(s) whose foreign keys point at missing rows: ${describeViolations(violations)}. ` +
    'They predate the revisions being run, which fail only for rows they leave dangling themselves; list them with `PRAGMA foreign_key_check`.'
  );
}
