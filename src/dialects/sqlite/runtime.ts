/**
 * Running migrations on SQLite: the write lock that serialises concurrent runs, and one
 * revision at a time with foreign-key enforcement really off.
 *
 * SQLite ignores `PRAGMA foreign_keys` inside a transaction, and better-sqlite3 turns
 * enforcement on, so a table rebuild (drop the old table, rename the new one) inside a
 * transaction would cascade deletes into child tables. Enforcement is therefore switched off
 * before the transaction starts, and `PRAGMA foreign_key_check` stands in for it before commit,
 * blaming the revision only for violations it added (`foreign-key-violations.ts`).
 */
import { sql, type Kysely } from 'kysely';
import type { RunRevisionOptions } from '../dialect.js';
import { SchemigrateError } from '../../util/errors.js';
import { lockTimeoutError, lockTimeoutSeconds } from '../lock-timeout.js';
import { SQLITE_BUSY_TIMEOUT_MS } from './connect.js';
import { describeViolations, newViolations, readViolations, type Violations } from './foreign-key-violations.js';

/**
 * The violations a locked run's database has between revisions, once read: under the write
 * lock nothing else writes, so each revision's check is the next one's starting point and a
 * run reads the database's own violations once. Keyed by the lock's connection.
 */
const lockSessions = new WeakMap<Kysely<any>, { violations?: Violations }>();

/**
 * Run `fn` holding SQLite's write lock (`BEGIN IMMEDIATE`) on one connection, so that a second
 * process waits until this one is done and then sees its work. Everything `fn` does runs in
 * that one write transaction, committed at the end (also when `fn` fails: each revision inside
 * is made atomic by `runSqliteRevision`'s savepoint, and what completed before a failure stays).
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
      let result: T;
      lockSessions.set(conn, {});
      try {
        result = await fn(conn);
      } catch (error) {
        // SQLite may already have rolled the transaction back (e.g. on SQLITE_FULL).
        await sql`commit`.execute(conn).catch(() => undefined);
        throw error;
      }
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
  const session = lockSessions.get(db);
  await db.connection().execute(async (conn) => {
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
        if (session) delete session.violations;
        await fn(conn);
        const after = await assertNoNewViolations(conn, before, 'Its changes stay: the revision is not transactional.');
        if (session) session.violations = after;
        return;
      }
      await sql`savepoint schemigrate_revision`.execute(conn);
      let after: Violations;
      try {
        await fn(conn);
        after = await assertNoNewViolations(conn, before, 'Its changes were rolled back.');
      } catch (error) {
        await sql`rollback to schemigrate_revision`.execute(conn).catch(() => undefined);
        await sql`release schemigrate_revision`.execute(conn).catch(() => undefined);
        if (session) session.violations = before;
        throw error;
      }
      await sql`release schemigrate_revision`.execute(conn);
      if (session) session.violations = after;
    } finally {
      if (!session) await sql`pragma foreign_keys = on`.execute(conn);
    }
  });
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
