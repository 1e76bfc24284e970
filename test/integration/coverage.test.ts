/**
 * The schema coverage matrix (issue 5): every feature, on every dialect that has it, declared
 * with the schema language and taken through its whole life — created from an empty database,
 * converged (no differences), changed, converged again, the change downgraded (equal to the
 * previous schema), and dropped. A row skips a dialect only where the dialect lacks the feature.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../src/config/url.js';
import type { Dialect } from '../../src/dialects/dialect.js';
import {
  blob,
  char,
  check,
  custom,
  foreignKey,
  index,
  integer,
  json,
  jsonb,
  primaryKey,
  table,
  text,
  time,
  timestamp,
  uuid,
  varchar,
} from '../../src/index.js';
import { connectTestDatabase, forEachDialect } from '../helpers/databases.js';
import { dslModel } from '../helpers/dsl-model.js';
import { differences, EMPTY_MODEL, migrateTo, runOperations } from '../helpers/model-migrations.js';

type Tables = (dialect: DialectName) => object[];

interface Feature {
  readonly name: string;
  /** The schema with the feature. */
  readonly before: Tables;
  /** The same schema with the feature changed. */
  readonly after: Tables;
  /** Dialects that lack the feature (each with the reason in a comment). */
  readonly skip?: readonly DialectName[];
}

const FEATURES: readonly Feature[] = [
  {
    name: 'table check constraint',
    before: () => [table('cov_table_check', { qty: integer(), price: integer() }, () => [check('sane', sql`qty > 0 and price >= qty`)])],
    after: () => [table('cov_table_check', { qty: integer(), price: integer() }, () => [check('sane', sql`qty >= 0 and price > qty`)])],
  },
  {
    name: 'column check constraint',
    before: () => [table('cov_column_check', { qty: integer().check(sql`qty > 0`) })],
    after: () => [table('cov_column_check', { qty: integer().check(sql`qty between 1 and 10`) })],
  },
  {
    name: 'table comment',
    before: () => [table('cov_table_comment', { id: integer() }).comment('people')],
    after: () => [table('cov_table_comment', { id: integer() }).comment("people's accounts")],
    skip: ['sqlite'], // SQLite stores no comments.
  },
  {
    name: 'column comment',
    before: () => [table('cov_column_comment', { id: integer().comment('the key') })],
    after: () => [table('cov_column_comment', { id: integer().comment("the key's new meaning") })],
    skip: ['sqlite'], // SQLite stores no comments.
  },
  {
    name: 'identity / auto-increment column',
    before: () => [table('cov_identity', { id: integer().primaryKey().autoIncrement(), name: text() })],
    after: () => [table('cov_identity', { id: integer().primaryKey(), name: text() })],
  },
  {
    name: 'stored generated column',
    before: () => [table('cov_stored', { a: integer(), twice: integer().generatedAs(sql`a * 2`, { stored: true }) })],
    after: () => [table('cov_stored', { a: integer(), twice: integer().generatedAs(sql`a * 3`, { stored: true }) })],
  },
  {
    name: 'virtual generated column',
    before: () => [table('cov_virtual', { a: integer(), twice: integer().generatedAs(sql`a * 2`) })],
    after: () => [table('cov_virtual', { a: integer(), twice: integer().generatedAs(sql`a + 2`) })],
    skip: ['postgres'], // PostgreSQL (before 18) has stored generated columns only.
  },
  {
    name: 'generated column virtual → stored',
    before: () => [table('cov_generated_kind', { a: integer(), twice: integer().generatedAs(sql`a * 2`) })],
    after: () => [table('cov_generated_kind', { a: integer(), twice: integer().generatedAs(sql`a * 2`, { stored: true }) })],
    skip: ['postgres'], // PostgreSQL (before 18) has stored generated columns only.
  },
  {
    name: 'composite primary key',
    before: () => [table('cov_pk', { a: integer(), b: integer(), c: integer().notNull() }, (t) => [primaryKey().on(t.a, t.b)])],
    after: () => [table('cov_pk', { a: integer(), b: integer(), c: integer().notNull() }, (t) => [primaryKey().on(t.a, t.b, t.c)])],
  },
  {
    name: 'composite foreign key',
    before: () => compositeForeignKey(false),
    after: () => compositeForeignKey(true),
  },
  {
    name: 'partial index',
    before: () => [table('cov_partial', { a: integer(), b: integer() }, (t) => [index('ix_cov_partial').on(t.a)])],
    after: () => [table('cov_partial', { a: integer(), b: integer() }, (t) => [index('ix_cov_partial').on(t.a).where(sql`b > 0`)])],
    skip: ['mysql'], // MySQL and MariaDB have no partial indexes.
  },
  {
    name: 'expression index',
    before: () => [table('cov_expression', { name: varchar(50) }, () => [index('ix_cov_expression').on(sql`lower(name)`)])],
    after: () => [table('cov_expression', { name: varchar(50) }, () => [index('ix_cov_expression').on(sql`upper(name)`)])],
    skip: ['mysql'], // MariaDB has no expression indexes (MySQL 8.0.13+ has: untested).
  },
  {
    name: 'index method btree → hash',
    before: () => [table('cov_method', { a: integer() }, (t) => [index('ix_cov_method').on(t.a).using('btree')])],
    after: () => [table('cov_method', { a: integer() }, (t) => [index('ix_cov_method').on(t.a).using('hash')])],
    skip: ['sqlite', 'mysql'], // SQLite has no index methods; InnoDB builds B-trees whatever USING says.
  },
  {
    name: 'index methods gin and gist',
    before: () => [table('cov_gin', { doc: jsonb(), area: custom('box') }, (t) => [index('ix_cov_gin').on(t.doc).using('gin')])],
    after: () => [table('cov_gin', { doc: jsonb(), area: custom('box') }, (t) => [index('ix_cov_gin').on(t.doc).using('gin'), index('ix_cov_gist').on(t.area).using('gist')])],
    skip: ['sqlite', 'mysql'], // gin and gist are PostgreSQL's.
  },
  {
    name: 'DESC index column',
    before: () => [table('cov_desc', { a: integer(), b: integer() }, (t) => [index('ix_cov_desc').on(t.a, t.b)])],
    after: () => [table('cov_desc', { a: integer(), b: integer() }, (t) => [index('ix_cov_desc').on(t.a, t.b.desc())])],
  },
  {
    name: 'char',
    before: () => [table('cov_char', { code: char(2) })],
    after: () => [table('cov_char', { code: char(3).notNull() })],
  },
  {
    name: 'uuid',
    before: () => [table('cov_uuid', { ref: uuid() })],
    after: () => [table('cov_uuid', { ref: uuid().notNull() })],
  },
  {
    name: 'json → jsonb',
    before: () => [table('cov_json', { doc: json() })],
    after: () => [table('cov_json', { doc: jsonb() })],
  },
  {
    name: 'blob / bytea',
    before: () => [table('cov_blob', { data: blob() })],
    after: () => [table('cov_blob', { data: blob().notNull() })],
  },
  {
    name: 'time',
    before: () => [table('cov_time', { opensAt: time() })],
    after: () => [table('cov_time', { opensAt: time().notNull() })],
  },
  {
    name: 'timestamp precision and time zone',
    before: () => [table('cov_timestamp', { at: timestamp({ precision: 3 }) })],
    // MySQL has no timestamp with time zone: its row changes the precision only.
    after: (dialect) => [table('cov_timestamp', { at: timestamp({ withTimezone: dialect !== 'mysql', precision: 6 }) })],
  },
];

function compositeForeignKey(cascade: boolean): object[] {
  const parent = table('cov_fk_parent', { a: integer(), b: integer() }, (t) => [primaryKey().on(t.a, t.b)]);
  const child = table('cov_fk_child', { id: integer().primaryKey(), a: integer(), b: integer() }, (t) => {
    const key = foreignKey().columns(t.a, t.b).references(() => [parent.columns.a, parent.columns.b]);
    return [cascade ? key.onDelete('cascade') : key];
  });
  return [parent, child];
}

forEachDialect(({ dialect: name, database }) => {
  let db: Kysely<any>;
  let dialect: Dialect;

  beforeAll(async () => {
    ({ db, dialect } = await connectTestDatabase(database()));
  });
  afterAll(async () => {
    await db?.destroy();
  });

  for (const feature of FEATURES) {
    const run = feature.skip?.includes(name) ? test.skip : test;
    run(feature.name, async () => {
      const before = dslModel(dialect, feature.before(name));
      const after = dslModel(dialect, feature.after(name));
      const dropBefore = await migrateTo(db, dialect, before);
      expect(await differences(db, dialect, before)).toEqual([]);
      const backToBefore = await migrateTo(db, dialect, after);
      expect(await differences(db, dialect, after)).toEqual([]);
      await runOperations(db, dialect, backToBefore);
      expect(await differences(db, dialect, before)).toEqual([]);
      await runOperations(db, dialect, dropBefore);
      expect(await differences(db, dialect, EMPTY_MODEL)).toEqual([]);
    });
  }
});
