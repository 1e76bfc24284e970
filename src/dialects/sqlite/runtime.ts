/**
 * Running migrations on SQLite: the write lock that serialises concurrent runs, and one
 * revision at a time with foreign-key enforcement really off.
 *
 * SQLite ignores `PRAGMA foreign_keys` inside a transaction, and better-sqlite3 turns
 * enforcement on, so a table rebuild (drop the old table, rename the new one) inside a
 * transaction would cascade deletes into child tables. Enforcement is therefore switched off
 * before the transaction starts, and `PRAGMA foreign_key_check` stands in for it before commit.
 */
import { sql, type Kysely } from 'kysely';
import type { RunRevisionOptions } from '../dialect.js';
import { SchemigrateError } from '../../util/errors.js';
import { lockTimeoutError, lockTimeoutSeconds } from '../lock-timeout.js';
import { SQLITE_BUSY_TIMEOUT_MS } from './connect.js';

interface ForeignKeyViolation {
  readonly table: string;
  readonly rowid: number | null;
  readonly parent: string;
}

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
 * rolled back when `fn` fails or leaves a row whose foreign key points nowhere.
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
    // Must precede the savepoint: inside a transaction SQLite ignores it.
    await sql`pragma foreign_keys = off`.execute(conn);
    try {
      if (!options.transactional) {
        await fn(conn);
        await assertForeignKeysHold(conn, 'Its changes stay: the revision is not transactional.');
        return;
      }
      await sql`savepoint schemigrate_revision`.execute(conn);
      try {
        await fn(conn);
        await assertForeignKeysHold(conn, 'Its changes were rolled back.');
      } catch (error) {
        await sql`rollback to schemigrate_revision`.execute(conn).catch(() => undefined);
        await sql`release schemigrate_revision`.execute(conn).catch(() => undefined);
        throw error;
      }
      await sql`release schemigrate_revision`.execute(conn);
    } finally {
      await sql`pragma foreign_keys = on`.execute(conn);
    }
  });
}

async function assertForeignKeysHold(conn: Kysely<any>, outcome: string): Promise<void> {
  const { rows } = await sql<ForeignKeyViolation>`pragma foreign_key_check`.execute(conn);
  if (rows.length === 0) return;
  const shown = rows
    .slice(0, 5)
    .map((row) => `${row.table} rowid ${row.rowid ?? '?'} (references ${row.parent})`)
    .join(', ');
  const more = rows.length > 5 ? ` and ${rows.length - 5} more` : '';
  throw new SchemigrateError(
    `The revision left rows whose foreign keys point at missing rows: ${shown}${more}. ${outcome}`,
  );
}
