/**
 * Rendered operation bodies, evaluated as the runtime evaluates them
 * (through `executeOperations`, as schemigrate runs them), against real SQLite and PostgreSQL databases;
 * results are read back with plain catalog queries.
 */
import { sql, type Kysely } from 'kysely';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js';
import type { Column, Table } from '../../../src/model/types.js';
import { invertOperations } from '../../../src/operations/invert.js';
import type { Operation } from '../../../src/operations/types.js';
import type { OperationRenderer } from '../../../src/render/operation-renderer.js';
import { connectTestDatabase, forEachDialect } from '../../helpers/databases.js';
import { executeOperations } from '../../../src/runtime/execute-operations.js';

function col(name: string, type: Column['type'], extra: Partial<Column> = {}): Column {
  return { name, type, nullable: true, autoIncrement: false, ...extra };
}

const users: Table = {
  name: 'users',
  columns: [
    col('id', { kind: 'integer' }, { nullable: false, autoIncrement: true }),
    col('email', { kind: 'varchar', length: 100 }, { nullable: false }),
    col('name', { kind: 'text' }, { default: { kind: 'literal', value: "O'Brien `${x}` \\" } }),
    col('score', { kind: 'integer' }, { nullable: false, default: { kind: 'literal', value: 0 } }),
    col('created_at', { kind: 'text' }, { default: { kind: 'expression', sql: "lower('NOW')" } }),
    col('double_score', { kind: 'integer' }, { generated: { sql: 'score * 2', stored: true } }),
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
        { kind: 'expression', sql: 'lower(name)', descending: false },
      ],
      where: 'score >= 0',
    },
  ],
  checks: [{ name: 'ck_users_score', sql: 'score >= 0' }],
};

const posts: Table = {
  name: 'posts',
  columns: [
    col('id', { kind: 'integer' }, { nullable: false, autoIncrement: true }),
    col('author_id', { kind: 'integer' }, { nullable: false }),
    col('title', { kind: 'varchar', length: 200 }, { nullable: false }),
  ],
  primaryKey: { name: 'pk_posts', columns: ['id'] },
  foreignKeys: [
    { name: 'fk_posts_author_id_users', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade' },
  ],
  uniques: [],
  indexes: [{ name: 'ix_posts_title', unique: false, parts: [{ kind: 'column', name: 'title', descending: false }] }],
  checks: [],
};

async function run(db: Kysely<any>, ops: readonly Operation[], renderer: OperationRenderer): Promise<void> {
  await executeOperations(db, ops, renderer);
}

async function rows<T>(db: Kysely<any>, query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

/**
 * Whether a statement is refused. Not `rejects.toThrow()`: once better-sqlite3 is loaded in a
 * jest worker, its errors come from another realm and jest may not recognise them as thrown.
 */
async function fails(promise: Promise<unknown>): Promise<boolean> {
  return promise.then(
    () => false,
    () => true,
  );
}


// SQLite and PostgreSQL only: these tests read each one's own catalog and exercise its own way of
// altering (rebuilds, in-place ALTERs). MySQL's rendered bodies have their own file,
// test/integration/mysql/render.test.ts, and all three share test/integration/render/convergence.test.ts.
forEachDialect((ctx) => {
  let db: Kysely<any>;
  const ddl = (): OperationRenderer => (ctx.dialect === 'sqlite' ? sqliteDialect : postgresDialect).renderer;
  const postgresOnly = ctx.dialect === 'postgres' ? test : test.skip;

  beforeAll(async () => {
    ({ db } = await connectTestDatabase(ctx.database()));
  });

  afterAll(async () => {
    await db?.destroy();
  });

  test('createTable with keys, checks, defaults, generated columns and indexes runs and behaves', async () => {
    await run(db, [{ kind: 'createTable', table: users }, { kind: 'createTable', table: posts }], ddl());
    await db.insertInto('users').values({ email: 'a@x' }).execute();
    await db.insertInto('posts').values({ author_id: 1, title: 'Hello' }).execute();
    const [user] = await db.selectFrom('users').selectAll().execute();
    expect(user).toMatchObject({ id: 1, name: "O'Brien `${x}` \\", score: 0, created_at: 'now', double_score: 0 });
    expect(await fails(db.insertInto('users').values({ email: 'a@x' }).execute())).toBe(true);
    expect(await fails(db.insertInto('users').values({ email: 'b@x', score: -1 }).execute())).toBe(true);
    // ON DELETE CASCADE came through.
    await db.deleteFrom('users').execute();
    expect(await db.selectFrom('posts').selectAll().execute()).toEqual([]);

    const indexSql =
      ctx.dialect === 'sqlite'
        ? await rows<{ sql: string }>(db, sql`SELECT sql FROM sqlite_master WHERE name = 'ix_users_score_name'`)
        : await rows<{ sql: string }>(db, sql`SELECT indexdef AS sql FROM pg_indexes WHERE indexname = 'ix_users_score_name'`);
    expect(indexSql[0]!.sql).toMatch(/\bscore"? desc, \(?lower\(name\)\)?\) where \(?score >= 0/i);
  });

  test('a column-level autoincrement key on SQLite, an identity with a named key on PostgreSQL', async () => {
    if (ctx.dialect === 'sqlite') {
      const [table] = await rows<{ sql: string }>(db, sql`SELECT sql FROM sqlite_master WHERE name = 'users'`);
      expect(table!.sql).toMatch(/"id" integer not null primary key autoincrement/i);
    } else {
      const keys = await rows<{ conname: string }>(db, sql`SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid IN ('users'::regclass, 'posts'::regclass) ORDER BY conname`);
      expect(keys.map((k) => k.conname)).toEqual(['pk_posts', 'pk_users']);
      const [identity] = await rows<{ is_identity: string }>(
        db,
        sql`SELECT is_identity FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'id'`,
      );
      expect(identity!.is_identity).toBe('YES');
    }
  });

  test('changing a column keeps the rows: rebuild on SQLite, in-place ALTERs on PostgreSQL', async () => {
    await db.insertInto('users').values({ email: 'c@x', score: 5 }).execute();
    const from = users.columns[1]!;
    const to: Column = { ...from, type: { kind: 'text' }, nullable: true, default: { kind: 'literal', value: 'none' } };
    const after: Table = { ...users, columns: users.columns.map((c) => (c.name === 'email' ? to : c)) };
    const change: Operation[] =
      ctx.dialect === 'sqlite'
        ? [{ kind: 'rebuildTable', from: users, to: after, reasons: ['change a column type'] }]
        : [{ kind: 'alterColumn', table: 'users', from, to }];
    await run(db, change, ddl());
    expect(await db.selectFrom('users').select(['email', 'score', 'double_score']).execute()).toEqual([
      { email: 'c@x', score: 5, double_score: 10 },
    ]);
    await db.insertInto('users').values({ score: 1 }).execute();
    expect(await db.selectFrom('users').select('email').where('score', '=', 1).execute()).toEqual([{ email: 'none' }]);
    // Indexes came back (SQLite drops them with the old table).
    const indexes =
      ctx.dialect === 'sqlite'
        ? await rows<{ name: string }>(db, sql`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'users' AND sql IS NOT NULL`)
        : await rows<{ name: string }>(db, sql`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'users' AND indexname LIKE 'ix_%'`);
    expect(indexes.map((i) => i.name)).toEqual(['ix_users_score_name']);

    await db.deleteFrom('users').where('score', '=', 1).execute();
    await run(db, invertOperations(change), ddl());
    expect(await fails(db.insertInto('users').values({ score: 2 }).execute())).toBe(true);
  });

  test('posts reference the rebuilt or altered users table still', async () => {
    const [author] = await db.selectFrom('users').select('id').execute();
    await db.insertInto('posts').values({ author_id: author!.id, title: 'Kept' }).execute();
    await db.deleteFrom('users').execute();
    expect(await db.selectFrom('posts').selectAll().execute()).toEqual([]);
  });

  postgresOnly('PostgreSQL: type changes cast, identity is added after existing rows, comments are set', async () => {
    await sql`CREATE TABLE legacy (id integer NOT NULL, code text DEFAULT '7')`.execute(db);
    await sql`INSERT INTO legacy (id, code) VALUES (1, '42'), (2, '9')`.execute(db);
    const id = col('id', { kind: 'integer' }, { nullable: false });
    const code = col('code', { kind: 'text' }, { default: { kind: 'literal', value: '7' } });
    const ops: Operation[] = [
      { kind: 'alterColumn', table: 'legacy', from: code, to: { ...code, type: { kind: 'integer' }, default: { kind: 'literal', value: 7 }, comment: 'A code' } },
      { kind: 'alterColumn', table: 'legacy', from: id, to: { ...id, autoIncrement: true } },
      { kind: 'setTableComment', table: 'legacy', to: "Old stuff's table" },
    ];
    await run(db, ops, postgresDialect.renderer);
    await sql`INSERT INTO legacy DEFAULT VALUES`.execute(db);
    expect(await db.selectFrom('legacy').selectAll().orderBy('id').execute()).toEqual([
      { id: 1, code: 42 },
      { id: 2, code: 9 },
      { id: 3, code: 7 },
    ]);
    const [comments] = await rows<{ t: string; c: string }>(
      db,
      sql`SELECT obj_description('legacy'::regclass, 'pg_class') AS t, col_description('legacy'::regclass, 2) AS c`,
    );
    expect(comments).toEqual({ t: "Old stuff's table", c: 'A code' });
    await run(db, invertOperations(ops), postgresDialect.renderer);
    const [back] = await rows<{ data_type: string; column_default: string }>(
      db,
      sql`SELECT data_type, column_default FROM information_schema.columns WHERE table_name = 'legacy' AND column_name = 'code'`,
    );
    expect(back).toEqual({ data_type: 'text', column_default: "'7'::text" });
  });

  postgresOnly('PostgreSQL: a collation change alone re-types the column in place', async () => {
    await sql`CREATE TABLE labels (name varchar(20) DEFAULT 'x')`.execute(db);
    const name = col('name', { kind: 'varchar', length: 20 }, { default: { kind: 'literal', value: 'x' } });
    const op: Operation = { kind: 'alterColumn', table: 'labels', from: name, to: { ...name, collation: 'C' } };
    await run(db, [op], postgresDialect.renderer);
    const collation = async () =>
      (await rows<{ c: string | null }>(db, sql`SELECT collation_name AS c FROM information_schema.columns WHERE table_name = 'labels'`))[0]!.c;
    expect(await collation()).toBe('C');
    await run(db, invertOperations([op]), postgresDialect.renderer);
    expect(await collation()).toBeNull();
  });

  postgresOnly('PostgreSQL: enums gain values in place and lose them by swapping types', async () => {
    const mood = { name: 'mood', values: ['sad', 'happy'] };
    const moodType: Column['type'] = { kind: 'enum', ...mood };
    const feelings: Table = {
      name: 'feelings',
      columns: [col('how', moodType, { nullable: false, default: { kind: 'expression', sql: "'happy'::mood" } })],
      foreignKeys: [],
      uniques: [],
      indexes: [],
      checks: [],
    };
    await run(db, [{ kind: 'createEnum', enum: mood }, { kind: 'createTable', table: feelings }], postgresDialect.renderer);
    await sql`INSERT INTO feelings VALUES ('sad'), (DEFAULT)`.execute(db);
    await run(db, [{ kind: 'alterEnum', from: mood, to: { name: 'mood', values: ['meh', 'sad', 'happy', 'great'] } }], postgresDialect.renderer);
    const labels = async () =>
      (await rows<{ v: string }>(db, sql`SELECT unnest(enum_range(NULL::mood))::text AS v`)).map((r) => r.v);
    expect(await labels()).toEqual(['meh', 'sad', 'happy', 'great']);
    await run(db, [{ kind: 'alterEnum', from: { name: 'mood', values: ['meh', 'sad', 'happy', 'great'] }, to: { name: 'mood', values: ['happy', 'sad'] } }], postgresDialect.renderer);
    expect(await labels()).toEqual(['happy', 'sad']);
    await sql`INSERT INTO feelings DEFAULT VALUES`.execute(db);
    expect((await rows<{ how: string }>(db, sql`SELECT how::text FROM feelings ORDER BY how`)).map((r) => r.how)).toEqual([
      'happy',
      'happy',
      'sad',
    ]);
    const types = await rows<{ typname: string }>(db, sql`SELECT typname FROM pg_type WHERE typname LIKE 'mood%' AND typtype = 'e'`);
    expect(types).toEqual([{ typname: 'mood' }]);
  });

  test('dropping everything in the inverse order leaves no tables', async () => {
    await run(db, invertOperations([{ kind: 'createTable', table: users }, { kind: 'createTable', table: posts }]), ddl());
    const left =
      ctx.dialect === 'sqlite'
        ? await rows<{ name: string }>(db, sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'posts')`)
        : await rows<{ name: string }>(db, sql`SELECT tablename AS name FROM pg_tables WHERE tablename IN ('users', 'posts')`);
    expect(left).toEqual([]);
  });
}, ['sqlite', 'postgres']);
