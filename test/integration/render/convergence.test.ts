/**
 * The central property, through the real dialects: render the diff from the live database
 * to a schema, run it, and the database then matches the schema (`check` would be empty);
 * run the inverse and it matches the starting point again — with the rows kept.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../../src/dialects/dialect.js';
import { mysqlDialect } from '../../../src/dialects/mysql/index.js';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js';
import { compareModels } from '../../../src/diff/compare.js';
import type { Column, Model, Table } from '../../../src/model/types.js';
import { describeOperation } from '../../../src/operations/describe.js';
import { invertOperations } from '../../../src/operations/invert.js';
import type { Operation } from '../../../src/operations/types.js';
import { connectTestDatabase, forEachDialect } from '../../helpers/databases.js';
import { executeOperations } from '../../../src/runtime/execute-operations.js';

const EMPTY: Model = { tables: [], enums: [] };

function col(name: string, type: Column['type'], extra: Partial<Column> = {}): Column {
  return { name, type, nullable: true, autoIncrement: false, ...extra };
}

const id = col('id', { kind: 'integer' }, { nullable: false, autoIncrement: true });

/**
 * The same schema on every dialect, except where a dialect cannot express a part: SQLite's
 * collations and virtual-only generated columns; MySQL's lack of partial and (MariaDB)
 * expression indexes — a prefix key part stands in — and of `timestamp with time zone`.
 */
function users(dialect: string): Table {
  const mysql = dialect === 'mysql';
  return {
    name: 'users',
    columns: [
      id,
      col('email', { kind: 'varchar', length: 100 }, { nullable: false }),
      col('name', { kind: 'text' }, { default: { kind: 'literal', value: "O'Brien" } }),
      col('score', { kind: 'integer' }, { nullable: false, default: { kind: 'literal', value: 0 } }),
      col('created_at', { kind: 'timestamp', withTimezone: !mysql }, { default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } }),
      col('price', { kind: 'numeric', precision: 10, scale: 2 }),
      col('active', { kind: 'boolean' }, { nullable: false, default: { kind: 'literal', value: true } }),
      col('code', { kind: 'varchar', length: 20 }, { collation: { sqlite: 'NOCASE', mysql: 'utf8mb4_bin' }[dialect] ?? 'C' }),
      col('twice', { kind: 'integer' }, { generated: { sql: 'score * 2', stored: dialect !== 'sqlite' } }),
    ],
    primaryKey: { name: 'pk_users', columns: ['id'] },
    foreignKeys: [],
    uniques: [{ name: 'uq_users_email', columns: ['email'] }],
    indexes: [
      {
        name: 'ix_users_score_name',
        unique: false,
        parts: [
          { kind: 'column', name: 'score', descending: true },
          { kind: 'expression', sql: mysql ? 'name(10)' : 'lower(name)', descending: false },
        ],
        ...(mysql ? {} : { where: 'score >= 0' }),
      },
    ],
    checks: [{ name: 'ck_users_code', sql: "code IN ('a', 'b')" }],
    ...(dialect !== 'sqlite' ? { comment: "The users' table" } : {}),
  };
}

/** MySQL indexes text only with a prefix length: the uniquely titled posts use varchar there. */
const posts = (dialect: string): Table => ({
  name: 'posts',
  columns: [
    id,
    col('author_id', { kind: 'integer' }, { nullable: false }),
    col('title', dialect === 'mysql' ? { kind: 'varchar', length: 200 } : { kind: 'text' }),
  ],
  primaryKey: { name: 'pk_posts', columns: ['id'] },
  foreignKeys: [
    { name: 'fk_posts_author_id_users', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade' },
  ],
  uniques: [],
  indexes: [],
  checks: [],
});

function first(dialect: string): Model {
  // PostgreSQL creates the type; MySQL writes the values inline into the column's type.
  const enums = dialect !== 'sqlite' ? [{ name: 'mood', values: ['sad', 'happy'] }] : [];
  const feelings: Table[] =
    dialect !== 'sqlite'
      ? [
          {
            name: 'feelings',
            columns: [id, col('how', { kind: 'enum', ...enums[0]! }, { default: { kind: 'literal', value: 'happy' }, comment: 'How?' })],
            primaryKey: { name: 'pk_feelings', columns: ['id'] },
            foreignKeys: [],
            uniques: [],
            indexes: [],
            checks: [],
          },
        ]
      : [];
  return { tables: [...feelings, posts(dialect), users(dialect)], enums };
}

/** The second schema: a type change, a new not-null column with a default, a dropped index, a new key. */
function second(dialect: string): Model {
  const base = first(dialect);
  const changedUsers = users(dialect);
  const mood = ['sad', 'meh', 'happy'];
  return {
    enums: base.enums.map((e) => ({ ...e, values: mood })),
    tables: base.tables.map((table) => {
      if (table.name === 'feelings' && dialect === 'mysql') {
        // An inline enum's values are its column's type.
        return { ...table, columns: table.columns.map((c) => (c.name === 'how' ? { ...c, type: { kind: 'enum', name: 'mood', values: mood } as const } : c)) };
      }
      if (table.name === 'users') {
        return {
          ...changedUsers,
          columns: changedUsers.columns.map((c) => (c.name === 'email' ? { ...c, type: { kind: 'varchar', length: 255 } as const } : c)),
          indexes: [],
          checks: [],
        };
      }
      if (table.name === 'posts') {
        const base = posts(dialect);
        return {
          ...base,
          columns: [...base.columns, col('status', { kind: 'text' }, { nullable: false, default: { kind: 'literal', value: 'draft' } })],
          uniques: [{ name: 'uq_posts_title', columns: ['title'] }],
        };
      }
      return table;
    }),
  };
}


forEachDialect((ctx) => {
  let db: Kysely<any>;
  const dialect = (): Dialect => ({ sqlite: sqliteDialect, postgres: postgresDialect, mysql: mysqlDialect })[ctx.dialect];

  beforeAll(async () => {
    ({ db } = await connectTestDatabase(ctx.database()));
  });

  afterAll(async () => {
    await db?.destroy();
  });

  async function run(ops: readonly Operation[]): Promise<void> {
    // As the runtime does for SQLite rebuilds: foreign keys off around the change.
    if (ctx.dialect === 'sqlite') await sql`PRAGMA foreign_keys = OFF`.execute(db);
    await executeOperations(db, ops, dialect().renderer);
    if (ctx.dialect === 'sqlite') await sql`PRAGMA foreign_keys = ON`.execute(db);
  }

  async function introspect(): Promise<Model> {
    return dialect().introspect(db, { isExcluded: () => false });
  }

  /** The schema as the server stores it: created in a scratch namespace and read back. */
  async function canonicalize(schema: Model): Promise<Model> {
    return dialect().canonicalize(db, async (scratch) => {
      // Lowered, as autogenerate does (MySQL has no enumeration types to create).
      const creates = dialect().lower(compareModels(EMPTY, schema), EMPTY);
      await executeOperations(scratch, creates, dialect().renderer);
    });
  }

  /** What `check` would report: compared with the canonical form and its own canonical form. */
  async function differences(schema: Model): Promise<string[]> {
    const canonical = await canonicalize(schema);
    const recanonical = await canonicalize(canonical);
    return compareModels(await introspect(), schema, { canonical: [canonical, recanonical] }).map(describeOperation);
  }

  async function upgradeTo(schema: Model): Promise<Operation[]> {
    const before = await introspect();
    const ops = dialect().lower(compareModels(before, schema), before);
    await run(ops);
    return ops;
  }

  test('from empty to the first schema and back', async () => {
    const upgrade = await upgradeTo(first(ctx.dialect));
    expect(await differences(first(ctx.dialect))).toEqual([]);
    await run(invertOperations(upgrade));
    expect(await differences(EMPTY)).toEqual([]);
  });

  test('from the first schema to the second and back, keeping rows', async () => {
    await upgradeTo(first(ctx.dialect));
    await db.insertInto('users').values({ email: 'a@x', code: 'a' }).execute();
    await db.insertInto('posts').values({ author_id: 1, title: 'Hello' }).execute();

    const before = await introspect();
    const upgrade = dialect().lower(compareModels(before, second(ctx.dialect)), before);
    await run(upgrade);
    expect(await differences(second(ctx.dialect))).toEqual([]);
    expect(await db.selectFrom('posts').select(['title', 'status']).execute()).toEqual([{ title: 'Hello', status: 'draft' }]);

    await run(invertOperations(upgrade));
    expect(await differences(first(ctx.dialect))).toEqual([]);
    expect(await db.selectFrom('users').select(['email', 'code', 'twice']).execute()).toEqual([{ email: 'a@x', code: 'a', twice: 0 }]);
    expect(await db.selectFrom('posts').select('title').execute()).toEqual([{ title: 'Hello' }]);
  });
});
