/**
 * SQLite offline SQL: Kysely's SQLite adapter and query compiler over the recording driver.
 */
import { SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Driver, type Kysely } from 'kysely';
import { offlineKysely } from '../offline-kysely.js';

/** How the trigger read of a rebuild (`src/render/rebuild.ts`) compiles. */
const READS_TRIGGERS = /^select "sql" from "sqlite_master" where "type" = 'trigger' and "tbl_name" = /;

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

/**
 * The note before a rebuild's read of the table's triggers: offline it returns no rows, so the
 * script re-creates none of them.
 *
 * @example
 * offlineNoteForSqlite(`select "sql" from "sqlite_master" where "type" = 'trigger' and "tbl_name" = 'users' COLLATE NOCASE order by "rowid"`);
 * // 'Offline this query returns no rows: …'
 */
export function offlineNoteForSqlite(statement: string): string | undefined {
  if (!READS_TRIGGERS.test(statement)) return undefined;
  return (
    "Offline this query returns no rows, so the rebuild below does not re-create the table's triggers (online it " +
    're-creates every one). Save their SQL from sqlite_master before running this script, and run it again afterwards.'
  );
}
