/**
 * SQLite objects out of schemigrate's scope, counted per kind.
 */
import { sql, type Kysely } from 'kysely';
import { outOfScopeCounts, type OutOfScopeCount } from '../out-of-scope.js';

/**
 * Views, triggers and virtual tables (FTS and the like; their shadow tables are theirs).
 *
 * @example
 * await countSqliteOutOfScope(db); // [{ kind: 'trigger', count: 3 }, { kind: 'virtual table', count: 2 }]
 */
export async function countSqliteOutOfScope(db: Kysely<any>): Promise<OutOfScopeCount[]> {
  const { rows } = await sql<{ kind: string; count: number }>`
    select type as kind, count(*) as count from sqlite_master where type in ('view', 'trigger') group by type
    union all
    select 'virtual table', count(*) from pragma_table_list where schema = 'main' and type = 'virtual'`.execute(db);
  return outOfScopeCounts(rows);
}
