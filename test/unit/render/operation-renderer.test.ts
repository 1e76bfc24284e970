/**
 * The renderer's seams: what the default `OperationRenderer` writes (Kysely's builders, no
 * dialect's own SQL), and what each dialect's subclass writes instead where it overrides it.
 */
import { MysqlRenderer } from '../../../src/dialects/mysql/render.js';
import { PostgresRenderer } from '../../../src/dialects/postgres/render.js';
import { SqliteRenderer } from '../../../src/dialects/sqlite/render.js';
import type { Column, ColumnType } from '../../../src/model/types.js';
import type { Operation } from '../../../src/operations/types.js';
import { OperationRenderer, type RenderedType } from '../../../src/render/operation-renderer.js';
import { column, idColumn, index, table } from '../diff/builders.js';

/** Types as their own names: the default renderer needs some type mapping. */
const plainType = (type: ColumnType): RenderedType =>
  type.kind === 'enum' ? { kind: 'sql', sql: `"${type.name}"` } : { kind: 'builtin', name: type.kind === 'varchar' ? `varchar(${type.length})` : type.kind };

const byDefault = new OperationRenderer(plainType);
const postgres = new PostgresRenderer();
const mysql = new MysqlRenderer();
const sqlite = new SqliteRenderer();

const text = (renderer: OperationRenderer, op: Operation) => renderer.render(op).join('\n');

const email: Column = column('email', { kind: 'varchar', length: 100 }, { nullable: false });
const mood: Column = column('mood', { kind: 'enum', name: 'mood', values: ['sad', 'ok'] });
const users = table('users', { columns: [idColumn(), { ...email, comment: 'Login' }, mood], comment: 'People' });
const alter = (from: Column, to: Column): Operation => ({ kind: 'alterColumn', table: 'users', from, to });

describe('the default renderer writes what Kysely builders say', () => {
  test('createTable: autoIncrement() on a column-level key, comments as COMMENT ON statements, no table options or enum checks', () => {
    const body = text(byDefault, { kind: 'createTable', table: { ...users, strict: true } });
    expect(body).toContain(".addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement().notNull())");
    expect(body).not.toContain('addPrimaryKeyConstraint');
    expect(body).toContain('COMMENT ON TABLE ${sql.id(\'users\')} IS ${sql.lit(\'People\')}');
    expect(body).toContain("COMMENT ON COLUMN ${sql.id('users')}.${sql.id('email')} IS ${sql.lit('Login')}");
    expect(body).not.toContain('STRICT');
    expect(body).not.toContain('check(');
  });

  test('alterColumn: the alterColumn builder, the default moved around a type change', () => {
    const from = { ...email, default: { kind: 'literal', value: 'x' } } as const;
    expect(byDefault.render(alter(from, { ...from, type: { kind: 'text' }, nullable: true }))).toEqual([
      "await db.schema\n  .alterTable('users')\n  .alterColumn('email', (col) => col.dropDefault())\n  .execute();",
      "await db.schema\n  .alterTable('users')\n  .alterColumn('email', (col) => col.setDataType('text'))\n  .execute();",
      "await db.schema\n  .alterTable('users')\n  .alterColumn('email', (col) => col.dropNotNull())\n  .execute();",
      "await db.schema\n  .alterTable('users')\n  .alterColumn('email', (col) => col.setDefault('x'))\n  .execute();",
    ]);
  });

  test('constraints drop by name, indexes without their table, FULLTEXT is just a method', () => {
    expect(text(byDefault, { kind: 'dropForeignKey', table: 'posts', foreignKey: { name: 'fk', columns: ['a'], referencedTable: 'users', referencedColumns: ['id'] } })).toContain(".dropConstraint('fk')");
    expect(text(byDefault, { kind: 'dropPrimaryKey', table: 'posts', primaryKey: { columns: ['id'] } })).toContain(".dropConstraint('pk_posts')");
    expect(text(byDefault, { kind: 'dropIndex', table: 'audit.posts', index: index('ix', ['a']) })).toBe("await db.schema\n  .dropIndex('audit.ix')\n  .execute();");
    expect(text(byDefault, { kind: 'createIndex', table: 'posts', index: { ...index('ix', ['a']), method: 'fulltext' } })).toContain(".using('fulltext')");
  });

  test.each<[string, Operation, string]>([
    ['auto-increment added', alter(column('id', { kind: 'integer' }, { nullable: false }), idColumn()), 'addAutoIncrement'],
    ['auto-increment dropped', alter(idColumn(), column('id', { kind: 'integer' }, { nullable: false })), 'dropAutoIncrement'],
    ['generation dropped', alter({ ...email, generated: { sql: 'lower(x)', stored: true } }, email), 'dropGeneration'],
    ['collation changed', alter(email, { ...email, collation: 'C' }), 'retype'],
    ['enumeration values changed', { kind: 'alterEnum', from: { name: 'mood', values: ['a'] }, to: { name: 'mood', values: ['a', 'b'] } }, 'alterEnum'],
    ['a rebuild', { kind: 'rebuildTable', from: table('users'), to: table('users'), reasons: [] }, 'rebuildTable'],
  ])('%s has no default spelling: it names the method to override', (_what, op, method) => {
    expect(() => byDefault.render(op)).toThrow(new RegExp(`cannot .*does not override ${method}\\(\\)`));
  });
});

describe('PostgreSQL overrides', () => {
  test('identity columns keep a named primary key', () => {
    const body = text(postgres, { kind: 'createTable', table: users });
    expect(body).toContain(".addColumn('id', 'integer', (col) => col.generatedByDefaultAsIdentity().notNull())");
    expect(body).toContain(".addPrimaryKeyConstraint('pk_users', ['id'])");
  });

  test('a type change across families casts with USING; within one it is the builder call', () => {
    expect(text(postgres, alter(email, { ...email, type: { kind: 'integer' } }))).toBe(
      "await sql`ALTER TABLE ${sql.id('users')} ALTER COLUMN ${sql.id('email')} TYPE integer USING ${sql.id('email')}::integer`.execute(db);",
    );
    expect(text(postgres, alter(email, { ...email, type: { kind: 'text' } }))).toBe(text(byDefault, alter(email, { ...email, type: { kind: 'text' } })));
  });

  test('identity and generation change in place', () => {
    const added = text(postgres, alter(column('id', { kind: 'integer' }, { nullable: false }), idColumn()));
    expect(added).toContain('ADD GENERATED BY DEFAULT AS IDENTITY');
    expect(added).toContain("SELECT setval(pg_get_serial_sequence(${sql.lit('\"users\"')}, ${sql.lit('id')})");
    expect(text(postgres, alter(idColumn(), column('id', { kind: 'integer' }, { nullable: false })))).toContain('DROP IDENTITY');
    expect(text(postgres, alter({ ...email, generated: { sql: 'lower(x)', stored: true } }, email))).toContain('DROP EXPRESSION');
  });

  test('a table of a named schema is named schema and all, in raw statements too', () => {
    const inAudit = text(postgres, { kind: 'alterColumn', table: 'audit.users', from: column('id', { kind: 'integer' }, { nullable: false }), to: idColumn() });
    expect(inAudit).toContain("ALTER TABLE ${sql.id('audit', 'users')} ALTER COLUMN");
    expect(inAudit).toContain("pg_get_serial_sequence(${sql.lit('\"audit\".\"users\"')}");
    expect(inAudit).toContain("FROM ${sql.id('audit', 'users')}");
  });

  test('enumeration values are added in place', () => {
    expect(text(postgres, { kind: 'alterEnum', from: { name: 'mood', values: ['a'] }, to: { name: 'mood', values: ['a', 'b'] } })).toContain(
      "ALTER TYPE ${sql.id('mood')} ADD VALUE ${sql.lit('b')} AFTER ${sql.lit('a')}",
    );
  });
});

describe('MySQL overrides', () => {
  test('comments go inside the definitions, and nothing follows createTable', () => {
    const created = mysql.render({ kind: 'createTable', table: users });
    expect(created).toHaveLength(1);
    expect(created[0]).toContain(".modifyEnd(sql`comment ${sql.lit('Login')}`))");
    expect(created[0]).toContain(".modifyEnd(sql`comment = ${sql.lit('People')}`)");
    expect(text(mysql, { kind: 'setTableComment', table: 'users', to: 'Folk' })).toBe(
      "await sql`ALTER TABLE ${sql.id('users')} COMMENT = ${sql.lit('Folk')}`.execute(db);",
    );
  });

  test('a column is modified whole', () => {
    expect(text(mysql, alter(email, { ...email, nullable: true }))).toBe("await db.schema\n  .alterTable('users')\n  .modifyColumn('email', 'varchar(100)')\n  .execute();");
  });

  test('constraints drop each by its own clause; DROP INDEX names its table', () => {
    expect(text(mysql, { kind: 'dropPrimaryKey', table: 'posts', primaryKey: { columns: ['id'] } })).toContain('DROP PRIMARY KEY');
    expect(text(mysql, { kind: 'dropForeignKey', table: 'posts', foreignKey: { name: 'fk', columns: ['a'], referencedTable: 'users', referencedColumns: ['id'] } })).toContain(
      "DROP FOREIGN KEY ${sql.id('fk')}",
    );
    expect(text(mysql, { kind: 'dropUnique', table: 'posts', unique: { name: 'uq', columns: ['a'] } })).toContain(".dropIndex('uq')");
    expect(text(mysql, { kind: 'dropCheck', table: 'posts', check: { name: 'ck', sql: 'a > 0' } })).toContain(".dropConstraint('ck')");
    expect(text(mysql, { kind: 'dropIndex', table: 'posts', index: index('ix', ['a']) })).toBe("await db.schema\n  .dropIndex('ix')\n  .on('posts')\n  .execute();");
  });

  test('FULLTEXT and SPATIAL indexes are raw statements; other methods are the builder', () => {
    expect(text(mysql, { kind: 'createIndex', table: 'docs', index: { ...index('ix_body', ['body']), method: 'FULLTEXT' } })).toBe(
      "await sql`CREATE FULLTEXT INDEX ${sql.id('ix_body')} ON ${sql.id('docs')} (${sql.id('body')})`.execute(db);",
    );
    expect(text(mysql, { kind: 'createIndex', table: 'docs', index: { ...index('ix_body', ['body']), method: 'hash' } })).toContain(".using('hash')");
  });

  test('a literal default of a TEXT column is an expression (MySQL 8)', () => {
    const note = column('note', { kind: 'text' }, { default: { kind: 'literal', value: 'x' } });
    expect(text(mysql, { kind: 'addColumn', table: 'users', column: note })).toContain("defaultTo(sql`(${sql.lit('x')})`)");
    expect(text(byDefault, { kind: 'addColumn', table: 'users', column: note })).toContain("defaultTo('x')");
  });
});

describe('SQLite overrides', () => {
  test('an enumeration column checks its values; table options end the definition; comments are left to lower', () => {
    const [created] = sqlite.render({ kind: 'createTable', table: table('users', { columns: [idColumn(), email, mood], strict: true }) });
    expect(created).toContain(`.addColumn('mood', 'text', (col) => col.check(sql\`"mood" IN ('sad', 'ok')\`))`);
    expect(created).toContain('.modifyEnd(sql`STRICT`)');
  });

  test('a rebuild copies the rows through a temporary table, keeping triggers', () => {
    const body = text(sqlite, { kind: 'rebuildTable', from: table('users'), to: table('users', { columns: [idColumn(), email] }), reasons: ['add column email'] });
    expect(body.split('\n')[0]).toBe('// Rebuild "users": SQLite cannot add column email.');
    expect(body).toContain(".createTable('_schemigrate_new_users')");
    expect(body).toContain('for (const trigger of triggers) await sql.raw(trigger.sql).execute(db);');
  });
});
