/**
 * The pg_catalog queries introspection runs: one per kind of object, each covering every table
 * of the schemas asked for (the current one and the declared named ones) at once, so that the
 * number of round trips grows with neither tables nor schemas. None depends on another's
 * result, so they can run side by side.
 *
 * Every query sees the same set of tables: ordinary and partitioned tables of the schema,
 * leaving out partitions (their parent stands for them) and tables an extension owns.
 *
 * Deparsing functions are only called where their text is used: `pg_get_expr` with a relation
 * (and `pg_get_indexdef`) open that relation, which at a thousand tables costs more than the
 * rest of the query.
 */
import { sql, type Kysely } from 'kysely';
import { SchemigrateError } from '../../util/errors.js';

/** The tables in scope, as a SQL condition on the `pg_class` alias `c`. */
const IN_SCOPE = sql`
  c.relkind in ('r', 'p')
  and not c.relispartition
  and not exists (
    select 1 from pg_catalog.pg_depend d
    where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e'
  )`;

/**
 * The schemas read, as a SQL condition on the `pg_namespace` alias `n`: the current schema
 * and the `named` ones.
 */
function inSchemas(named: readonly string[]) {
  return sql`n.nspname = any(pg_catalog.array_prepend(pg_catalog.current_schema()::text, ${[...named]}::text[]))`;
}

/** Every row names the schema (namespace) of its table or type. */
export interface TableRow {
  readonly schema: string;
  readonly table: string;
  readonly comment: string | null;
}

export interface ColumnRow {
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  /** `attnum`: rows come in no particular order. */
  readonly position: number;
  readonly typeName: string;
  readonly typeSchema: string;
  readonly typeCategory: string;
  readonly typeModifier: number;
  readonly formattedType: string;
  readonly notNull: boolean;
  /** `pg_get_expr` of the default (as `information_schema` shows it), or of the generation expression when `generated` is set. */
  readonly expression: string | null;
  /** `''`, or `a`/`d` for GENERATED ALWAYS/BY DEFAULT AS IDENTITY. */
  readonly identity: string;
  /** `''`, `s` for STORED, `v` for VIRTUAL (PostgreSQL 18). */
  readonly generated: string;
  /** `nextval('<sequence>'::regclass)` for a sequence this column owns (serial), else null. */
  readonly ownedSequenceDefault: string | null;
  readonly comment: string | null;
  /** Set only when it differs from the type's default collation. */
  readonly collation: string | null;
}

export interface ConstraintRow {
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  /** `p` primary key, `u` unique, `f` foreign key, `c` check. */
  readonly type: 'p' | 'u' | 'f' | 'c';
  readonly columns: readonly string[];
  readonly referencedTable: string | null;
  readonly referencedSchema: string | null;
  readonly referencedColumns: readonly string[];
  readonly onDelete: string;
  readonly onUpdate: string;
  readonly deferrable: boolean;
  readonly deferred: boolean;
  /** `pg_get_constraintdef` of a check; null for the other kinds. */
  readonly definition: string | null;
}

export interface IndexPartRow {
  /** The column name, or null for an expression. */
  readonly column: string | null;
  /** The expression of a part that is no column; null for a column. */
  readonly expression: string | null;
  readonly descending: boolean;
}

export interface IndexRow {
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly unique: boolean;
  readonly method: string;
  readonly predicate: string | null;
  readonly parts: readonly IndexPartRow[];
}

export interface EnumRow {
  readonly schema: string;
  readonly name: string;
  readonly values: readonly string[];
}

/**
 * The schema unqualified names resolve to (the scratch schema inside `canonicalize`).
 *
 * @example
 * const schema = await selectCurrentSchema(db); // → 'public'
 */
export async function selectCurrentSchema(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ name: string | null }>`select current_schema() as name`.execute(db);
  const name = rows[0]?.name;
  if (!name) throw noCurrentSchema();
  return name;
}

function noCurrentSchema(): SchemigrateError {
  return new SchemigrateError(
    'PostgreSQL reports no current schema: the search_path of this login names no existing schema. ' +
      'Set one, e.g. ALTER ROLE <user> SET search_path TO public.',
  );
}

export interface Namespaces {
  /** `current_schema()`: where unqualified names resolve (the scratch schema inside `canonicalize`). */
  readonly current: string;
  /** Those of the named schemas asked for that exist. */
  readonly existing: readonly string[];
}

/**
 * The current schema and which of `named` exist, in one query.
 *
 * @example
 * await selectNamespaces(db, ['audit', 'missing']); // → { current: 'public', existing: ['audit'] }
 */
export async function selectNamespaces(db: Kysely<any>, named: readonly string[]): Promise<Namespaces> {
  const { rows } = await sql<{ name: string | null; existing: string[] }>`
    select current_schema() as name, array(
      select nspname::text from pg_catalog.pg_namespace where nspname = any(${[...named]}::text[]) order by 1
    ) as existing`.execute(db);
  const current = rows[0]?.name;
  if (!current) throw noCurrentSchema();
  return { current, existing: rows[0]!.existing };
}

/** The current schema and the user's other schemas. */
export interface UserSchemas {
  readonly current: string;
  /** Every other schema except the system ones (`pg_catalog`, `information_schema`, `pg_toast*`, `pg_temp_*`) and those an extension owns, sorted. */
  readonly named: readonly string[];
}

/**
 * The schemas `pull --all-schemas` reads, in one query.
 *
 * @example
 * await selectUserSchemas(db); // → { current: 'public', named: ['audit', 'sales'] }
 */
export async function selectUserSchemas(db: Kysely<any>): Promise<UserSchemas> {
  const { rows } = await sql<{ name: string | null; named: string[] }>`
    select current_schema() as name, array(
      select n.nspname::text from pg_catalog.pg_namespace n
      where n.nspname <> all(array['pg_catalog', 'information_schema'])
        and n.nspname !~ '^pg_(toast|temp_)'
        and n.nspname is distinct from current_schema()
        and not exists (
          select 1 from pg_catalog.pg_depend d
          where d.classid = 'pg_catalog.pg_namespace'::regclass and d.objid = n.oid and d.deptype = 'e'
        )
      order by 1
    ) as named`.execute(db);
  const current = rows[0]?.name;
  if (!current) throw noCurrentSchema();
  return { current, named: rows[0]!.named };
}

/**
 * Tables in scope with their comments, in the current schema and the `named` ones.
 *
 * @example
 * const tables = await selectTables(db, ['audit']);
 */
export async function selectTables(db: Kysely<any>, named: readonly string[]): Promise<readonly TableRow[]> {
  const { rows } = await sql<TableRow>`
    select n.nspname as "schema", c.relname as "table", ds.description as "comment"
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    left join pg_catalog.pg_description ds
      on ds.objoid = c.oid and ds.classoid = 'pg_catalog.pg_class'::regclass and ds.objsubid = 0
    where ${inSchemas(named)} and ${IN_SCOPE}
    order by c.relname, n.nspname`.execute(db);
  return rows;
}

/**
 * Columns of every table in scope, with their positions; unsorted, as sorting thousands of
 * wide rows spills to disk on the server.
 *
 * @example
 * const columns = await selectColumns(db, []);
 */
export async function selectColumns(db: Kysely<any>, named: readonly string[]): Promise<readonly ColumnRow[]> {
  const { rows } = await sql<ColumnRow>`
    select
      n.nspname as "schema",
      c.relname as "table",
      a.attname as "name",
      a.attnum as "position",
      t.typname as "typeName",
      tn.nspname as "typeSchema",
      t.typtype as "typeCategory",
      a.atttypmod as "typeModifier",
      pg_catalog.format_type(a.atttypid, a.atttypmod) as "formattedType",
      a.attnotnull as "notNull",
      -- Only a generation expression can name columns; a default deparses without its table.
      pg_catalog.pg_get_expr(ad.adbin, case when a.attgenerated <> '' then ad.adrelid else 0 end) as "expression",
      a.attidentity::text as "identity",
      a.attgenerated::text as "generated",
      (
        select pg_catalog.format('nextval(%L::regclass)', s.oid::regclass::text)
        from pg_catalog.pg_depend d
        join pg_catalog.pg_class s on s.oid = d.objid and s.relkind = 'S'
        where d.classid = 'pg_catalog.pg_class'::regclass
          and d.refclassid = 'pg_catalog.pg_class'::regclass
          and d.refobjid = c.oid and d.refobjsubid = a.attnum and d.deptype = 'a'
        limit 1
      ) as "ownedSequenceDefault",
      ds.description as "comment",
      case when a.attcollation <> t.typcollation then co.collname end as "collation"
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    join pg_catalog.pg_type t on t.oid = a.atttypid
    join pg_catalog.pg_namespace tn on tn.oid = t.typnamespace
    left join pg_catalog.pg_attrdef ad on ad.adrelid = c.oid and ad.adnum = a.attnum
    left join pg_catalog.pg_description ds
      on ds.objoid = c.oid and ds.classoid = 'pg_catalog.pg_class'::regclass and ds.objsubid = a.attnum
    left join pg_catalog.pg_collation co on co.oid = a.attcollation
    where ${inSchemas(named)} and ${IN_SCOPE}`.execute(db);
  return rows;
}

/**
 * Primary keys, unique constraints, foreign keys and checks, with their columns in key order.
 * Other kinds (NOT NULL constraints of PostgreSQL 18, exclusion, triggers) are out of scope.
 *
 * @example
 * const constraints = await selectConstraints(db, []);
 */
export async function selectConstraints(db: Kysely<any>, named: readonly string[]): Promise<readonly ConstraintRow[]> {
  const { rows } = await sql<ConstraintRow>`
    select
      n.nspname as "schema",
      c.relname as "table",
      k.conname as "name",
      k.contype::text as "type",
      coalesce((
        select pg_catalog.json_agg(a.attname order by u.position)
        from unnest(k.conkey) with ordinality as u(attnum, position)
        join pg_catalog.pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
      ), '[]') as "columns",
      r.relname as "referencedTable",
      rn.nspname as "referencedSchema",
      coalesce((
        select pg_catalog.json_agg(a.attname order by u.position)
        from unnest(k.confkey) with ordinality as u(attnum, position)
        join pg_catalog.pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum
      ), '[]') as "referencedColumns",
      k.confdeltype::text as "onDelete",
      k.confupdtype::text as "onUpdate",
      k.condeferrable as "deferrable",
      k.condeferred as "deferred",
      case when k.contype = 'c' then pg_catalog.pg_get_constraintdef(k.oid, true) end as "definition"
    from pg_catalog.pg_constraint k
    join pg_catalog.pg_class c on c.oid = k.conrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    left join pg_catalog.pg_class r on r.oid = k.confrelid
    left join pg_catalog.pg_namespace rn on rn.oid = r.relnamespace
    where ${inSchemas(named)} and ${IN_SCOPE} and k.contype in ('p', 'u', 'f', 'c')
    order by n.nspname, c.relname, k.conname`.execute(db);
  return rows;
}

/**
 * Indexes that do not back a constraint (primary key, unique, exclusion), with their key parts
 * in order; INCLUDE columns are left out.
 *
 * @example
 * const indexes = await selectIndexes(db, []);
 */
export async function selectIndexes(db: Kysely<any>, named: readonly string[]): Promise<readonly IndexRow[]> {
  const { rows } = await sql<IndexRow>`
    select
      n.nspname as "schema",
      c.relname as "table",
      ic.relname as "name",
      i.indisunique as "unique",
      am.amname as "method",
      pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) as "predicate",
      (
        select pg_catalog.json_agg(pg_catalog.json_build_object(
          'column', a.attname,
          'expression', case when a.attname is null then pg_catalog.pg_get_indexdef(i.indexrelid, k.position, true) end,
          'descending', (i.indoption[k.position - 1] & 1) = 1
        ) order by k.position)
        from pg_catalog.generate_series(1, i.indnkeyatts) as k(position)
        left join pg_catalog.pg_attribute a
          on a.attrelid = i.indrelid and a.attnum = i.indkey[k.position - 1] and a.attnum > 0
      ) as "parts"
    from pg_catalog.pg_index i
    join pg_catalog.pg_class c on c.oid = i.indrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    join pg_catalog.pg_class ic on ic.oid = i.indexrelid
    join pg_catalog.pg_am am on am.oid = ic.relam
    where ${inSchemas(named)} and ${IN_SCOPE}
      and not exists (
        select 1 from pg_catalog.pg_constraint k
        where k.conindid = i.indexrelid and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x')
      )
    order by n.nspname, c.relname, ic.relname`.execute(db);
  return rows;
}

/**
 * Enumeration types of the schemas with their values in sort order, leaving out those an
 * extension owns.
 *
 * @example
 * const enums = await selectEnums(db, []);
 */
export async function selectEnums(db: Kysely<any>, named: readonly string[]): Promise<readonly EnumRow[]> {
  const { rows } = await sql<EnumRow>`
    select
      n.nspname as "schema",
      t.typname as "name",
      pg_catalog.json_agg(e.enumlabel order by e.enumsortorder) as "values"
    from pg_catalog.pg_type t
    join pg_catalog.pg_namespace n on n.oid = t.typnamespace
    join pg_catalog.pg_enum e on e.enumtypid = t.oid
    where ${inSchemas(named)}
      and not exists (
        select 1 from pg_catalog.pg_depend d
        where d.classid = 'pg_catalog.pg_type'::regclass and d.objid = t.oid and d.deptype = 'e'
      )
    group by n.nspname, t.typname
    order by t.typname, n.nspname`.execute(db);
  return rows;
}
