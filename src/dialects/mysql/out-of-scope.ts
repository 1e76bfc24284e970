/**
 * MySQL/MariaDB objects out of schemigrate's scope in the current database, counted per kind.
 */
import { sql, type Kysely } from 'kysely';
import { outOfScopeCounts, type OutOfScopeCount } from '../out-of-scope.js';

/**
 * Views, stored procedures and functions, triggers, events and (MariaDB) sequences.
 *
 * @example
 * await countMysqlOutOfScope(db); // [{ kind: 'procedure', count: 3 }, { kind: 'view', count: 7 }]
 */
export async function countMysqlOutOfScope(db: Kysely<any>): Promise<OutOfScopeCount[]> {
  const { rows } = await sql<{ kind: string; count: number }>`
    select 'view' as kind, count(*) as count from information_schema.views where table_schema = database()
    union all
    select lower(routine_type), count(*) from information_schema.routines where routine_schema = database() group by routine_type
    union all
    select 'trigger', count(*) from information_schema.triggers where trigger_schema = database()
    union all
    select 'event', count(*) from information_schema.events where event_schema = database()
    union all
    select 'sequence', count(*) from information_schema.tables where table_schema = database() and table_type = 'SEQUENCE'`.execute(db);
  return outOfScopeCounts(rows);
}
