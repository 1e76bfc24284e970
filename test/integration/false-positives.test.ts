/**
 * The same thing written two ways must compare equal: each row creates a table from spelling A
 * (raw SQL, or the schema language) and diffs it against spelling B through the pipeline `check`
 * uses (`diffDatabase`), expecting no operation. A row lists only the dialects that really
 * store both spellings alike; where a dialect does not, a comment says why it is left out.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../src/config/url.js';
import type { Dialect } from '../../src/dialects/dialect.js';
import {
  bigint,
  boolean,
  char,
  check,
  custom,
  date,
  double,
  index,
  integer,
  jsonb,
  numeric,
  real,
  smallint,
  table,
  text,
  timestamp,
  varchar,
} from '../../src/index.js';
import { connectTestDatabase, forEachDialect } from '../helpers/databases.js';
import { dslModel } from '../helpers/dsl-model.js';
import { differences, EMPTY_MODEL, migrateTo } from '../helpers/model-migrations.js';

/**
 * In raw statements, `{key:t}` stands for the key column `id` of table t, named as the schema
 * language names it where the dialect keeps key names (PostgreSQL), so that only the spelling
 * under test differs.
 */
function expandKeys(statement: string, dialect: DialectName): string {
  return statement.replace(/\{key:(\w+)\}/g, (_match, tableName: string) =>
    dialect === 'postgres' ? `id integer not null constraint pk_${tableName} primary key` : 'id integer primary key',
  );
}

interface Row {
  readonly name: string;
  readonly dialects: readonly DialectName[];
  /** Spelling A: raw statements, or tables in the schema language. */
  readonly a: readonly string[] | (() => object[]);
  /** Spelling B, in the schema language: what the user declares. */
  readonly b: () => object[];
}

const ALL: readonly DialectName[] = ['sqlite', 'postgres', 'mysql'];

/** A one-column table `fp` (plus its key), the column declared by `column`. */
const fp = (column: () => any) => () => [table('fp', { id: integer().primaryKey(), c: column() })];

const parent = () => table('fp_parent', { id: integer().primaryKey() });

const ROWS: readonly Row[] = [
  // ── type aliases ──────────────────────────────────────────────────────────────────────
  { name: "custom('int4') vs integer()", dialects: ['postgres'], a: fp(() => custom('int4')), b: fp(() => integer()) },
  { name: "custom('float8') vs double()", dialects: ['postgres'], a: fp(() => custom('float8')), b: fp(() => double()) },
  { name: "custom('bool') vs boolean()", dialects: ['postgres', 'mysql'], a: fp(() => custom('bool')), b: fp(() => boolean()) },
  {
    name: "custom('timestamptz') vs timestamp({ withTimezone: true })",
    dialects: ['postgres'],
    a: fp(() => custom('timestamptz')),
    b: fp(() => timestamp({ withTimezone: true })),
  },
  { name: "custom('decimal(10,2)') vs numeric(10, 2)", dialects: ['postgres', 'mysql'], a: fp(() => custom('decimal(10,2)')), b: fp(() => numeric(10, 2)) },
  { name: "custom('character varying(20)') vs varchar(20)", dialects: ['postgres'], a: fp(() => custom('character varying(20)')), b: fp(() => varchar(20)) },
  { name: "custom('int8') vs bigint()", dialects: ['postgres'], a: fp(() => custom('int8')), b: fp(() => bigint()) },
  { name: "custom('int2') vs smallint()", dialects: ['postgres'], a: fp(() => custom('int2')), b: fp(() => smallint()) },
  { name: "custom('float4') vs real()", dialects: ['postgres'], a: fp(() => custom('float4')), b: fp(() => real()) },
  { name: "custom('character(3)') vs char(3)", dialects: ['postgres', 'mysql'], a: fp(() => custom('character(3)')), b: fp(() => char(3)) },
  { name: "custom('timestamp without time zone') vs timestamp()", dialects: ['postgres'], a: fp(() => custom('timestamp without time zone')), b: fp(() => timestamp()) },
  { name: "custom('varchar(20)') vs varchar(20)", dialects: ALL, a: fp(() => custom('varchar(20)')), b: fp(() => varchar(20)) },
  { name: "custom('INTEGER') vs integer()", dialects: ALL, a: fp(() => custom('INTEGER')), b: fp(() => integer()) },
  { name: "custom('BOOLEAN') vs boolean()", dialects: ALL, a: fp(() => custom('BOOLEAN')), b: fp(() => boolean()) },
  { name: "custom('double precision') vs double()", dialects: ALL, a: fp(() => custom('double precision')), b: fp(() => double()) },
  { name: "custom('tinyint(1)') vs boolean()", dialects: ['mysql'], a: fp(() => custom('tinyint(1)')), b: fp(() => boolean()) },
  { name: "custom('bigint(20)') vs bigint()", dialects: ['mysql'], a: fp(() => custom('bigint(20)')), b: fp(() => bigint()) },
  // SQLite keeps the declared type name as written: INT and INTEGER have one affinity but are
  // two spellings in the table's DDL, so custom('int') vs integer() is left out there.
  // MariaDB shows int as int(11) and integer as int(11).
  { name: "custom('int(11)') vs integer()", dialects: ['mysql'], a: fp(() => custom('int(11)')), b: fp(() => integer()) },
  { name: 'raw INTEGER vs integer()', dialects: ALL, a: ['create table fp ({key:fp}, c integer)'], b: fp(() => integer()) },
  { name: 'raw int4 vs integer()', dialects: ['postgres'], a: ['create table fp (id int4 not null constraint pk_fp primary key, c int4)'], b: fp(() => integer()) },
  { name: 'raw VARCHAR vs varchar() (no length)', dialects: ['sqlite', 'postgres'], a: ['create table fp ({key:fp}, c varchar)'], b: fp(() => varchar()) },
  // varchar without length vs text: left out everywhere. PostgreSQL keeps them as two types,
  // SQLite keeps the declared type name, and MySQL has no varchar without a length.

  // ── defaults ──────────────────────────────────────────────────────────────────────────
  {
    name: 'CURRENT_TIMESTAMP vs now()',
    // SQLite has no now().
    dialects: ['postgres', 'mysql'],
    a: fp(() => timestamp().default(sql`CURRENT_TIMESTAMP`)),
    b: fp(() => timestamp().default(sql`now()`)),
  },
  { name: "default 0 vs '0' on an integer", dialects: ALL, a: fp(() => integer().default('0')), b: fp(() => integer().default(0)) },
  { name: 'default 0 vs sql`0`', dialects: ALL, a: fp(() => integer().default(sql`0`)), b: fp(() => integer().default(0)) },
  { name: "default 'x' vs sql`'x'`", dialects: ALL, a: fp(() => text().default(sql`'x'`)), b: fp(() => text().default('x')) },
  { name: "default 1.5 vs '1.50' on numeric(10, 2)", dialects: ALL, a: fp(() => numeric(10, 2).default('1.50')), b: fp(() => numeric(10, 2).default(1.5)) },
  { name: 'default -1 vs sql`-1`', dialects: ALL, a: fp(() => integer().default(sql`-1`)), b: fp(() => integer().default(-1)) },
  { name: "default 'x' vs sql`'x'::text`", dialects: ['postgres'], a: fp(() => text().default(sql`'x'::text`)), b: fp(() => text().default('x')) },
  { name: "default '2020-01-02' vs sql`'2020-01-02'::date`", dialects: ['postgres'], a: fp(() => date().default(sql`'2020-01-02'::date`)), b: fp(() => date().default('2020-01-02')) },
  { name: "default '{}' vs sql`'{}'::jsonb`", dialects: ['postgres'], a: fp(() => jsonb().default(sql`'{}'::jsonb`)), b: fp(() => jsonb().default('{}')) },
  { name: "default 1 vs '1' on a boolean", dialects: ['sqlite', 'mysql'], a: fp(() => boolean().default('1' as any)), b: fp(() => boolean().default(true)) },
  {
    name: 'default sql`(CURRENT_TIMESTAMP)` vs sql`CURRENT_TIMESTAMP`',
    dialects: ALL,
    a: fp(() => timestamp().default(sql`(CURRENT_TIMESTAMP)`)),
    b: fp(() => timestamp().default(sql`CURRENT_TIMESTAMP`)),
  },
  { name: "raw DEFAULT '0' vs default(0)", dialects: ALL, a: ["create table fp ({key:fp}, c integer default '0')"], b: fp(() => integer().default(0)) },
  { name: "raw NOT NULL DEFAULT '0' on int(11) vs integer().notNull().default(0)", dialects: ['mysql'], a: ["create table fp ({key:fp}, c int(11) not null default '0')"], b: fp(() => integer().notNull().default(0)) },
  { name: "raw tinyint(1) DEFAULT '1' vs boolean().default(true)", dialects: ['mysql'], a: ["create table fp ({key:fp}, c tinyint(1) default '1')"], b: fp(() => boolean().default(true)) },
  { name: 'raw BOOLEAN DEFAULT TRUE vs boolean().default(true)', dialects: ALL, a: ['create table fp ({key:fp}, c boolean default true)'], b: fp(() => boolean().default(true)) },
  // PostgreSQL rejects 1 as a boolean default (no implicit integer → boolean cast).
  { name: 'default true vs 1 on a boolean', dialects: ['sqlite', 'mysql'], a: fp(() => boolean().default(1 as any)), b: fp(() => boolean().default(true)) },
  { name: 'default false vs sql`FALSE`', dialects: ALL, a: fp(() => boolean().default(sql`FALSE`)), b: fp(() => boolean().default(false)) },
  { name: 'raw DEFAULT 0 vs default(0)', dialects: ALL, a: ['create table fp ({key:fp}, c integer default 0)'], b: fp(() => integer().default(0)) },

  // ── indexes ───────────────────────────────────────────────────────────────────────────
  {
    name: 'index column ASC vs the default order',
    dialects: ALL,
    a: ['create table fp ({key:fp}, c integer)', 'create index ix_fp_c on fp (c asc)'],
    b: () => [table('fp', { id: integer().primaryKey(), c: integer() }, (t) => [index().on(t.c)])],
  },
  {
    name: 'raw CREATE UNIQUE INDEX vs index().unique()',
    dialects: ALL,
    a: ['create table fp ({key:fp}, c integer)', 'create unique index ix_fp_c on fp (c)'],
    b: () => [table('fp', { id: integer().primaryKey(), c: integer() }, (t) => [index().on(t.c).unique()])],
  },
  {
    name: "index using('btree') vs the default method",
    dialects: ['postgres', 'mysql'],
    a: () => [table('fp', { id: integer().primaryKey(), c: integer() }, (t) => [index().on(t.c).using('btree')])],
    b: () => [table('fp', { id: integer().primaryKey(), c: integer() }, (t) => [index().on(t.c)])],
  },

  {
    name: 'index descending written DESC in raw SQL vs .desc()',
    dialects: ALL,
    a: ['create table fp ({key:fp}, c integer)', 'create index ix_fp_c on fp (c DESC)'],
    b: () => [table('fp', { id: integer().primaryKey(), c: integer() }, (t) => [index().on(t.c.desc())])],
  },
  {
    name: 'expression index lower(c) vs lower((c)::text) on varchar',
    dialects: ['postgres'],
    a: () => [table('fp', { id: integer().primaryKey(), c: varchar(20) }, () => [index('ix_fp_lower').on(sql`lower(c)`)])],
    b: () => [table('fp', { id: integer().primaryKey(), c: varchar(20) }, () => [index('ix_fp_lower').on(sql`lower((c)::text)`)])],
  },
  {
    name: 'partial index WHERE c > 0 vs (c > 0)',
    dialects: ['sqlite', 'postgres'],
    a: () => [table('fp', { id: integer().primaryKey(), c: integer() }, (t) => [index().on(t.c).where(sql`c > 0`)])],
    b: () => [table('fp', { id: integer().primaryKey(), c: integer() }, (t) => [index().on(t.c).where(sql`(c>0)`)])],
  },

  // ── foreign keys ──────────────────────────────────────────────────────────────────────
  {
    name: 'ON DELETE NO ACTION vs no action given',
    dialects: ALL,
    a: () => [parent(), table('fp', { id: integer().primaryKey(), c: integer().references(() => parent().columns.id, { onDelete: 'no action', onUpdate: 'no action' }) })],
    b: () => [parent(), table('fp', { id: integer().primaryKey(), c: integer().references(() => parent().columns.id) })],
  },
  {
    name: 'raw REFERENCES … ON DELETE NO ACTION vs no action given',
    dialects: ALL,
    a: [
      'create table fp_parent ({key:fp_parent})',
      'create table fp ({key:fp}, c integer, constraint fk_fp_c_fp_parent foreign key (c) references fp_parent (id) on delete no action)',
    ],
    b: () => [parent(), table('fp', { id: integer().primaryKey(), c: integer().references(() => parent().columns.id) })],
  },
  // InnoDB treats RESTRICT as NO ACTION; PostgreSQL (RESTRICT is not deferred) and SQLite
  // (RESTRICT acts at once, even inside a deferred transaction) do not.
  {
    name: 'ON DELETE RESTRICT vs no action given',
    dialects: ['mysql'],
    a: () => [parent(), table('fp', { id: integer().primaryKey(), c: integer().references(() => parent().columns.id, { onDelete: 'restrict' }) })],
    b: () => [parent(), table('fp', { id: integer().primaryKey(), c: integer().references(() => parent().columns.id) })],
  },

  // ── checks ────────────────────────────────────────────────────────────────────────────
  {
    name: 'check c IN (1, 2) vs c = ANY (ARRAY[1, 2])',
    // PostgreSQL stores IN lists as = ANY; MySQL and SQLite keep each spelling as written.
    dialects: ['postgres'],
    a: () => [table('fp', { id: integer().primaryKey(), c: integer() }, () => [check('c_small', sql`c in (1, 2)`)])],
    b: () => [table('fp', { id: integer().primaryKey(), c: integer() }, () => [check('c_small', sql`c = any (array[1, 2])`)])],
  },
  {
    name: 'check spacing and parentheses',
    dialects: ALL,
    a: () => [table('fp', { id: integer().primaryKey(), c: integer() }, () => [check('c_positive', sql`((c>0))`)])],
    b: () => [table('fp', { id: integer().primaryKey(), c: integer() }, () => [check('c_positive', sql`c > 0`)])],
  },
];

forEachDialect(({ dialect: name, database }) => {
  let db: Kysely<any>;
  let dialect: Dialect;

  beforeAll(async () => {
    ({ db, dialect } = await connectTestDatabase(database()));
  });
  afterAll(async () => db?.destroy());

  const rows = ROWS.filter((row) => row.dialects.includes(name));
  test.each(rows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    await migrateTo(db, dialect, EMPTY_MODEL);
    if (typeof row.a === 'function') await migrateTo(db, dialect, dslModel(dialect, row.a()));
    else for (const statement of row.a) await sql.raw(expandKeys(statement, name)).execute(db);
    expect(await differences(db, dialect, dslModel(dialect, row.b()))).toEqual([]);
  });

  // The canonical form of the canonical form is asked for only where the first still differs.
  // SQLite keeps a check as written, so there an up-to-date table needs no scratch pass at all.
  (name === 'sqlite' ? test.skip : test)('a check the server re-spells, already up to date, costs one scratch pass', async () => {
    const declared = () => [table('fp', { id: integer().primaryKey(), c: integer() }, () => [check('c_above', sql`c >= -1`)])];
    await migrateTo(db, dialect, EMPTY_MODEL);
    await migrateTo(db, dialect, dslModel(dialect, declared()));
    let passes = 0;
    const counting: Dialect = { ...dialect, canonicalize: (...args) => (passes++, dialect.canonicalize(...args)) };
    expect(await differences(db, counting, dslModel(dialect, declared()))).toEqual([]);
    expect(passes).toBe(1);
  });

  // PostgreSQL keeps every lock of its scratch transaction: thousands of tables go in parts.
  (name === 'sqlite' ? test.skip : test)('tables the server re-spells go through scratch in parts and compare equal', async () => {
    const declared = () => {
      const tables: any[] = [];
      for (let i = 0; i < 5; i++) {
        const previous = tables[i - 1];
        tables.push(
          table(`fp_part_${i}`, { id: integer().primaryKey(), parentId: previous ? integer().references(() => previous.columns.id, { onDelete: 'cascade' }) : integer(), c: integer() }, () => [
            check(`ck_fp_part_${i}`, sql`c >= -1`),
          ]),
        );
      }
      return tables;
    };
    await migrateTo(db, dialect, EMPTY_MODEL);
    await migrateTo(db, dialect, dslModel(dialect, declared()));
    let passes = 0;
    const inParts: Dialect = { ...dialect, scratchTablesPerPass: 2, canonicalize: (...args) => (passes++, dialect.canonicalize(...args)) };
    expect(await differences(db, inParts, dslModel(dialect, declared()))).toEqual([]);
    expect(passes).toBe(3);
  });
});
