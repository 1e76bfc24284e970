import { DEFAULT_NAMING_CONVENTION } from '../../../src/config/load.js';
import { mysqlStringLiteral } from '../../../src/dialects/mysql/types.js';
import { standardStringLiteral } from '../../../src/model/string-literal.js';
import {
  bigint,
  blob,
  boolean,
  char,
  check,
  custom,
  date,
  double,
  enumeration,
  foreignKey,
  index,
  integer,
  json,
  jsonb,
  numeric,
  primaryKey,
  real,
  smallint,
  sql,
  table,
  text,
  time,
  timestamp,
  unique,
  uuid,
  varchar,
  type ColumnRef,
  type TableDefinition,
} from '../../../src/index.js';
import { toModel } from '../../../src/schema/to-model.js';
import type { Model, Table } from '../../../src/model/types.js';
import { SchemigrateError } from '../../../src/util/errors.js';

const options = { naming: DEFAULT_NAMING_CONVENTION, maxIdentifierLength: 63, stringLiteral: standardStringLiteral };

function model(tables: TableDefinition<any>[], enums: object[] = []): Model {
  return toModel({ tables, enums }, options);
}

function only(tables: TableDefinition<any>[]): Table {
  return model(tables).tables.find((t) => t.name === tables[0]!.name)!;
}

describe('column types', () => {
  it('maps every portable type to its model type', () => {
    const mood = enumeration('mood', ['sad', 'ok']);
    const all = table('all_types', {
      a: smallint(),
      b: integer(),
      c: bigint(),
      d: real(),
      e: double(),
      f: numeric(),
      g: numeric(12),
      h: numeric(10, 2),
      i: varchar(),
      j: varchar(80),
      k: char(2),
      l: text(),
      m: boolean(),
      n: date(),
      o: time(),
      p: timestamp(),
      q: timestamp({ withTimezone: true, precision: 3 }),
      r: json(),
      s: jsonb(),
      t: uuid(),
      u: blob(),
      v: mood(),
      w: custom(' citext '),
    });
    expect(only([all]).columns.map((column) => [column.name, column.type])).toEqual([
      ['a', { kind: 'smallint' }],
      ['b', { kind: 'integer' }],
      ['c', { kind: 'bigint' }],
      ['d', { kind: 'real' }],
      ['e', { kind: 'double' }],
      ['f', { kind: 'numeric' }],
      ['g', { kind: 'numeric', precision: 12 }],
      ['h', { kind: 'numeric', precision: 10, scale: 2 }],
      ['i', { kind: 'varchar' }],
      ['j', { kind: 'varchar', length: 80 }],
      ['k', { kind: 'char', length: 2 }],
      ['l', { kind: 'text' }],
      ['m', { kind: 'boolean' }],
      ['n', { kind: 'date' }],
      ['o', { kind: 'time' }],
      ['p', { kind: 'timestamp', withTimezone: false }],
      ['q', { kind: 'timestamp', withTimezone: true, precision: 3 }],
      ['r', { kind: 'json' }],
      ['s', { kind: 'jsonb' }],
      ['t', { kind: 'uuid' }],
      ['u', { kind: 'blob' }],
      ['v', { kind: 'enum', name: 'mood', values: ['sad', 'ok'] }],
      ['w', { kind: 'custom', sql: 'citext' }],
    ]);
  });

  it('rejects impossible type parameters', () => {
    expect(() => varchar(0)).toThrow(SchemigrateError);
    expect(() => char(1.5)).toThrow(/char length must be a positive integer/);
    expect(() => numeric(undefined, 2)).toThrow(/scale needs a precision/);
    expect(() => numeric(4, 5)).toThrow(/between 0 and the precision/);
    expect(() => timestamp({ precision: 9 })).toThrow(/0 to 6/);
    expect(() => custom('')).toThrow(/custom\(\)/);
    expect(() => enumeration('e', [])).toThrow(/non-empty array/);
    expect(() => enumeration('e', ['a', 'a'])).toThrow(/lists 'a' twice/);
  });
});

describe('column modifiers', () => {
  it('maps nullability, defaults, auto-increment, generation, comments and collations', () => {
    const t = table('items', {
      id: bigint().primaryKey().autoIncrement(),
      name: text().notNull().collate('C').comment('display name'),
      note: text(),
      count: integer().notNull().default(0),
      label: varchar(20).default("it's"),
      active: boolean().default(false),
      gone: text().default(null),
      createdAt: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
      total: numeric(10, 2).generatedAs(sql`count * 2`, { stored: true }),
      virtualTotal: integer().generatedAs(sql`count + 1`),
    });
    expect(only([t]).columns).toEqual([
      { name: 'id', type: { kind: 'bigint' }, nullable: false, autoIncrement: true },
      { name: 'name', type: { kind: 'text' }, nullable: false, autoIncrement: false, collation: 'C', comment: 'display name' },
      { name: 'note', type: { kind: 'text' }, nullable: true, autoIncrement: false },
      { name: 'count', type: { kind: 'integer' }, nullable: false, autoIncrement: false, default: { kind: 'literal', value: 0 } },
      { name: 'label', type: { kind: 'varchar', length: 20 }, nullable: true, autoIncrement: false, default: { kind: 'literal', value: "it's" } },
      { name: 'active', type: { kind: 'boolean' }, nullable: true, autoIncrement: false, default: { kind: 'literal', value: false } },
      { name: 'gone', type: { kind: 'text' }, nullable: true, autoIncrement: false, default: { kind: 'literal', value: null } },
      {
        name: 'createdAt',
        type: { kind: 'timestamp', withTimezone: false },
        nullable: false,
        autoIncrement: false,
        default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' },
      },
      {
        name: 'total',
        type: { kind: 'numeric', precision: 10, scale: 2 },
        nullable: true,
        autoIncrement: false,
        generated: { sql: 'count * 2', stored: true },
      },
      { name: 'virtualTotal', type: { kind: 'integer' }, nullable: true, autoIncrement: false, generated: { sql: 'count + 1', stored: false } },
    ]);
  });

  it('is immutable: a modifier returns a new builder and leaves the original alone', () => {
    const base = integer();
    const t = table('t', { a: base, b: base.notNull(), c: base.default(1) });
    expect(only([t]).columns.map((c) => [c.nullable, c.default])).toEqual([
      [true, undefined],
      [false, undefined],
      [true, { kind: 'literal', value: 1 }],
    ]);
  });

  it('rejects defaults that are neither literals nor sql', () => {
    expect(() => text().default(new Date() as never)).toThrow(/default\(\) takes a string/);
    expect(() => integer().default(Number.POSITIVE_INFINITY)).toThrow(SchemigrateError);
  });

  it('names single-column primary keys and uniques by convention', () => {
    const t = table('users', { id: integer().primaryKey(), email: text().unique(), handle: text().notNull().unique() });
    const users = only([t]);
    expect(users.primaryKey).toEqual({ name: 'pk_users', columns: ['id'] });
    expect(users.uniques).toEqual([
      { name: 'uq_users_email', columns: ['email'] },
      { name: 'uq_users_handle', columns: ['handle'] },
    ]);
  });

  it('turns references() into foreign keys, with options and lazy targets', () => {
    const posts = table('posts', {
      id: integer().primaryKey(),
      authorId: integer()
        .notNull()
        .references(() => users.columns.id, { onDelete: 'cascade', onUpdate: 'SET NULL' as never, deferrable: 'deferred' }),
      editorId: integer().references(() => users.columns.id, { name: 'posts_editor_fkey', onDelete: 'no action' }),
      // A self-reference needs the return type spelt out, or TypeScript sees a circular type.
      parentId: integer().references((): ColumnRef => posts.columns.id),
    });
    const users = table('users', { id: integer().primaryKey() });
    expect(model([posts, users]).tables[0]!.foreignKeys).toEqual([
      {
        name: 'fk_posts_authorId_users',
        columns: ['authorId'],
        referencedTable: 'users',
        referencedColumns: ['id'],
        onDelete: 'cascade',
        onUpdate: 'set null',
        deferrable: 'deferred',
      },
      { name: 'fk_posts_parentId_posts', columns: ['parentId'], referencedTable: 'posts', referencedColumns: ['id'] },
      { name: 'posts_editor_fkey', columns: ['editorId'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'no action' },
    ]);
  });

  it('rejects unknown referential actions and deferrable modes', () => {
    expect(() => integer().references(() => undefined as never, { onDelete: 'explode' as never })).toThrow(/onDelete must be one of/);
    expect(() => integer().references(() => undefined as never, { deferrable: 'later' as never })).toThrow(/deferrable must be/);
  });
});

describe('table extras', () => {
  it('maps indexes: columns, descending parts, expressions, unique, where and method', () => {
    const t = table(
      'events',
      { id: integer().primaryKey(), kind: text(), at: timestamp(), tags: jsonb(), title: text() },
      (c) => [
        index().on(c.kind, c.at.desc()),
        index('events_title_lower').on(sql`lower(title)`).unique(),
        index().on(c.kind).where(sql`kind <> ${'noise'}`),
        index().on(c.tags).using('GIN'),
        index().on(c.kind, sql`lower(title)`),
      ],
    );
    const events = only([t]);
    expect(events.indexes).toEqual([
      { name: 'events_title_lower', unique: true, parts: [{ kind: 'expression', sql: 'lower(title)', descending: false }] },
      { name: 'ix_events_kind', unique: false, parts: [{ kind: 'column', name: 'kind', descending: false }], where: "kind <> 'noise'" },
      {
        name: 'ix_events_kind_at',
        unique: false,
        parts: [
          { kind: 'column', name: 'kind', descending: false },
          { kind: 'column', name: 'at', descending: true },
        ],
      },
      {
        name: expect.stringMatching(/^ix_events_kind_expr_[0-9a-f]{8}$/),
        unique: false,
        parts: [
          { kind: 'column', name: 'kind', descending: false },
          { kind: 'expression', sql: 'lower(title)', descending: false },
        ],
      },
      { name: 'ix_events_tags', unique: false, parts: [{ kind: 'column', name: 'tags', descending: false }], method: 'gin' },
    ]);
  });

  it('names a name-less expression index with expr and a stable hash of the expression', () => {
    const first = table('docs', { body: text() }, () => [index().on(sql`lower(body)`)]);
    const again = table('docs', { body: text() }, () => [index().on(sql`lower(body)`)]);
    const other = table('docs', { body: text() }, () => [index().on(sql`upper(body)`)]);
    const nameOf = (t: TableDefinition<any>) => only([t]).indexes[0]!.name;
    expect(nameOf(first)).toMatch(/^ix_docs_expr_[0-9a-f]{8}$/);
    expect(nameOf(again)).toBe(nameOf(first));
    expect(nameOf(other)).not.toBe(nameOf(first));
  });

  it('maps composite primary keys (columns become NOT NULL), uniques, foreign keys and checks', () => {
    const members = table('members', { orgId: integer(), userId: integer(), role: text() }, (t) => [
      primaryKey().on(t.orgId, t.userId),
      unique('members_role_per_org').on(t.orgId, t.role),
    ]);
    const invites = table(
      'invites',
      { id: integer().primaryKey(), orgId: integer().notNull(), userId: integer().notNull(), price: numeric(8, 2) },
      (t) => [
        foreignKey().columns(t.orgId, t.userId).references(() => [members.columns.orgId, members.columns.userId]).onDelete('cascade').onUpdate('restrict').deferrable(),
        check('price_positive', sql`price > 0`),
        unique().on(t.orgId, t.userId),
      ],
    );
    const result = model([members, invites]);
    expect(result.tables.map((t) => t.name)).toEqual(['invites', 'members']);
    const [inv, mem] = result.tables;
    expect(mem!.primaryKey).toEqual({ name: 'pk_members', columns: ['orgId', 'userId'] });
    expect(mem!.columns.map((c) => c.nullable)).toEqual([false, false, true]);
    expect(mem!.uniques).toEqual([{ name: 'members_role_per_org', columns: ['orgId', 'role'] }]);
    expect(inv!.foreignKeys).toEqual([
      {
        name: 'fk_invites_orgId_userId_members',
        columns: ['orgId', 'userId'],
        referencedTable: 'members',
        referencedColumns: ['orgId', 'userId'],
        onDelete: 'cascade',
        onUpdate: 'restrict',
        deferrable: 'immediate',
      },
    ]);
    expect(inv!.checks).toEqual([{ name: 'ck_invites_price_positive', sql: 'price > 0' }]);
    expect(inv!.uniques).toEqual([{ name: 'uq_invites_orgId_userId', columns: ['orgId', 'userId'] }]);
  });

  it('uses a custom convention and shortens names over the identifier limit', () => {
    const t = table('a_rather_long_table_name_for_testing', { some_long_column_name: text() }, (c) => [index().on(c.some_long_column_name)]);
    const [long] = toModel({ tables: [t], enums: [] }, { ...options, maxIdentifierLength: 30 }).tables;
    expect(long!.indexes[0]!.name).toMatch(/^ix_a_rather_long_tabl_[0-9a-f]{8}$/);
    const custom = toModel({ tables: [t], enums: [] }, { ...options, naming: { ...DEFAULT_NAMING_CONVENTION, ix: 'idx_{columns}' } });
    expect(custom.tables[0]!.indexes[0]!.name).toBe('idx_some_long_column_name');
  });

  it('sets a table comment', () => {
    const t = table('notes', { id: integer().primaryKey() }).comment('free text');
    expect(only([t]).comment).toBe('free text');
  });
});

describe('strings interpolated into sql expressions', () => {
  const path = 'C:\\tmp\\';
  const notes = table(
    'notes',
    {
      id: integer().primaryKey(),
      note: text().default(sql`${path}`).check(sql`note <> ${path}`),
      label: text().generatedAs(sql`concat(note, ${path})`),
    },
    () => [index().on(sql`concat(note, ${path}) DESC`).where(sql`note <> ${path}`), check('path', sql`label <> ${path}`)],
  );

  it('are spelt by the dialect the schema is loaded for', () => {
    const spelt = (stringLiteral: (value: string) => string) => {
      const [loaded] = toModel({ tables: [notes], enums: [] }, { ...options, stringLiteral }).tables;
      const column = (name: string) => loaded!.columns.find((c) => c.name === name)!;
      return {
        default: column('note').default,
        generated: column('label').generated?.sql,
        checks: loaded!.checks.map((c) => c.sql),
        index: [loaded!.indexes[0]!.parts, loaded!.indexes[0]!.where],
      };
    };
    expect(spelt(standardStringLiteral)).toEqual({
      default: { kind: 'expression', sql: "'C:\\tmp\\'" },
      generated: "concat(note, 'C:\\tmp\\')",
      checks: ["note <> 'C:\\tmp\\'", "label <> 'C:\\tmp\\'"],
      index: [[{ kind: 'expression', sql: "concat(note, 'C:\\tmp\\')", descending: true }], "note <> 'C:\\tmp\\'"],
    });
    const doubled = "'C:\\\\tmp\\\\'";
    expect(spelt(mysqlStringLiteral)).toEqual({
      default: { kind: 'expression', sql: doubled },
      generated: `concat(note, ${doubled})`,
      checks: [`note <> ${doubled}`, `label <> ${doubled}`],
      index: [[{ kind: 'expression', sql: `concat(note, ${doubled})`, descending: true }], `note <> ${doubled}`],
    });
  });
});

describe('enums', () => {
  it('collects exported enums and enums used by columns, sorted and deduplicated', () => {
    const mood = enumeration('mood', ['sad', 'ok']);
    const color = enumeration('color', ['red']);
    const unused = enumeration('aaa', ['x']);
    const t = table('people', { feeling: mood().notNull(), favourite: color() });
    expect(model([t], [mood, unused]).enums).toEqual([
      { name: 'aaa', values: ['x'] },
      { name: 'color', values: ['red'] },
      { name: 'mood', values: ['sad', 'ok'] },
    ]);
  });

  it('rejects one enum name with two value lists', () => {
    const a = enumeration('state', ['on']);
    const b = enumeration('state', ['on', 'off']);
    expect(() => model([table('x', { s: a() })], [b])).toThrow(/Two enumerations are named 'state'/);
  });
});

describe('errors', () => {
  it('rejects two tables with one name', () => {
    const a = table('users', { id: integer() });
    const b = table('users', { id: integer() });
    expect(() => model([a, b])).toThrow(SchemigrateError);
    expect(() => model([a, b])).toThrow(/Two tables are named 'users'/);
  });

  it('rejects a reference to a column that is not in the table', () => {
    const users = table('users', { id: integer().primaryKey() });
    const posts = table('posts', { authorId: integer().references(() => (users.columns as any).uid) });
    expect(() => model([users, posts])).toThrow(/Column posts.authorId references undefined/);
    const other = table('other', { x: integer() }, () => [index().on(users.columns.id)]);
    expect(() => model([users, other])).toThrow(/index\(\) of table 'other' lists users.id, a column of another table/);
  });

  it('rejects a reference to a table that is not exported', () => {
    const hidden = table('hidden', { id: integer().primaryKey() });
    const posts = table('posts', { hiddenId: integer().references(() => hidden.columns.id) });
    expect(() => model([posts])).toThrow("Column posts.hiddenId references hidden.id, but table 'hidden' is not exported from the schema barrel.");
  });

  it('rejects autoIncrement on a non-integer column', () => {
    const t = table('t', { id: text().primaryKey().autoIncrement() });
    expect(() => model([t])).toThrow('Column t.id is text, but autoIncrement() needs smallint(), integer(), bigint() or a custom() integer type.');
  });

  it('rejects two primary keys, extras without columns, and mismatched foreign keys', () => {
    expect(() => model([table('t', { a: integer().primaryKey(), b: integer().primaryKey() })])).toThrow(/more than one primary key/);
    expect(() => model([table('t', { a: integer().primaryKey() }, (t) => [primaryKey().on(t.a)])])).toThrow(/more than one primary key/);
    expect(() => model([table('t', { a: integer() }, () => [index()])])).toThrow(/needs .on/);
    const target = table('target', { x: integer(), y: integer() });
    const fk = table('src', { a: integer() }, (t) => [foreignKey().columns(t.a).references(() => [target.columns.x, target.columns.y])]);
    expect(() => model([target, fk])).toThrow(/lists 1 column\(s\) but references 2/);
  });

  it('rejects two indexes with one name', () => {
    const t = table('t', { a: integer() }, (c) => [index().on(c.a), index().on(c.a)]);
    expect(() => model([t])).toThrow(/two constraints or indexes named 'ix_t_a'/);
  });

  it('rejects malformed table() calls', () => {
    expect(() => table('t', { a: integer } as never)).toThrow(/missing parentheses/);
    expect(() => table('t', { a: integer() }, () => 'nope' as never)).toThrow(/must return an array/);
    expect(() => table('t', { a: integer() }, () => [{}] as never)).toThrow(/not index\(\), unique\(\)/);
    expect(() => table('t', { a: integer() }, (c) => [index().on((c as any).b)])).toThrow(/misspelt column/);
  });
});
