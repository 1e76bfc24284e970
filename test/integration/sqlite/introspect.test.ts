import { sqliteDialect } from '../../../src/dialects/sqlite/index.js';
import type { Table } from '../../../src/model/types.js';
import { openTestDatabase, runScript, type OpenSqliteDatabase } from './open-test-database.js';

const noExclusions = { isExcluded: () => false };

describe('sqlite introspection of hand-written DDL', () => {
  let open: OpenSqliteDatabase;
  let tables: Map<string, Table>;

  beforeAll(async () => {
    open = await openTestDatabase();
    await runScript(
      open.db,
      `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        email VARCHAR(255) NOT NULL COLLATE NOCASE UNIQUE,
        name text,
        nickname TEXT DEFAULT 'it''s me',
        "is active" BOOLEAN NOT NULL DEFAULT TRUE,
        deleted boolean DEFAULT false,
        score REAL DEFAULT -1.5,
        visits BIGINT DEFAULT 42,
        ratio double precision,
        price NUMERIC(10, 2),
        amount numeric,
        small SMALLINT,
        code CHAR(3),
        born DATE,
        wakes TIME,
        created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated_at timestamp(3) DEFAULT (datetime('now')),
        data JSON,
        dataB jsonb,
        token UUID,
        avatar BLOB,
        legacy NVARCHAR(40),
        empty_default text DEFAULT NULL,
        CONSTRAINT price_positive CHECK (price > 0),
        CHECK (score <> 0)
      );
      CREATE TABLE posts (
        id integer NOT NULL,
        author_id INTEGER NOT NULL CONSTRAINT fk_posts_author REFERENCES users (id) ON DELETE CASCADE,
        editor_id integer REFERENCES users ON UPDATE SET NULL,
        slug text CHECK (length(slug) > 2),
        title varchar(200),
        body text,
        words integer GENERATED ALWAYS AS (length(body) - length(replace(body, ' ', '')) + 1) STORED,
        title_lower text AS (lower(title)),
        CONSTRAINT posts_pk PRIMARY KEY (id),
        CONSTRAINT uq_posts_slug_title UNIQUE (slug, title)
      );
      CREATE TABLE [tags] (
        \`post id\` integer,
        "name" text,
        PRIMARY KEY ("name", \`post id\`),
        FOREIGN KEY (\`post id\`) REFERENCES posts (id)
      );
      CREATE INDEX ix_posts_title_lower ON posts (lower(title) DESC);
      CREATE UNIQUE INDEX ix_posts_author_title ON posts (author_id, title DESC) WHERE body IS NOT NULL;
      CREATE INDEX "ix weird" ON users ("is active", (score * 2))
      `,
    );
    const model = await sqliteDialect.introspect(open.db, noExclusions);
    tables = new Map(model.tables.map((t) => [t.name, t]));
  });

  afterAll(async () => {
    await open.close();
  });

  test('lists user tables sorted by name, without sqlite_ tables', async () => {
    const model = await sqliteDialect.introspect(open.db, noExclusions);
    expect(model.tables.map((t) => t.name)).toEqual(['posts', 'tags', 'users']);
    expect(model.enums).toEqual([]);
  });

  test('leaves excluded tables out', async () => {
    const model = await sqliteDialect.introspect(open.db, { isExcluded: (name) => name === 'tags' });
    expect(model.tables.map((t) => t.name)).toEqual(['posts', 'users']);
  });

  test('maps every declared type back to its canonical type', () => {
    const types = Object.fromEntries(tables.get('users')!.columns.map((c) => [c.name, c.type]));
    expect(types).toEqual({
      id: { kind: 'integer' },
      email: { kind: 'varchar', length: 255 },
      name: { kind: 'text' },
      nickname: { kind: 'text' },
      'is active': { kind: 'boolean' },
      deleted: { kind: 'boolean' },
      score: { kind: 'real' },
      visits: { kind: 'bigint' },
      ratio: { kind: 'double' },
      price: { kind: 'numeric', precision: 10, scale: 2 },
      amount: { kind: 'numeric' },
      small: { kind: 'smallint' },
      code: { kind: 'char', length: 3 },
      born: { kind: 'date' },
      wakes: { kind: 'time' },
      created_at: { kind: 'timestamp', withTimezone: true },
      updated_at: { kind: 'timestamp', withTimezone: false, precision: 3 },
      data: { kind: 'json' },
      dataB: { kind: 'jsonb' },
      token: { kind: 'uuid' },
      avatar: { kind: 'blob' },
      legacy: { kind: 'custom', sql: 'NVARCHAR(40)' },
      empty_default: { kind: 'text' },
    });
  });

  test('reads defaults as literals or expressions', () => {
    const defaults = Object.fromEntries(tables.get('users')!.columns.map((c) => [c.name, c.default]));
    expect(defaults).toMatchObject({
      id: undefined,
      nickname: { kind: 'literal', value: "it's me" },
      'is active': { kind: 'literal', value: true },
      deleted: { kind: 'literal', value: false },
      score: { kind: 'literal', value: -1.5 },
      visits: { kind: 'literal', value: 42 },
      created_at: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' },
      updated_at: { kind: 'expression', sql: "datetime('now')" },
      empty_default: { kind: 'literal', value: null },
    });
  });

  test('reads nullability, autoincrement and collation', () => {
    const users = tables.get('users')!;
    const column = (name: string) => users.columns.find((c) => c.name === name)!;
    expect(column('id')).toEqual({ name: 'id', type: { kind: 'integer' }, nullable: false, autoIncrement: true });
    expect(column('email')).toEqual({
      name: 'email',
      type: { kind: 'varchar', length: 255 },
      nullable: false,
      autoIncrement: false,
      collation: 'NOCASE',
    });
    expect(column('name').nullable).toBe(true);
    const posts = tables.get('posts')!;
    expect(posts.columns.find((c) => c.name === 'id')!.autoIncrement).toBe(false);
  });

  test('reads stored and virtual generated columns with their expressions', () => {
    const posts = tables.get('posts')!;
    expect(posts.columns.find((c) => c.name === 'words')!.generated).toEqual({
      sql: "length(body) - length(replace(body, ' ', '')) + 1",
      stored: true,
    });
    expect(posts.columns.find((c) => c.name === 'title_lower')!.generated).toEqual({ sql: 'lower(title)', stored: false });
  });

  test('reads primary keys in key order, without a name', () => {
    expect(tables.get('users')!.primaryKey).toEqual({ columns: ['id'] });
    expect(tables.get('posts')!.primaryKey).toEqual({ columns: ['id'] });
    expect(tables.get('tags')!.primaryKey).toEqual({ columns: ['name', 'post id'] });
  });

  test('reads named and unnamed unique constraints, not as indexes', () => {
    expect(tables.get('users')!.uniques).toEqual([{ name: 'uq_users_email', columns: ['email'] }]);
    expect(tables.get('posts')!.uniques).toEqual([{ name: 'uq_posts_slug_title', columns: ['slug', 'title'] }]);
    const indexNames = [...tables.values()].flatMap((t) => t.indexes.map((i) => i.name));
    expect(indexNames.some((name) => name.startsWith('sqlite_autoindex'))).toBe(false);
  });

  test('reads expression, partial, descending and unique indexes', () => {
    expect(tables.get('posts')!.indexes).toEqual([
      {
        name: 'ix_posts_author_title',
        unique: true,
        parts: [
          { kind: 'column', name: 'author_id', descending: false },
          { kind: 'column', name: 'title', descending: true },
        ],
        where: 'body IS NOT NULL',
      },
      {
        name: 'ix_posts_title_lower',
        unique: false,
        parts: [{ kind: 'expression', sql: 'lower(title)', descending: true }],
      },
    ]);
    expect(tables.get('users')!.indexes).toEqual([
      {
        name: 'ix weird',
        unique: false,
        parts: [
          { kind: 'column', name: 'is active', descending: false },
          { kind: 'expression', sql: 'score * 2', descending: false },
        ],
      },
    ]);
  });

  test('reads foreign keys with names, actions and implicit referenced columns', () => {
    expect(tables.get('posts')!.foreignKeys).toEqual([
      { name: 'fk_posts_author', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade' },
      {
        name: 'fk_posts_editor_id_users',
        columns: ['editor_id'],
        referencedTable: 'users',
        referencedColumns: ['id'],
        onUpdate: 'set null',
      },
    ]);
    expect(tables.get('tags')!.foreignKeys).toEqual([
      { name: 'fk_tags_post id_posts', columns: ['post id'], referencedTable: 'posts', referencedColumns: ['id'] },
    ]);
  });

  test('reads table-level and column-level checks, naming unnamed ones stably', () => {
    expect(tables.get('users')!.checks).toEqual([
      { name: 'ck_users_1', sql: 'score <> 0' },
      { name: 'price_positive', sql: 'price > 0' },
    ]);
    expect(tables.get('posts')!.checks).toEqual([{ name: 'ck_posts_1', sql: 'length(slug) > 2' }]);
  });
});

describe('sqlite introspection cost', () => {
  test('runs the same number of queries for 3 tables as for 30', async () => {
    const counts: number[] = [];
    for (const tableCount of [3, 30]) {
      const open = await openTestDatabase();
      try {
        const script = Array.from(
          { length: tableCount },
          (_, i) => `CREATE TABLE t${i} (id integer primary key, ref integer references t0 (id), name text unique, CHECK (id > 0));
                     CREATE INDEX ix_t${i}_name ON t${i} (name)`,
        ).join(';');
        await runScript(open.db, script);
        let queries = 0;
        const { Kysely, SqliteDialect } = await import('kysely');
        const Database = (await import('better-sqlite3')).default;
        const counted = new Kysely<any>({
          dialect: new SqliteDialect({ database: new Database(open.url.dialect === 'sqlite' ? open.url.filename : '') }),
          log: (event) => {
            if (event.level === 'query') queries++;
          },
        });
        try {
          const model = await sqliteDialect.introspect(counted, noExclusions);
          expect(model.tables).toHaveLength(tableCount);
          expect(model.tables.every((t) => t.indexes.length === 1 && t.uniques.length === 1)).toBe(true);
        } finally {
          await counted.destroy();
        }
        counts.push(queries);
      } finally {
        await open.close();
      }
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(counts[0]);
  });
});

describe('sqlite connect', () => {
  test('reports a missing folder as a user-facing error', async () => {
    await expect(
      sqliteDialect.connect({ dialect: 'sqlite', filename: '/nonexistent-dir-xyz/db.sqlite3', display: 'sqlite:/nonexistent-dir-xyz/db.sqlite3' }),
    ).rejects.toMatchObject({ name: 'SchemigrateError', message: expect.stringContaining('/nonexistent-dir-xyz') });
  });

  test('opens an in-memory database', async () => {
    const db = await sqliteDialect.connect({ dialect: 'sqlite', filename: ':memory:', display: 'sqlite::memory:' });
    try {
      const model = await sqliteDialect.introspect(db, noExclusions);
      expect(model.tables).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
