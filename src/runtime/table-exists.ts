/**
 * Whether a base table exists, by one targeted catalog query per dialect. Never by trying a
 * query on the table (a failure would abort an open PostgreSQL transaction) and never by
 * listing every table (slow on big schemas).
 */
import { MysqlAdapter, PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Whether `name` is a base table where unqualified names land: PostgreSQL's current schema,
 * MySQL's current database, SQLite's main database.
 *
 * @example
 * if (!(await tableExists(db, 'schemigrate_version'))) console.log('never migrated');
 */
export async function tableExists(db: Kysely<any>, name: string): Promise<boolean> {
  const adapter = db.getExecutor().adapter;
  const query =
    adapter instanceof PostgresAdapter
      ? sql<{ found: number }>`select 1 as found from pg_catalog.pg_class c
          join pg_catalog.pg_namespace n on n.oid = c.relnamespace
          where n.nspname = current_schema() and c.relname = ${name} and c.relkind in ('r', 'p')`
      : adapter instanceof MysqlAdapter
        ? sql<{ found: number }>`select 1 as found from information_schema.tables
            where table_schema = database() and table_name = ${name} and table_type = 'BASE TABLE'`
        : sql<{ found: number }>`select 1 as found from sqlite_master where type = 'table' and name = ${name}`;
  const { rows } = await query.execute(db);
  return rows.length > 0;
}
