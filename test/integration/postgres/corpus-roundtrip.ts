/**
 * The real-world round trip on PostgreSQL (see test/helpers/corpus-roundtrip.ts), shared by
 * the two suites that split the corpus so jest runs them side by side.
 *
 * The "empty" database holds the file's out-of-scope objects only: the file is loaded, then
 * every table and enumeration of the schemas compared is dropped (the schemas themselves stay,
 * holding their functions, views' leftovers and domains). Domains, extensions (citext), functions used by
 * generated columns and standalone sequences used by nextval() defaults are what a project
 * adopting the database keeps outside schemigrate (SPEC §8), so a fresh database needs them
 * before the pulled schema can be created; tables and enums are all the revision's work.
 *
 * Beyond the models, every index's full definition (pg_get_indexdef) and every column's and
 * constraint's catalog entry must match, so that what the model does not hold cannot be lost
 * silently; the index features it does not hold yet are counted per file (`lost`) and listed in
 * docs/pull.md.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import { CORPUS_DIR } from '../../helpers/corpus.js';
import { eachCorpusFile, expectedCheckNames, roundTrip } from '../../helpers/corpus-roundtrip.js';
import { createTestDatabase, serverAnswers } from '../../helpers/databases.js';

/** Index features the model does not hold, as they appear in an index definition, and what they become. */
const GAPS = {
  // `(name varchar_pattern_ops)`, `(doc jsonb_path_ops)`: operator classes (netbox's Django `_like`
  // indexes, temporal's GIN indexes).
  'operator class': [/\s+[a-z_]+_ops\b/g, ''],
  // `CREATE UNIQUE INDEX … NULLS NOT DISTINCT` (PostgreSQL 15, sanbase2).
  'NULLS NOT DISTINCT': [/ NULLS NOT DISTINCT/g, ''],
  // Partitioning is out of scope (SPEC §8): a partitioned table comes back as a plain table, whose
  // index is no longer `ON ONLY` the parent (pagila's payment).
  partitioning: [/ ON ONLY /g, ' ON '],
} as const satisfies Record<string, readonly [RegExp, string]>;

/** A check added `NOT VALID` (sanbase2) comes back validated: the model has no such state. */
const NOT_VALID = / NOT VALID$/;

export type Gap = keyof typeof GAPS | 'NOT VALID';

/** How many indexes of a file lose each feature the model does not hold. */
export type Lost = Partial<Record<Gap, number>>;

/**
 * Cluster-level objects a file needs first (graphile-starter grants to two roles); the
 * prerequisite is idempotent.
 */
const PREREQUISITES: Readonly<Record<string, string>> = { 'graphile-starter.sql': 'graphile-starter.prereq.sql' };

function loadWithPsql(url: string, file: string): void {
  const prerequisite = PREREQUISITES[file];
  if (prerequisite !== undefined) loadWithPsql(url, prerequisite);
  const result = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', join(CORPUS_DIR, 'postgresql', file)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`psql could not load ${file}: ${result.error?.message ?? result.stderr}`);
}

const connect = (url: string) => postgresDialect.connect({ dialect: 'postgres', connectionString: url, display: url });

/** The namespaces compared, as a SQL condition on a namespace oid: the current schema and the named `schemas`. */
function inNamespaces(oid: ReturnType<typeof sql.ref>, schemas: readonly string[]) {
  return sql`${oid} in (select oid from pg_catalog.pg_namespace where nspname = current_schema() or nspname = any(${[...schemas]}::text[]))`;
}

/** Drop every table and enumeration of the schemas compared, keeping the out-of-scope objects. */
async function keepOnlyOutOfScope(url: string, schemas: readonly string[]): Promise<void> {
  const db = await connect(url);
  try {
    const { rows: tables } = await sql<{ name: string }>`
      select c.oid::regclass::text as name from pg_catalog.pg_class c
      where ${inNamespaces(sql.ref('c.relnamespace'), schemas)} and c.relkind in ('r', 'p') and not c.relispartition`.execute(db);
    if (tables.length > 0) await sql.raw(`drop table if exists ${tables.map((row) => row.name).join(', ')} cascade`).execute(db);
    const { rows: types } = await sql<{ name: string }>`
      select t.oid::regtype::text as name from pg_catalog.pg_type t
      where ${inNamespaces(sql.ref('t.typnamespace'), schemas)} and t.typtype = 'e'`.execute(db);
    if (types.length > 0) await sql.raw(`drop type if exists ${types.map((row) => row.name).join(', ')} cascade`).execute(db);
  } finally {
    await db.destroy();
  }
}

/**
 * Every index of the compared schemas' tables (those backing keys too) by name (`schema.name`
 * in a named schema), with its definition. Indexes of partitions and materialized views belong
 * to out-of-scope objects.
 */
async function indexDefinitions(url: string, schemas: readonly string[]): Promise<Map<string, string>> {
  const db = await connect(url);
  try {
    const { rows } = await sql<{ name: string; definition: string }>`
      select i.oid::regclass::text as name, pg_catalog.pg_get_indexdef(i.oid) as definition
      from pg_catalog.pg_index x
      join pg_catalog.pg_class i on i.oid = x.indexrelid
      join pg_catalog.pg_class t on t.oid = x.indrelid
      where ${inNamespaces(sql.ref('t.relnamespace'), schemas)} and t.relkind in ('r', 'p') and not t.relispartition
        and t.relname not like 'schemigrate\\_version%'`.execute(db);
    return new Map(rows.map((row) => [row.name, row.definition]));
  } finally {
    await db.destroy();
  }
}

/**
 * What PostgreSQL says of every column and constraint of the compared schemas' tables (named
 * `schema.table` outside the current schema): type,
 * NOT NULL, default, identity, generation, collation, comment; primary keys, uniques and foreign
 * keys by name with their definitions, checks by definition (their names are a known gap).
 */
async function tableDefinitions(url: string, schemas: readonly string[]): Promise<{ columns: string[]; constraints: string[]; checks: string[] }> {
  const db = await connect(url);
  try {
    const inScope = sql`${inNamespaces(sql.ref('t.relnamespace'), schemas)} and t.relkind in ('r', 'p') and not t.relispartition
      and t.relname not like 'schemigrate\\_version%'`;
    const { rows: columns } = await sql<{ line: string }>`
      select concat_ws(' | ', t.oid::regclass::text, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
               -- The model has one auto-increment: serial and identity ALWAYS come back as identity
               -- BY DEFAULT (a known gap, docs/pull.md), so the three compare as one.
               case when a.attidentity <> '' or pg_catalog.pg_get_serial_sequence(t.oid::regclass::text, a.attname) is not null
                    then 'auto-increment' else concat_ws(' | ', pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity) end,
               a.attgenerated, co.collname,
               pg_catalog.col_description(t.oid, a.attnum)) as line
      from pg_catalog.pg_attribute a
      join pg_catalog.pg_class t on t.oid = a.attrelid
      left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      left join pg_catalog.pg_collation co on co.oid = a.attcollation and a.attcollation <> 100
      where ${inScope} and a.attnum > 0 and not a.attisdropped
      order by 1`.execute(db);
    const { rows: constraints } = await sql<{ line: string; contype: string }>`
      select k.contype as contype,
             concat_ws(' | ', t.oid::regclass::text, case when k.contype = 'c' then '' else k.conname end, pg_catalog.pg_get_constraintdef(k.oid, true)) as line
      from pg_catalog.pg_constraint k
      join pg_catalog.pg_class t on t.oid = k.conrelid
      where ${inScope} and k.contype in ('p', 'u', 'f', 'c')
      order by 2`.execute(db);
    return {
      // A numeric literal default is rendered as the literal: `'-1'::bigint` comes back as
      // `'-1'::integer` or `1` (the same value once cast to the column's type).
      columns: columns.map((row) => row.line.replace(/ \| '?(-?\d+(?:\.\d+)?)'?(?:::[a-z ]+)? \| /, ' | $1 | ')).sort(),
      constraints: constraints.filter((row) => row.contype !== 'c').map((row) => row.line).sort(),
      checks: constraints.filter((row) => row.contype === 'c').map((row) => row.line).sort(),
    };
  } finally {
    await db.destroy();
  }
}

/** Which gaps explain each index whose definition differs; an unexplained difference stays as is. */
function explainDifferences(original: Map<string, string>, recreated: Map<string, string>): { lost: Record<string, number>; unexplained: string[] } {
  const lost: Record<string, number> = {};
  const unexplained: string[] = [];
  for (const [name, definition] of original) {
    const other = recreated.get(name);
    if (other === definition) continue;
    let remaining = definition;
    for (const [gap, [pattern, replacement]] of Object.entries(GAPS)) {
      const without = remaining.replace(pattern, replacement);
      if (without !== remaining) {
        lost[gap] = (lost[gap] ?? 0) + 1;
        remaining = without;
      }
    }
    if (remaining !== other) unexplained.push(`${definition}  ≠  ${other ?? '(missing)'}`);
  }
  for (const name of recreated.keys()) if (!original.has(name)) unexplained.push(`(not in the original) ${recreated.get(name)}`);
  return { lost, unexplained };
}

/**
 * Declare one test per corpus file: pull, check, recreate, compare models and index definitions.
 * `schemas` names, per file, the named schemas to pull (`pull --schema`) and compare besides the
 * current one.
 *
 * @example
 * describeRoundTrips({ 'chinook-identity.sql': {}, 'netbox-4.2.sql': { 'operator class': 85 } }, ['netbox-4.2.sql']);
 * describeRoundTrips({ 'graphile-starter.sql': {} }, [], { 'graphile-starter.sql': ['app_private', 'app_public'] });
 */
export function describeRoundTrips(
  files: Readonly<Record<string, Lost>>,
  large: readonly string[] = [],
  schemas: Readonly<Record<string, readonly string[]>> = {},
): void {
  (serverAnswers('postgres') ? describe : describe.skip)('postgres: pull and recreate the real-world corpus', () => {
    eachCorpusFile(Object.keys(files), large, async (file) => {
      const named = schemas[file] ?? [];
      const original = await createTestDatabase('postgres');
      const empty = await createTestDatabase('postgres');
      try {
        loadWithPsql(original.url, file);
        loadWithPsql(empty.url, file);
        await keepOnlyOutOfScope(empty.url, named);
        const url = (connectionString: string) => ({ dialect: 'postgres', connectionString, display: connectionString }) as const;
        const result = await roundTrip(
          postgresDialect,
          { originalUrl: original.url, emptyUrl: empty.url, original: url(original.url), empty: url(empty.url) },
          (model) => expectedCheckNames(model, postgresDialect.maxIdentifierLength),
          named,
        );
        // The named schemas' tables were pulled, not silently left out.
        if (named.length > 0) expect(result.expected.tables.some((table) => table.schema !== undefined)).toBe(true);
        expect(result.checkOperations).toEqual([]);
        expect(result.skippedAfter).toEqual(result.skippedBefore);
        expect(result.recreated).toEqual(result.expected);
        const differences = explainDifferences(await indexDefinitions(original.url, named), await indexDefinitions(empty.url, named));
        const originalTables = await tableDefinitions(original.url, named);
        const notValid = originalTables.checks.filter((line) => NOT_VALID.test(line)).length;
        if (notValid > 0) differences.lost['NOT VALID'] = notValid;
        expect(differences).toEqual({ lost: files[file], unexplained: [] });
        expect(await tableDefinitions(empty.url, named)).toEqual({
          ...originalTables,
          checks: originalTables.checks.map((line) => line.replace(NOT_VALID, '')).sort(),
        });
      } finally {
        await original.drop();
        await empty.drop();
      }
    });
  });
}
