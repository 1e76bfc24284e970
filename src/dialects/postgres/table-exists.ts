/**
 * Whether a base table exists in PostgreSQL's current schema: one catalog query, which cannot
 * fail (so it never aborts an open transaction) and does not list the other tables.
 */
import { sql, type Kysely } from 'kysely';

/**
 * Whether `name` is a table (plain or partitioned) of the current schema.
 *
 * @example
 * await tableExists(db, 'schemigrate_version'); // false before the first upgrade
 */
export async function tableExists(db: Kysely<any>, name: string): Promise<boolean> {
  const { rows } = await sql<{ found: number }>`select 1 as found from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relname = ${name} and c.relkind in ('r', 'p')`.execute(db);
  return rows.length > 0;
}
