/**
 * PostgreSQL objects out of schemigrate's scope in the current schema and the named schemas
 * read (`pull --schema`), counted per kind in one catalog query. Objects an extension owns are the extension's, not the user's: left out.
 */
import { sql, type Kysely } from 'kysely';
import { outOfScopeCounts, type OutOfScopeCount } from '../out-of-scope.js';

/**
 * Views, materialized views, standalone sequences (not serial or identity), partitions,
 * functions, procedures, aggregates, triggers, domains and row-level security policies.
 *
 * @example
 * await countPostgresOutOfScope(db, ['audit']); // [{ kind: 'function', count: 9 }, { kind: 'view', count: 7 }]
 */
export async function countPostgresOutOfScope(db: Kysely<any>, schemas: readonly string[] = []): Promise<OutOfScopeCount[]> {
  const { rows } = await sql<{ kind: string; count: string }>`
    with ns as (select oid from pg_catalog.pg_namespace where nspname = current_schema() or nspname = any(${[...schemas]}::text[]))
    select o.kind, count(*) as count from (
      select case c.relkind when 'v' then 'view' when 'm' then 'materialized view' when 'f' then 'foreign table' else 'sequence' end as kind,
             c.oid, 'pg_catalog.pg_class'::regclass as classid
        from pg_catalog.pg_class c
       where c.relnamespace in (select oid from ns) and c.relkind in ('v', 'm', 'f', 'S')
         and not (c.relkind = 'S' and exists (
           select 1 from pg_catalog.pg_depend d
            where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i')))
      union all
      select 'partition', c.oid, 'pg_catalog.pg_class'::regclass from pg_catalog.pg_class c
       where c.relnamespace in (select oid from ns) and c.relispartition
      union all
      select case p.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end, p.oid, 'pg_catalog.pg_proc'::regclass
        from pg_catalog.pg_proc p where p.pronamespace in (select oid from ns)
      union all
      select 'trigger', t.oid, 'pg_catalog.pg_trigger'::regclass from pg_catalog.pg_trigger t
        join pg_catalog.pg_class c on c.oid = t.tgrelid
       where c.relnamespace in (select oid from ns) and not t.tgisinternal
      union all
      select 'domain', t.oid, 'pg_catalog.pg_type'::regclass from pg_catalog.pg_type t
       where t.typnamespace in (select oid from ns) and t.typtype = 'd'
      union all
      select 'policy', p.oid, 'pg_catalog.pg_policy'::regclass from pg_catalog.pg_policy p
        join pg_catalog.pg_class c on c.oid = p.polrelid
       where c.relnamespace in (select oid from ns)
    ) o
    where not exists (select 1 from pg_catalog.pg_depend d where d.deptype = 'e' and d.classid = o.classid and d.objid = o.oid)
    group by o.kind`.execute(db);
  return outOfScopeCounts(rows);
}
