import {
  DummyDriver,
  Kysely,
  MysqlAdapter,
  MysqlQueryCompiler,
  PostgresAdapter,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteQueryCompiler,
  sql,
} from 'kysely';
import { mysqlDialect } from '../../../src/dialects/mysql/index.js';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js';
import type { Column, Table } from '../../../src/model/types.js';
import type { Operation, OperationKind } from '../../../src/operations/types.js';
import { jsString } from '../../../src/render/code.js';
import type { OperationRenderer } from '../../../src/render/operation-renderer.js';
import { renderOperations } from '../../../src/render/operations.js';
import { column, foreignKey, idColumn, index, table } from '../diff/builders.js';
import { sampleOperations } from '../operations/all-kinds.js';

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<void>;

/** Evaluating a body must at least parse as plain JavaScript over `db` and `sql`. */
function compiles(body: string): void {
  new AsyncFunction('db', 'sql', body);
}

type Compiler = 'sqlite' | 'postgres' | 'mysql';

/** Run a body through Kysely with a driver that executes nothing, and collect the SQL. */
async function runOffline(body: string, compiler: Compiler): Promise<string[]> {
  const statements: string[] = [];
  const db = new Kysely<any>({
    dialect: {
      createAdapter: () => (compiler === 'sqlite' ? new SqliteAdapter() : compiler === 'postgres' ? new PostgresAdapter() : new MysqlAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: () => {
        throw new Error('not used');
      },
      createQueryCompiler: () =>
        compiler === 'sqlite' ? new SqliteQueryCompiler() : compiler === 'postgres' ? new PostgresQueryCompiler() : new MysqlQueryCompiler(),
    },
    log: (event) => {
      statements.push(event.query.sql);
    },
  });
  await new AsyncFunction('db', 'sql', body)(db, sql);
  return statements;
}

/**
 * Each dialect's renderer, and the kinds its `lower` never hands it (`setTableOptions` is always
 * lowered into a rebuild; only SQLite rebuilds; only PostgreSQL keeps enumeration types).
 */
const renderers: readonly [string, OperationRenderer, Compiler, readonly OperationKind[]][] = [
  ['sqlite', sqliteDialect.renderer, 'sqlite', ['setTableOptions', 'alterEnum']],
  ['postgres', postgresDialect.renderer, 'postgres', ['setTableOptions', 'rebuildTable']],
  ['mysql', mysqlDialect.renderer, 'mysql', ['setTableOptions', 'alterEnum', 'rebuildTable']],
];

/** The sample operations a renderer renders. */
function renderable(unrendered: readonly OperationKind[]): [string, Operation][] {
  return Object.entries(sampleOperations).filter(([kind]) => !unrendered.includes(kind as OperationKind));
}

const email: Column = column('email', { kind: 'varchar', length: 255 }, { nullable: false });
const users: Table = table('users', {
  columns: [idColumn(), email, column('score', { kind: 'integer' }, { default: { kind: 'literal', value: 0 } })],
  uniques: [{ name: 'uq_users_email', columns: ['email'] }],
  indexes: [index('ix_users_score', ['score'])],
});

describe('renderOperations', () => {
  test('no operations is a comment', () => {
    expect(renderOperations([], sqliteDialect.renderer)).toBe('  // No changes.\n  void db; // (db is unused until changes are written here)');
  });

  describe.each(renderers)('%s', (_name, ddl, compiler, unrendered) => {
    test.each(renderable(unrendered))('%s renders JavaScript that drives Kysely', async (_kind, op) => {
      const body = renderOperations([op], ddl);
      expect(body).toMatch(/^ {2}(await|\/\/) /);
      expect(body.split('\n').every((line) => line === '' || line.startsWith('  '))).toBe(true);
      compiles(body);
      expect((await runOffline(body, compiler)).length).toBeGreaterThan(0);
    });

    test('the whole list renders in order, one blank line between operations', () => {
      const ops = renderable(unrendered).map(([, op]) => op);
      const body = renderOperations(ops, ddl);
      compiles(body);
      expect(body.split('\n\n').length).toBeGreaterThanOrEqual(ops.length);
    });

    test.each(unrendered.filter((kind) => kind !== 'setTableOptions'))('%s, which its lower never makes, is refused by name', (kind) => {
      expect(() => renderOperations([sampleOperations[kind]], ddl)).toThrow(new RegExp(`does not override ${kind}\\(\\)`));
    });
  });

  test('setTableOptions is never rendered: it must have been lowered into a rebuild', () => {
    expect(() => renderOperations([sampleOperations.setTableOptions], sqliteDialect.renderer)).toThrow(/lowered into a table rebuild/);
  });

  test('createTable with SQLite table options ends with them', async () => {
    const tags = table('tags', { columns: [column('name', { kind: 'text' }, { nullable: false })], primaryKey: { columns: ['name'] }, strict: true, withoutRowid: true });
    const body = renderOperations([{ kind: 'createTable', table: tags }], sqliteDialect.renderer);
    expect(body).toContain('    .modifyEnd(sql`STRICT, WITHOUT ROWID`)\n    .execute();');
    expect(await runOffline(body, 'sqlite')).toEqual(['create table "tags" ("name" text not null, constraint "pk_tags" primary key ("name")) STRICT, WITHOUT ROWID']);
  });

  test('createTable on a SQLite-like dialect', () => {
    expect(renderOperations([{ kind: 'createTable', table: users }], sqliteDialect.renderer)).toBe(
      [
        '  await db.schema',
        "    .createTable('users')",
        "    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement().notNull())",
        "    .addColumn('email', 'varchar(255)', (col) => col.notNull())",
        "    .addColumn('score', 'integer', (col) => col.defaultTo(0))",
        "    .addUniqueConstraint('uq_users_email', ['email'])",
        '    .execute();',
        '  await db.schema',
        "    .createIndex('ix_users_score')",
        "    .on('users')",
        "    .column('score')",
        '    .execute();',
      ].join('\n'),
    );
  });

  test('createTable on a PostgreSQL-like dialect keeps a named primary key and comments separately', () => {
    const posts = table('posts', {
      columns: [
        idColumn(),
        column('author_id', { kind: 'integer' }, { nullable: false, comment: "Who wrote it's" }),
        column('created_at', { kind: 'timestamp', withTimezone: true }, { default: { kind: 'expression', sql: 'now()' } }),
      ],
      primaryKey: { name: 'pk_posts', columns: ['id'] },
      foreignKeys: [
        foreignKey('fk_posts_author_id_users', ['author_id'], 'users', { onDelete: 'cascade', deferrable: 'deferred' }),
      ],
      checks: [{ name: 'ck_posts_id', sql: 'id > 0' }],
      comment: 'Blog posts',
    });
    expect(renderOperations([{ kind: 'createTable', table: posts }], postgresDialect.renderer)).toBe(
      [
        '  await db.schema',
        "    .createTable('posts')",
        "    .addColumn('id', 'integer', (col) => col.generatedByDefaultAsIdentity().notNull())",
        "    .addColumn('author_id', 'integer', (col) => col.notNull())",
        "    .addColumn('created_at', 'timestamptz', (col) => col.defaultTo(sql`(now())`))",
        "    .addPrimaryKeyConstraint('pk_posts', ['id'])",
        "    .addCheckConstraint('ck_posts_id', sql`id > 0`)",
        "    .addForeignKeyConstraint('fk_posts_author_id_users', ['author_id'], 'users', ['id'], (cb) => cb.onDelete('cascade').deferrable().initiallyDeferred())",
        '    .execute();',
        "  await sql`COMMENT ON TABLE ${sql.id('posts')} IS ${sql.lit('Blog posts')}`.execute(db);",
        "  await sql`COMMENT ON COLUMN ${sql.id('posts')}.${sql.id('author_id')} IS ${sql.lit('Who wrote it\\'s')}`.execute(db);",
      ].join('\n'),
    );
  });

  test('alterColumn within a cast family (varchar widening) uses the plain setDataType builder', () => {
    const op: Operation = {
      kind: 'alterColumn',
      table: 'users',
      from: column('email', { kind: 'varchar', length: 100 }),
      to: column('email', { kind: 'varchar', length: 255 }),
    };
    expect(renderOperations([op], postgresDialect.renderer)).toBe(
      [
        '  await db.schema',
        "    .alterTable('users')",
        "    .alterColumn('email', (col) => col.setDataType('varchar(255)'))",
        '    .execute();',
      ].join('\n'),
    );
  });

  test('alterColumn on a PostgreSQL-like dialect emits only what changed, with a cast for the type', () => {
    const op: Operation = {
      kind: 'alterColumn',
      table: 'users',
      from: column('age', { kind: 'text' }),
      to: column('age', { kind: 'integer' }, { nullable: false }),
    };
    expect(renderOperations([op], postgresDialect.renderer)).toBe(
      [
        "  await sql`ALTER TABLE ${sql.id('users')} ALTER COLUMN ${sql.id('age')} TYPE integer USING ${sql.id('age')}::integer`.execute(db);",
        '  await db.schema',
        "    .alterTable('users')",
        "    .alterColumn('age', (col) => col.setNotNull())",
        '    .execute();',
      ].join('\n'),
    );
  });

  test('alterColumn casts an enumeration through text', () => {
    const from = column('how', { kind: 'enum', name: 'mood', values: ['a'] });
    const to = column('how', { kind: 'enum', name: 'feeling', values: ['a'] });
    expect(renderOperations([{ kind: 'alterColumn', table: 't', from, to }], postgresDialect.renderer)).toBe(
      "  await sql`ALTER TABLE ${sql.id('t')} ALTER COLUMN ${sql.id('how')} TYPE \"feeling\" USING ${sql.id('how')}::text::\"feeling\"`.execute(db);",
    );
  });

  test('alterColumn moves the default around a type change and handles identity', () => {
    const from = column('n', { kind: 'text' }, { default: { kind: 'literal', value: '1' } });
    const to = column('n', { kind: 'bigint' }, { default: { kind: 'literal', value: 1 }, autoIncrement: false });
    const body = renderOperations([{ kind: 'alterColumn', table: 't', from, to }], postgresDialect.renderer);
    expect(body.indexOf('dropDefault()')).toBeLessThan(body.indexOf('TYPE bigint'));
    expect(body.indexOf('TYPE bigint')).toBeLessThan(body.indexOf('setDefault(1)'));
    const identity = renderOperations(
      [{ kind: 'alterColumn', table: 't', from: column('id', { kind: 'integer' }, { nullable: false }), to: idColumn() }],
      postgresDialect.renderer,
    );
    expect(identity).toContain('ADD GENERATED BY DEFAULT AS IDENTITY');
    expect(identity).toContain('setval');
    const dropped = renderOperations([{ kind: 'alterColumn', table: 't', from: idColumn(), to: column('id', { kind: 'integer' }, { nullable: false }) }], postgresDialect.renderer);
    expect(dropped).toContain('DROP IDENTITY');
  });

  test('alterColumn on a MySQL-like dialect modifies the whole column', () => {
    const to = { ...email, comment: 'Login' };
    expect(renderOperations([{ kind: 'alterColumn', table: 'users', from: email, to }], mysqlDialect.renderer)).toBe(
      [
        '  await db.schema',
        "    .alterTable('users')",
        "    .modifyColumn('email', 'varchar(255)', (col) => col.notNull().modifyEnd(sql`comment ${sql.lit('Login')}`))",
        '    .execute();',
      ].join('\n'),
    );
  });

  test('indexes: descending parts and expressions become one sql key list', () => {
    const op: Operation = {
      kind: 'createIndex',
      table: 'posts',
      index: {
        name: 'ix_posts_title',
        unique: true,
        parts: [
          { kind: 'column', name: 'created_at', descending: true },
          { kind: 'expression', sql: 'lower(title)', descending: false },
        ],
        where: 'deleted_at IS NULL',
        method: 'btree',
      },
    };
    expect(renderOperations([op], postgresDialect.renderer)).toBe(
      [
        '  await db.schema',
        "    .createIndex('ix_posts_title')",
        "    .on('posts')",
        '    .unique()',
        "    .using('btree')",
        "    .expression(sql`${sql.id('created_at')} desc, (lower(title))`)",
        '    .where(sql`deleted_at IS NULL`)',
        '    .execute();',
      ].join('\n'),
    );
    expect(renderOperations([{ kind: 'dropIndex', table: 'posts', index: op.index }], mysqlDialect.renderer)).toContain(".on('posts')");
  });

  test('foreign keys on existing tables chain their actions', () => {
    expect(renderOperations([sampleOperations.addForeignKey], postgresDialect.renderer)).toBe(
      [
        '  await db.schema',
        "    .alterTable('posts')",
        "    .addForeignKeyConstraint('fk_posts_author_id_users', ['author_id'], 'users', ['id'])",
        "    .onDelete('cascade')",
        '    .execute();',
      ].join('\n'),
    );
  });

  test('enums: additions in place, anything else by swapping types', () => {
    const added = renderOperations(
      [{ kind: 'alterEnum', from: { name: 'mood', values: ['sad', 'ok'] }, to: { name: 'mood', values: ['meh', 'sad', 'fine', 'ok'] } }],
      postgresDialect.renderer,
    );
    expect(added).toContain("ADD VALUE ${sql.lit('meh')} BEFORE ${sql.lit('sad')}");
    expect(added).toContain("ADD VALUE ${sql.lit('fine')} AFTER ${sql.lit('sad')}");
    expect(added).toMatch(/\/\/ .*transaction/);
    const removed = renderOperations(
      [{ kind: 'alterEnum', from: { name: 'mood', values: ['sad', 'ok'] }, to: { name: 'mood', values: ['ok'] } }],
      postgresDialect.renderer,
    );
    expect(removed).toContain('RENAME TO');
    expect(removed).toContain("createType('mood')");
    expect(removed).toContain('DROP TYPE');
    compiles(removed);
  });

  test('rebuildTable quotes identifiers in the row copy by doubling embedded quotes', () => {
    const weird = table('odd "t"', { columns: [column('a "b"')] });
    const body = renderOperations([{ kind: 'rebuildTable', from: weird, to: weird, reasons: ['alter column type'] }], sqliteDialect.renderer);
    expect(body).toContain('sql`INSERT INTO "_schemigrate_new_odd ""t""" ("a ""b""") SELECT "a ""b""" FROM "odd ""t"""`');
  });

  test('rebuildTable keeps line breaks in a table name out of its comments', async () => {
    const broken = table('a\nb\u2028c', { columns: [column('x')] });
    const body = renderOperations([{ kind: 'rebuildTable', from: broken, to: broken, reasons: ['alter column x (type)'] }], sqliteDialect.renderer);
    expect(body).toContain('// Rebuild "a b c": SQLite cannot alter column x (type).');
    compiles(body);
    expect(await runOffline(body, 'sqlite')).toContain('drop table "a\nb\u2028c"');
  });

  test('rebuildTable copies the shared columns through a temporary table', () => {
    const from = table('users', { columns: [idColumn(), column('email', { kind: 'text' }), column('gone')] });
    const to = table('users', {
      columns: [idColumn(), email, column('fresh')],
      indexes: [index('ix_users_email', ['email'])],
    });
    expect(renderOperations([{ kind: 'rebuildTable', from, to, reasons: ['alter column type', 'set not null'] }], sqliteDialect.renderer)).toBe(
      [
        '  // Rebuild "users": SQLite cannot alter column type, set not null.',
        '  {',
        '    // Dropping "users" drops its triggers: read them first, re-create them at the end.',
        '    const triggers = await db',
        "      .selectFrom('sqlite_master')",
        "      .select('sql')",
        "      .where('type', '=', 'trigger')",
        "      .where('tbl_name', '=', sql`'users' COLLATE NOCASE`)",
        "      .orderBy('rowid')",
        '      .execute();',
        '    await db.schema',
        "      .createTable('_schemigrate_new_users')",
        "      .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement().notNull())",
        "      .addColumn('email', 'varchar(255)', (col) => col.notNull())",
        "      .addColumn('fresh', 'integer')",
        '      .execute();',
        '    await sql`INSERT INTO "_schemigrate_new_users" ("id", "email") SELECT "id", "email" FROM "users"`.execute(db);',
        '    // Keep the AUTOINCREMENT counter, so that the ids of deleted rows are not handed out again.',
        "    await sql`DELETE FROM sqlite_sequence WHERE name = '_schemigrate_new_users'`.execute(db);",
        "    await sql`UPDATE sqlite_sequence SET name = '_schemigrate_new_users' WHERE name = 'users'`.execute(db);",
        '    await db.schema',
        "      .dropTable('users')",
        '      .execute();',
        '    // Views and other tables\' triggers that name "users" would stop the rename while it is missing.',
        '    await sql`PRAGMA legacy_alter_table = ON`.execute(db);',
        '    await db.schema',
        "      .alterTable('_schemigrate_new_users')",
        "      .renameTo('users')",
        '      .execute();',
        '    await sql`PRAGMA legacy_alter_table = OFF`.execute(db);',
        '    await db.schema',
        "      .createIndex('ix_users_email')",
        "      .on('users')",
        "      .column('email')",
        '      .execute();',
        '    for (const trigger of triggers) await sql.raw(trigger.sql).execute(db);',
        '    // Renaming a table makes SQLite check that every view and trigger still fits the tables they use.',
        '    await sql`CREATE TABLE "_schemigrate_check" (x)`.execute(db);',
        '    await sql`ALTER TABLE "_schemigrate_check" RENAME TO "_schemigrate_checked"`.execute(db);',
        '    await sql`DROP TABLE "_schemigrate_checked"`.execute(db);',
        '  }',
      ].join('\n'),
    );
  });

  test('user text is escaped: quotes, backslashes, backticks, ${ and line breaks', async () => {
    const nasty = "it's `a` \\ ${x}\nline";
    const op: Operation = {
      kind: 'createTable',
      table: table('t', {
        columns: [
          idColumn(),
          column('a', { kind: 'text' }, { default: { kind: 'literal', value: nasty } }),
          column('b', { kind: 'text' }, { default: { kind: 'expression', sql: `'${nasty.replaceAll("'", "''")}'` } }),
        ],
        checks: [{ name: 'ck', sql: `a <> '${nasty.replaceAll("'", "''")}'` }],
      }),
    };
    const body = renderOperations([op], sqliteDialect.renderer);
    compiles(body);
    expect(body.split('\n').every((line) => line === '' || line.startsWith('  '))).toBe(true);
    expect(body).toContain(`defaultTo(${jsString(nasty)})`);
    // The sql tag receives the user's text unchanged.
    const statements = await runOffline(body, 'sqlite');
    expect(statements[0]).toContain(`check (a <> '${nasty.replaceAll("'", "''")}')`);
    expect(statements[0]).toContain(`default '${nasty.replaceAll("'", "''")}'`);
  });
});
