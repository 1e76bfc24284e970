/**
 * SQLite offline SQL: Kysely's SQLite adapter and query compiler over the recording driver.
 */
import { SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Driver, type Kysely } from 'kysely';
import { offlineKysely } from '../offline-kysely.js';

/**
 * Kysely for `--sql` on SQLite (no better-sqlite3 involved).
 *
 * @example
 * const db = offlineSqlite(new RecordingDriver());
 */
export function offlineSqlite(driver: Driver): Kysely<any> {
  return offlineKysely({
    driver,
    adapter: new SqliteAdapter(),
    queryCompiler: SqliteQueryCompiler,
    createIntrospector: (db) => new SqliteIntrospector(db),
  });
}
