/**
 * Whether a table exists in SQLite's main database: one lookup in `sqlite_master`.
 */
import { sql, type Kysely } from 'kysely';

/**
 * Whether `name` is a table (not a view) of the main database.
 *
 * @example
 * await tableExists(db, 'schemigrate_version'); // false before the first upgrade
 */
export async function tableExists(db: Kysely<any>, name: string): Promise<boolean> {
  const { rows } = await sql<{ found: number }>`select 1 as found from sqlite_master where type = 'table' and name = ${name}`.execute(db);
  return rows.length > 0;
}
