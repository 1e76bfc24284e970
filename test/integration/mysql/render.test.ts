/**
 * Rendered operation bodies on MariaDB, evaluated as the runtime evaluates them
 * (through `executeOperations`, as schemigrate runs them), read back through information_schema: columns
 * modified whole, constraints dropped by kind, foreign keys lifted around the indexes they
 * rely on, inline comments and enums, literal defaults on TEXT.
 */
import { sql } from 'kysely';
import { mysqlDialect } from '../../../src/dialects/mysql/index.js';
import type { Column, Table } from '../../../src/model/types.js';
import { invertOperations } from '../../../src/operations/invert.js';
import type { Operation } from '../../../src/operations/types.js';
import { useFreshDatabase } from './fresh-database.js';
import { executeOperations } from '../../../src/runtime/execute-operations.js';
import { describeWithServer } from '../../helpers/databases.js';

const fresh = useFreshDatabase();

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
    col('mood', { kind: 'enum', name: 'mood', values: ['sad', "it's ok"] }, { default: { kind: 'literal', value: "it's ok" } }),
    col('double_score', { kind: 'integer' }, { generated: { sql: 'score * 2', stored: true }, comment: 'twice the score' }),
  ],
  primaryKey: { columns: ['id'] },
  foreignKeys: [],
  uniques: [{ name: 'uq_users_email', columns: ['email'] }],
  indexes: [
    {
      name: 'ix_users_score_name',
      unique: false,
      parts: [
        { kind: 'column', name: 'score', descending: true },
        { kind: 'expression', sql: 'name(10)', descending: false },
      ],
    },
  ],
  checks: [{ name: 'ck_users_score', sql: 'score >= 0' }],
  comment: "The users' table",
};

const posts: Table = {
  name: 'posts',
  columns: [
    col('id', { kind: 'integer' }, { nullable: false, autoIncrement: true }),
    col('author_id', { kind: 'integer' }, { nullable: false }),
    col('title', { kind: 'varchar', length: 200 }, { nullable: false }),
  ],
  primaryKey: { columns: ['id'] },
  foreignKeys: [
    { name: 'fk_posts_author_id_users', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade' },
  ],
  uniques: [{ name: 'uq_posts_author_title', columns: ['author_id', 'title'] }],
  indexes: [],
  checks: [],
};

async function run(ops: readonly Operation[]): Promise<void> {
  await executeOperations(fresh().db, ops, mysqlDialect.renderer);
}

async function fails(promise: Promise<unknown>): Promise<boolean> {
  return promise.then(
    () => false,
    () => true,
  );
}

async function constraintNames(table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select constraint_name as \`name\` from information_schema.table_constraints
    where table_schema = database() and table_name = ${table} order by constraint_name`.execute(fresh().db);
  return rows.map((row) => row.name);
}

describeWithServer('mysql')('mysql rendered bodies', () => {
  test('createTable with keys, checks, defaults, enums, comments, generated columns and a prefix index runs and behaves', async () => {
    const { db } = fresh();
    await run([{ kind: 'createTable', table: users }, { kind: 'createTable', table: posts }]);
    await db.insertInto('users').values({ email: 'a@x' }).execute();
    const [user] = await db.selectFrom('users').selectAll().execute();
    expect(user).toMatchObject({ id: 1, name: "O'Brien `${x}` \\", score: 0, mood: "it's ok", double_score: 0 });
    expect(await fails(db.insertInto('users').values({ email: 'a@x' }).execute())).toBe(true);
    expect(await fails(db.insertInto('users').values({ email: 'b@x', score: -1 }).execute())).toBe(true);
    expect(await fails(db.insertInto('users').values({ email: 'c@x', mood: 'glad' }).execute())).toBe(true);
    await db.insertInto('posts').values({ author_id: 1, title: 'Hello' }).execute();
    await db.deleteFrom('users').execute();
    expect(await db.selectFrom('posts').selectAll().execute()).toEqual([]);

    const model = await mysqlDialect.introspect(db, { isExcluded: () => false });
    const readUsers = model.tables.find((table) => table.name === 'users')!;
    expect(readUsers.comment).toBe("The users' table");
    expect(readUsers.columns.find((column) => column.name === 'double_score')?.comment).toBe('twice the score');
    expect(readUsers.indexes[0]!.parts).toEqual([
      { kind: 'column', name: 'score', descending: true },
      { kind: 'expression', sql: '"name"(10)', descending: false },
    ]);
    const { rows } = await sql<{ extra: string }>`
      select extra as \`extra\` from information_schema.columns
      where table_schema = database() and table_name = 'users' and column_name = 'id'`.execute(db);
    expect(rows[0]!.extra).toBe('auto_increment');
  });

  test('alterColumn modifies the whole column and keeps the rows; the inverse restores it', async () => {
    const { db } = fresh();
    await db.insertInto('users').values({ email: 'c@x', score: 5 }).execute();
    const from = users.columns[1]!;
    const to: Column = { ...from, type: { kind: 'varchar', length: 255 }, nullable: true, default: { kind: 'literal', value: 'none' }, comment: 'Login' };
    const change: Operation[] = [{ kind: 'alterColumn', table: 'users', from, to }];
    await run(change);
    await db.insertInto('users').values({ score: 1 }).execute();
    expect(await db.selectFrom('users').select(['email', 'score', 'double_score']).orderBy('score').execute()).toEqual([
      { email: 'none', score: 1, double_score: 2 },
      { email: 'c@x', score: 5, double_score: 10 },
    ]);
    await db.deleteFrom('users').where('score', '=', 1).execute();
    await run(invertOperations(change));
    expect(await fails(db.insertInto('users').values({ score: 2 }).execute())).toBe(true);
    const model = await mysqlDialect.introspect(db, { isExcluded: () => false });
    expect(model.tables.find((table) => table.name === 'users')!.columns[1]).toEqual(from);
  });

  test('constraints are dropped by kind and come back with the inverse', async () => {
    const drops: Operation[] = [
      { kind: 'dropForeignKey', table: 'posts', foreignKey: posts.foreignKeys[0]! },
      { kind: 'dropUnique', table: 'users', unique: users.uniques[0]! },
      { kind: 'dropCheck', table: 'users', check: users.checks[0]! },
    ];
    await run(drops);
    expect(await constraintNames('users')).toEqual(['PRIMARY']);
    await run(invertOperations(drops));
    expect(await constraintNames('users')).toEqual(['ck_users_score', 'PRIMARY', 'uq_users_email']);
    expect(await constraintNames('posts')).toContain('fk_posts_author_id_users');

    const dropKey: Operation[] = [
      { kind: 'alterColumn', table: 'posts', from: posts.columns[0]!, to: { ...posts.columns[0]!, autoIncrement: false } },
      { kind: 'dropPrimaryKey', table: 'posts', primaryKey: posts.primaryKey! },
    ];
    await run(dropKey);
    expect(await constraintNames('posts')).not.toContain('PRIMARY');
    await run(invertOperations(dropKey));
    expect(await constraintNames('posts')).toContain('PRIMARY');
  });

  test('dropping the only index a foreign key uses lifts the key around it (error 1553 otherwise)', async () => {
    const { db } = fresh();
    const before = await mysqlDialect.introspect(db, { isExcluded: () => false });
    const drop: Operation[] = [{ kind: 'dropUnique', table: 'posts', unique: posts.uniques[0]! }];
    const lowered = mysqlDialect.lower(drop, before);
    expect(lowered.map((op) => op.kind)).toEqual(['dropForeignKey', 'dropUnique', 'addForeignKey']);
    await run(lowered);
    const after = await mysqlDialect.introspect(db, { isExcluded: () => false });
    const readPosts = after.tables.find((table) => table.name === 'posts')!;
    expect(readPosts.uniques).toEqual([]);
    expect(readPosts.foreignKeys).toEqual(posts.foreignKeys);
  });

  test('retyping the columns on both sides of a foreign key lifts the key around the change (errors 1832/1833 otherwise)', async () => {
    const { db } = fresh();
    const before = await mysqlDialect.introspect(db, { isExcluded: () => false });
    const readPosts = before.tables.find((table) => table.name === 'posts')!;
    const readUsers = before.tables.find((table) => table.name === 'users')!;
    const authorId = readPosts.columns.find((column) => column.name === 'author_id')!;
    const userId = readUsers.columns.find((column) => column.name === 'id')!;
    const widen: Operation[] = [
      { kind: 'alterColumn', table: 'users', from: userId, to: { ...userId, type: { kind: 'bigint' } } },
      { kind: 'alterColumn', table: 'posts', from: authorId, to: { ...authorId, type: { kind: 'bigint' } } },
    ];
    const lowered = mysqlDialect.lower(widen, before);
    expect(lowered.map((op) => op.kind)).toEqual(['dropForeignKey', 'alterColumn', 'alterColumn', 'addForeignKey']);
    await run(lowered);
    const after = await mysqlDialect.introspect(db, { isExcluded: () => false });
    const afterPosts = after.tables.find((table) => table.name === 'posts')!;
    expect(afterPosts.columns.find((column) => column.name === 'author_id')!.type).toEqual({ kind: 'bigint' });
    expect(afterPosts.foreignKeys).toEqual(posts.foreignKeys);
    // Nullability alone needs no lifting.
    expect(mysqlDialect.lower([{ kind: 'alterColumn', table: 'posts', from: authorId, to: { ...authorId, nullable: true } }], before)).toHaveLength(1);
  });

  test('dropping everything in the inverse order leaves no tables', async () => {
    await run(invertOperations([{ kind: 'createTable', table: users }, { kind: 'createTable', table: posts }]));
    const { rows } = await sql<{ n: number }>`
      select count(*) as \`n\` from information_schema.tables where table_schema = database()`.execute(fresh().db);
    expect(Number(rows[0]!.n)).toBe(0);
  });
});
