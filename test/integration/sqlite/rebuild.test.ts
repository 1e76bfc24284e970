/**
 * End to end on a real file: generic operations → `lower` → the renderer's Kysely code →
 * `runRevision`, then introspection must show exactly the table `lower` promised, with every
 * row (parent and child) still there.
 */
import { sql, type Kysely } from 'kysely';
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js';
import type { Column, Table } from '../../../src/model/types.js';
import type { Operation } from '../../../src/operations/types.js';
import { executeOperations } from '../../../src/runtime/execute-operations.js';
import { openTestDatabase, runScript, type OpenSqliteDatabase } from './open-test-database.js';

const SCHEMA = `
  CREATE TABLE users (
    id integer PRIMARY KEY AUTOINCREMENT,
    email varchar(255),
    name text NOT NULL DEFAULT 'anon',
    CONSTRAINT ck_users_name CHECK (length(name) > 0)
  );
  CREATE INDEX ix_users_name ON users (name);
  CREATE TABLE posts (
    id integer PRIMARY KEY,
    author_id integer NOT NULL CONSTRAINT fk_posts_author_id_users REFERENCES users (id) ON DELETE CASCADE,
    title text
  );
  INSERT INTO users (id, email, name) VALUES (1, 'a@x', 'Ann'), (2, 'b@x', 'Bob');
  INSERT INTO posts (id, author_id, title) VALUES (10, 1, 'one'), (11, 1, 'two'), (12, 2, 'three')
`;

async function introspect(db: Kysely<any>): Promise<Map<string, Table>> {
  const model = await sqliteDialect.introspect(db, { isExcluded: () => false });
  return new Map(model.tables.map((t) => [t.name, t]));
}

async function count(db: Kysely<any>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return rows[0]!.n;
}

function column(table: Table, name: string): Column {
  return table.columns.find((c) => c.name === name)!;
}

describe('sqlite rebuilds, rendered and run', () => {
  let open: OpenSqliteDatabase;
  let before: Map<string, Table>;

  beforeEach(async () => {
    open = await openTestDatabase();
    await runScript(open.db, SCHEMA);
    before = await introspect(open.db);
  });

  afterEach(async () => {
    await open.close();
  });

  /** Lower, render and run `operations`; return the lowered list and the tables afterwards. */
  async function apply(operations: (tables: Map<string, Table>) => Operation[]) {
    const lowered = sqliteDialect.lower(operations(before), { tables: [...before.values()], enums: [] });
    await sqliteDialect.runRevision(open.db, { transactional: true }, (db) => executeOperations(db, lowered, sqliteDialect.renderer));
    return { lowered, after: await introspect(open.db) };
  }

  async function expectRowsKept(): Promise<void> {
    expect(await count(open.db, 'users')).toBe(2);
    expect(await count(open.db, 'posts')).toBe(3);
  }

  function theRebuild(lowered: Operation[]): Extract<Operation, { kind: 'rebuildTable' }> {
    const rebuilds = lowered.filter((op) => op.kind === 'rebuildTable');
    expect(rebuilds).toHaveLength(1);
    return rebuilds[0] as Extract<Operation, { kind: 'rebuildTable' }>;
  }

  test('the parent table: alter a column type and nullability, add a unique constraint', async () => {
    const { lowered, after } = await apply((t) => {
      const email = column(t.get('users')!, 'email');
      return [
        { kind: 'alterColumn', table: 'users', from: email, to: { ...email, nullable: false, type: { kind: 'text' } } },
        { kind: 'addUnique', table: 'users', unique: { name: 'uq_users_email', columns: ['email'] } },
      ];
    });
    const rebuild = theRebuild(lowered);
    expect(after.get('users')).toEqual(rebuild.to);
    expect(column(after.get('users')!, 'email')).toMatchObject({ nullable: false, type: { kind: 'text' } });
    expect(after.get('users')!.uniques).toEqual([{ name: 'uq_users_email', columns: ['email'] }]);
    await expectRowsKept();
  });

  test('the child table: add a check and a foreign key on a new column', async () => {
    const editor: Column = { name: 'editor_id', type: { kind: 'integer' }, nullable: true, autoIncrement: false };
    const { lowered, after } = await apply(() => [
      { kind: 'addColumn', table: 'posts', column: editor },
      {
        kind: 'addForeignKey',
        table: 'posts',
        foreignKey: { name: 'fk_posts_editor_id_users', columns: ['editor_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'set null' },
      },
      { kind: 'addCheck', table: 'posts', check: { name: 'ck_posts_title', sql: "title <> ''" } },
    ]);
    expect(after.get('posts')).toEqual(theRebuild(lowered).to);
    await expectRowsKept();
  });

  test('drop an indexed column named in a check, and add a NOT NULL column defaulting to CURRENT_TIMESTAMP', async () => {
    const { lowered, after } = await apply((t) => {
      const users = t.get('users')!;
      return [
        { kind: 'dropIndex', table: 'users', index: users.indexes[0]! },
        { kind: 'dropCheck', table: 'users', check: users.checks[0]! },
        { kind: 'dropColumn', table: 'users', column: column(users, 'name') },
        {
          kind: 'addColumn',
          table: 'users',
          column: { name: 'joined', type: { kind: 'timestamp', withTimezone: false }, nullable: false, autoIncrement: false, default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } },
        },
      ];
    });
    const rebuild = theRebuild(lowered);
    expect(rebuild.reasons).toEqual(['drop check ck_users_name', 'add column joined (non-constant default)']);
    expect(after.get('users')).toEqual(rebuild.to);
    expect(after.get('users')!.columns.map((c) => c.name)).toEqual(['id', 'email', 'joined']);
    await expectRowsKept();
  });

  test('rename the table and a column natively, then rebuild for a nullability change', async () => {
    const { lowered, after } = await apply((t) => {
      const name = column(t.get('users')!, 'name');
      return [
        { kind: 'renameTable', from: 'users', to: 'people' },
        { kind: 'renameColumn', table: 'people', from: 'name', to: 'full_name' },
        { kind: 'alterColumn', table: 'people', from: { ...name, name: 'full_name' }, to: { ...name, name: 'full_name', nullable: true } },
      ];
    });
    expect(lowered.map((op) => op.kind)).toEqual(['renameTable', 'renameColumn', 'rebuildTable']);
    expect(after.get('people')).toEqual(theRebuild(lowered).to);
    expect(after.get('posts')!.foreignKeys[0]!.referencedTable).toBe('people');
    expect(await count(open.db, 'people')).toBe(2);
    expect(await count(open.db, 'posts')).toBe(3);
  });

  test('operations SQLite runs natively pass through and run', async () => {
    const { lowered, after } = await apply(() => [
      { kind: 'addColumn', table: 'posts', column: { name: 'views', type: { kind: 'integer' }, nullable: false, autoIncrement: false, default: { kind: 'literal', value: 0 } } },
      { kind: 'dropColumn', table: 'posts', column: { name: 'title', type: { kind: 'text' }, nullable: true, autoIncrement: false } },
      { kind: 'createIndex', table: 'posts', index: { name: 'ix_posts_views', unique: false, parts: [{ kind: 'expression', sql: 'views * 2', descending: true }], where: 'views > 0' } },
    ]);
    expect(lowered.map((op) => op.kind)).toEqual(['addColumn', 'dropColumn', 'createIndex']);
    expect(after.get('posts')!.columns.map((c) => c.name)).toEqual(['id', 'author_id', 'views']);
    expect(after.get('posts')!.indexes).toEqual([
      { name: 'ix_posts_views', unique: false, parts: [{ kind: 'expression', sql: 'views * 2', descending: true }], where: 'views > 0' },
    ]);
    await expectRowsKept();
  });
});

describe('sqlite rebuilds keep what the table had', () => {
  let open: OpenSqliteDatabase;

  beforeEach(async () => {
    open = await openTestDatabase();
    await runScript(open.db, SCHEMA);
    await runScript(open.db, 'CREATE TABLE audit (entry text)');
    // A trigger body holds `;`, which runScript splits on.
    await sql.raw(`CREATE TRIGGER audit_email AFTER INSERT ON users BEGIN INSERT INTO audit VALUES ('new ' || new.email); END`).execute(open.db);
  });

  afterEach(async () => {
    await open.close();
  });

  async function rows(query: string): Promise<unknown[]> {
    return (await sql.raw(query).execute(open.db)).rows;
  }

  /** Lower and run `operations` on the database as it is now (a revision of its own). */
  async function run(operations: (tables: Map<string, Table>) => Operation[]): Promise<void> {
    const tables = await introspect(open.db);
    const lowered = sqliteDialect.lower(operations(tables), { tables: [...tables.values()], enums: [] });
    expect(lowered.map((op) => op.kind)).toContain('rebuildTable');
    await sqliteDialect.runRevision(open.db, { transactional: true }, (db) => executeOperations(db, lowered, sqliteDialect.renderer));
  }

  const makeEmailRequired = (t: Map<string, Table>): Operation[] => {
    const email = column(t.get('users')!, 'email');
    return [{ kind: 'alterColumn', table: 'users', from: email, to: { ...email, nullable: false } }];
  };

  test('its triggers are re-created in their own SQL and still fire', async () => {
    const before = await rows("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'");
    await run(makeEmailRequired);
    expect(await rows("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).toEqual(before);
    await sql`INSERT INTO users (email, name) VALUES ('c@x', 'Cy')`.execute(open.db);
    expect(await rows('SELECT entry FROM audit')).toEqual([{ entry: 'new c@x' }]);
  });

  test('a trigger naming a dropped column fails the revision, named, and leaves the table and its rows as they were', async () => {
    const before = await rows('SELECT * FROM users ORDER BY id');
    const definitions = await rows("SELECT type, name, sql FROM sqlite_master ORDER BY name");
    const failure = run((t) => {
      const users = t.get('users')!;
      return [
        { kind: 'dropIndex', table: 'users', index: users.indexes[0]! },
        { kind: 'dropColumn', table: 'users', column: column(users, 'email') },
        { kind: 'alterColumn', table: 'users', from: column(users, 'name'), to: { ...column(users, 'name'), nullable: true } },
      ];
    });
    await expect(failure).rejects.toMatchObject({ message: expect.stringContaining('error in trigger audit_email: no such column: new.email') });
    expect(await rows('SELECT * FROM users ORDER BY id')).toEqual(before);
    expect(await rows("SELECT type, name, sql FROM sqlite_master ORDER BY name")).toEqual(definitions);
  });

  test('views over the table and other tables’ triggers naming it survive the rename (SQLite ≥ 3.26 used to refuse it)', async () => {
    await runScript(open.db, 'CREATE VIEW user_emails AS SELECT id, email FROM users');
    await sql.raw(`CREATE TRIGGER post_author AFTER INSERT ON posts BEGIN UPDATE users SET name = name || '+' WHERE id = new.author_id; END`).execute(open.db);
    const definitions = await rows("SELECT type, name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY name");
    await run(makeEmailRequired);
    expect(await rows("SELECT type, name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY name")).toEqual(definitions);
    expect(await rows('SELECT * FROM user_emails ORDER BY id')).toEqual([{ id: 1, email: 'a@x' }, { id: 2, email: 'b@x' }]);
    await sql`INSERT INTO posts (id, author_id, title) VALUES (13, 2, 'four')`.execute(open.db);
    expect(await rows('SELECT name FROM users WHERE id = 2')).toEqual([{ name: 'Bob+' }]);
  });

  test('a view naming a dropped column fails the revision, named', async () => {
    await runScript(open.db, 'CREATE VIEW user_emails AS SELECT id, email FROM users');
    await sql`DROP TRIGGER audit_email`.execute(open.db);
    const failure = run((t) => {
      const users = t.get('users')!;
      return [
        { kind: 'dropColumn', table: 'users', column: column(users, 'email') },
        { kind: 'alterColumn', table: 'users', from: column(users, 'name'), to: { ...column(users, 'name'), nullable: true } },
      ];
    });
    await expect(failure).rejects.toMatchObject({ message: expect.stringContaining('error in view user_emails: no such column: email') });
    expect(await count(open.db, 'users')).toBe(2);
  });

  test('the AUTOINCREMENT counter carries over: ids of deleted rows are not handed out again', async () => {
    await sql`INSERT INTO users (email, name) VALUES ('c@x', 'Cy')`.execute(open.db);
    await sql`DELETE FROM users WHERE id = 3`.execute(open.db);
    expect(await rows("SELECT seq FROM sqlite_sequence WHERE name = 'users'")).toEqual([{ seq: 3 }]);
    await run(makeEmailRequired);
    expect(await rows('SELECT name, seq FROM sqlite_sequence ORDER BY name')).toEqual([{ name: 'users', seq: 3 }]);
    await sql`INSERT INTO users (email, name) VALUES ('d@x', 'Di')`.execute(open.db);
    expect(await rows("SELECT id FROM users WHERE email = 'd@x'")).toEqual([{ id: 4 }]);
  });

  test('STRICT and WITHOUT ROWID survive a rebuild for another reason', async () => {
    await runScript(
      open.db,
      `CREATE TABLE tags (name text PRIMARY KEY, weight integer) STRICT, WITHOUT ROWID;
       INSERT INTO tags VALUES ('a', 1), ('b', 2)`,
    );
    await run((t) => {
      const weight = column(t.get('tags')!, 'weight');
      return [{ kind: 'alterColumn', table: 'tags', from: weight, to: { ...weight, nullable: false, default: { kind: 'literal', value: 0 } } }];
    });
    expect((await introspect(open.db)).get('tags')).toMatchObject({ strict: true, withoutRowid: true });
    expect(await rows('SELECT strict, wr FROM pragma_table_list WHERE name = \'tags\'')).toEqual([{ strict: 1, wr: 1 }]);
    expect(await rows('SELECT * FROM tags ORDER BY name')).toEqual([{ name: 'a', weight: 1 }, { name: 'b', weight: 2 }]);
    await expect(sql`INSERT INTO tags VALUES ('c', 'heavy')`.execute(open.db)).rejects.toMatchObject({ message: expect.stringContaining('cannot store TEXT value in INTEGER column') });
  });
});
