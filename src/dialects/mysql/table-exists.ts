/**
 * Whether a base table exists in MySQL's current database: one catalog query that does not
 * list the other tables.
 */
import { sql, type Kysely } from 'kysely';

/**
 * Whether `name` is a base table (not a view) of the current database.
 *
 * @example
 * await tableExists(db, 'schemigrate_version'); // false before the first upgrade
 */
export async function tableExists(db: Kysely<any>, name: string): Promise<boolean> {
  const { rows } = await sql<{ found: number }>`select 1 as found from information_schema.tables
    where table_schema = database() and table_name = ${name} and table_type = 'BASE TABLE'`.execute(db);
  return rows.length > 0;
}
