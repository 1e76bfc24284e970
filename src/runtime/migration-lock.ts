/**
 * The migration lock a run takes, by `lockMode`: the dialect's own (`advisory`: PostgreSQL's
 * advisory lock, MySQL's GET_LOCK, SQLite's write lock) or the lock row (`table`,
 * table-lock.ts), which also holds behind transaction-pooling proxies.
 */
import type { Kysely } from 'kysely';
import type { LockMode } from '../config/types.js';
import type { Dialect } from '../dialects/dialect.js';
import { withTableLock } from './table-lock.js';

/** What the lock needs to know about a run. */
export interface LockOptions {
  readonly versionTable: string;
  /** Default: `advisory`. */
  readonly lockMode?: LockMode;
}

/**
 * Run `fn` on one connection of `db` holding the migration lock that `lockMode` names.
 *
 * @example
 * await withMigrationLock(db, dialect, { versionTable: 'schemigrate_version', lockMode: 'table' }, async (conn) => { … });
 */
export function withMigrationLock<T>(
  db: Kysely<any>,
  dialect: Pick<Dialect, 'withLock'>,
  options: LockOptions,
  fn: (conn: Kysely<any>) => Promise<T>,
): Promise<T> {
  return options.lockMode === 'table' ? withTableLock(db, options.versionTable, fn) : dialect.withLock(db, fn);
}

