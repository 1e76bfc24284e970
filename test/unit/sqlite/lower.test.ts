import { sqliteDialect } from '../../../src/dialects/sqlite/index.js';
import type { Column, Model, Table } from '../../../src/model/types.js';
import type { Operation } from '../../../src/operations/types.js';

const id: Column = { name: 'id', type: { kind: 'integer' }, nullable: false, autoIncrement: true };
const email: Column = { name: 'email', type: { kind: 'varchar', length: 255 }, nullable: true, autoIncrement: false };
const name: Column = { name: 'name', type: { kind: 'text' }, nullable: true, autoIncrement: false };
const authorId: Column = { name: 'author_id', type: { kind: 'integer' }, nullable: false, autoIncrement: false };

const users: Table = {
  name: 'users',
  columns: [id, email, name],
  primaryKey: { columns: ['id'] },
  foreignKeys: [],
  uniques: [{ name: 'uq_users_email', columns: ['email'] }],
  indexes: [{ name: 'ix_users_name', unique: false, parts: [{ kind: 'column', name: 'name', descending: false }] }],
  checks: [{ name: 'ck_users_name', sql: 'length(name) > 0' }],
};
const posts: Table = {
  name: 'posts',
  columns: [id, authorId],
  primaryKey: { columns: ['id'] },
  foreignKeys: [],
  uniques: [],
  indexes: [],
  checks: [],
};
const before: Model = { tables: [posts, users], enums: [] };
const fk = { name: 'fk_posts_author_id_users', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'] };

function lower(operations: Operation[]): Operation[] {
  return sqliteDialect.lower(operations, before);
}

function onlyRebuild(operations: Operation[]) {
  const lowered = lower(operations);
  expect(lowered).toHaveLength(1);
  expect(lowered[0]!.kind).toBe('rebuildTable');
  return lowered[0] as Extract<Operation, { kind: 'rebuildTable' }>;
}

describe('lowerForSqlite: what becomes a rebuild', () => {
  test('altering a column', () => {
    const rebuild = onlyRebuild([{ kind: 'alterColumn', table: 'users', from: email, to: { ...email, nullable: false, type: { kind: 'text' } } }]);
    expect(rebuild.from).toEqual(users);
    expect(rebuild.to.columns[1]).toEqual({ ...email, nullable: false, type: { kind: 'text' } });
    expect(rebuild.reasons).toEqual(['alter column email (type, nullability)']);
  });

  test('a default spelt differently but stored the same is no reason: the reasons follow the diff\'s own equality', () => {
    const score: Column = { name: 'name', type: { kind: 'integer' }, nullable: true, autoIncrement: false, default: { kind: 'literal', value: '0' } };
    const rebuild = onlyRebuild([{ kind: 'alterColumn', table: 'users', from: { ...name, ...score }, to: { ...name, ...score, nullable: false, default: { kind: 'literal', value: 0 } } }]);
    expect(rebuild.reasons).toEqual(['alter column name (nullability)']);
  });

  test('a column whose only change is its comment has nothing to rebuild', () => {
    expect(lower([{ kind: 'alterColumn', table: 'users', from: email, to: { ...email, comment: 'Login' } }])).toEqual([]);
  });

  test.each<[string, Operation, string]>([
    ['adding a primary key', { kind: 'addPrimaryKey', table: 'posts', primaryKey: { columns: ['id', 'author_id'] } }, 'add primary key (id, author_id)'],
    ['dropping a primary key', { kind: 'dropPrimaryKey', table: 'posts', primaryKey: { columns: ['id'] } }, 'drop primary key'],
    ['adding a foreign key', { kind: 'addForeignKey', table: 'posts', foreignKey: fk }, 'add foreign key fk_posts_author_id_users'],
    ['adding a unique constraint', { kind: 'addUnique', table: 'posts', unique: { name: 'uq_x', columns: ['author_id'] } }, 'add unique uq_x'],
    ['dropping a unique constraint', { kind: 'dropUnique', table: 'users', unique: users.uniques[0]! }, 'drop unique uq_users_email'],
    ['adding a check', { kind: 'addCheck', table: 'posts', check: { name: 'ck_x', sql: 'id > 0' } }, 'add check ck_x'],
    ['dropping a check', { kind: 'dropCheck', table: 'users', check: users.checks[0]! }, 'drop check ck_users_name'],
    [
      'adding a NOT NULL column without a default',
      { kind: 'addColumn', table: 'posts', column: { ...name, nullable: false } },
      'add column name (not null without a default)',
    ],
    [
      'adding a column with CURRENT_TIMESTAMP as default',
      { kind: 'addColumn', table: 'posts', column: { ...name, default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } } },
      'add column name (non-constant default)',
    ],
    [
      'adding a stored generated column',
      { kind: 'addColumn', table: 'posts', column: { ...name, generated: { sql: 'id * 2', stored: true } } },
      'add column name (stored generated column)',
    ],
    ['dropping a primary key column', { kind: 'dropColumn', table: 'posts', column: id }, 'drop column id (used by the primary key)'],
    ['dropping a unique column', { kind: 'dropColumn', table: 'users', column: email }, 'drop column email (used by unique uq_users_email)'],
    ['dropping an indexed column', { kind: 'dropColumn', table: 'users', column: name }, 'drop column name (used by index ix_users_name)'],
  ])('%s', (_label, operation, reason) => {
    expect(onlyRebuild([operation]).reasons).toEqual([reason]);
  });

  test('changing STRICT or WITHOUT ROWID', () => {
    const rebuild = onlyRebuild([{ kind: 'setTableOptions', table: 'posts', from: {}, to: { strict: true, withoutRowid: true } }]);
    expect(rebuild.to).toEqual({ ...posts, strict: true, withoutRowid: true });
    expect(rebuild.reasons).toEqual(['change its options (none → STRICT, WITHOUT ROWID)']);
    const back = sqliteDialect.lower([{ kind: 'setTableOptions', table: 'posts', from: { strict: true }, to: {} }], {
      tables: [{ ...posts, strict: true }],
      enums: [],
    });
    expect(back).toMatchObject([{ kind: 'rebuildTable', to: posts }]);
  });

  test('dropping a column named in a check, once its index is gone', () => {
    const dropIndex: Operation = { kind: 'dropIndex', table: 'users', index: users.indexes[0]! };
    const rebuild = onlyRebuild([dropIndex, { kind: 'dropColumn', table: 'users', column: name }]);
    expect(rebuild.reasons).toEqual(['drop column name (used by check ck_users_name)']);
    expect(rebuild.to.indexes).toEqual([]);
  });

  test('folds every change of the table into one rebuild, at the place of its first change', () => {
    const other: Operation = { kind: 'createIndex', table: 'posts', index: { name: 'ix_p', unique: false, parts: [{ kind: 'column', name: 'author_id', descending: false }] } };
    const lowered = lower([
      { kind: 'dropIndex', table: 'users', index: users.indexes[0]! },
      other,
      { kind: 'alterColumn', table: 'users', from: name, to: { ...name, nullable: false } },
      { kind: 'addColumn', table: 'users', column: { ...name, name: 'bio' } },
      { kind: 'createIndex', table: 'users', index: { name: 'ix_users_bio', unique: false, parts: [{ kind: 'column', name: 'bio', descending: false }] } },
    ]);
    expect(lowered.map((op) => op.kind)).toEqual(['rebuildTable', 'createIndex']);
    const rebuild = lowered[0] as Extract<Operation, { kind: 'rebuildTable' }>;
    expect(rebuild.to.columns.map((c) => c.name)).toEqual(['id', 'email', 'name', 'bio']);
    expect(rebuild.to.indexes.map((i) => i.name)).toEqual(['ix_users_bio']);
    expect(rebuild.reasons).toEqual(['alter column name (nullability)']);
  });

  test('runs renames natively first and rebuilds from the renamed table', () => {
    const lowered = lower([
      { kind: 'renameTable', from: 'users', to: 'people' },
      { kind: 'renameColumn', table: 'people', from: 'name', to: 'full_name' },
      { kind: 'alterColumn', table: 'people', from: { ...name, name: 'full_name' }, to: { ...name, name: 'full_name', nullable: false } },
    ]);
    expect(lowered.map((op) => op.kind)).toEqual(['renameTable', 'renameColumn', 'rebuildTable']);
    const rebuild = lowered[2] as Extract<Operation, { kind: 'rebuildTable' }>;
    expect(rebuild.from.name).toBe('people');
    expect(rebuild.from.columns.map((c) => c.name)).toEqual(['id', 'email', 'full_name']);
    expect(rebuild.from.indexes[0]!.parts).toEqual([{ kind: 'column', name: 'full_name', descending: false }]);
    expect(rebuild.from.checks).toEqual([{ name: 'ck_users_name', sql: 'length("full_name") > 0' }]);
    expect(rebuild.to.columns[2]).toEqual({ ...name, name: 'full_name', nullable: false });
  });

  test('renaming a referenced table rewrites the foreign keys that point at it', () => {
    const withFk: Model = { tables: [{ ...posts, foreignKeys: [fk] }, users], enums: [] };
    const lowered = sqliteDialect.lower(
      [
        { kind: 'renameTable', from: 'users', to: 'people' },
        { kind: 'addCheck', table: 'posts', check: { name: 'ck_x', sql: 'id > 0' } },
      ],
      withFk,
    );
    const rebuild = lowered[1] as Extract<Operation, { kind: 'rebuildTable' }>;
    expect(rebuild.to.foreignKeys[0]!.referencedTable).toBe('people');
  });
});

describe('lowerForSqlite: what passes through', () => {
  test.each<[string, Operation]>([
    ['adding a nullable column', { kind: 'addColumn', table: 'posts', column: name }],
    ['adding a NOT NULL column with a literal default', { kind: 'addColumn', table: 'posts', column: { ...name, nullable: false, default: { kind: 'literal', value: '' } } }],
    ['adding a virtual generated column', { kind: 'addColumn', table: 'posts', column: { ...name, generated: { sql: 'id * 2', stored: false } } }],
    ['dropping an unused column', { kind: 'dropColumn', table: 'posts', column: authorId }],
    ['creating an index', { kind: 'createIndex', table: 'posts', index: { name: 'ix', unique: true, parts: [{ kind: 'column', name: 'id', descending: false }] } }],
    ['dropping an index', { kind: 'dropIndex', table: 'users', index: users.indexes[0]! }],
    ['renaming a column', { kind: 'renameColumn', table: 'users', from: 'name', to: 'nick' }],
    ['dropping a table', { kind: 'dropTable', table: users }],
  ])('%s', (_label, operation) => {
    expect(lower([operation])).toEqual([operation]);
  });

  test('drops what SQLite has no notion of: enumerations, comments, comment-only column changes', () => {
    expect(
      lower([
        { kind: 'createEnum', enum: { name: 'mood', values: ['a'] } },
        { kind: 'setTableComment', table: 'users', to: 'People' },
        { kind: 'alterColumn', table: 'users', from: name, to: { ...name, comment: 'Their name' } },
      ]),
    ).toEqual([]);
  });

  test('folds foreign keys (and other constraints) added to a table created in the same list into its CREATE TABLE', () => {
    const comments: Table = { name: 'comments', columns: [id, authorId], primaryKey: { columns: ['id'] }, foreignKeys: [], uniques: [], indexes: [], checks: [] };
    const commentFk = { ...fk, name: 'fk_comments_author_id_users' };
    const lowered = lower([
      { kind: 'createTable', table: comments },
      { kind: 'createIndex', table: 'comments', index: { name: 'ix_c', unique: false, parts: [{ kind: 'column', name: 'author_id', descending: false }] } },
      { kind: 'addForeignKey', table: 'comments', foreignKey: commentFk },
      { kind: 'addCheck', table: 'comments', check: { name: 'ck_c', sql: 'id > 0' } },
    ]);
    expect(lowered.map((op) => op.kind)).toEqual(['createTable', 'createIndex']);
    expect(lowered[0]).toEqual({
      kind: 'createTable',
      table: { ...comments, foreignKeys: [commentFk], checks: [{ name: 'ck_c', sql: 'id > 0' }] },
    });
  });

  test('drops tables that refer to each other directly: the foreign key dropped to break the cycle has no step', () => {
    const withFk: Table = { ...posts, foreignKeys: [fk] };
    const cycle: Model = { tables: [withFk, { ...users, foreignKeys: [{ ...fk, name: 'fk_users_id_posts', columns: ['id'], referencedTable: 'posts' }] }], enums: [] };
    const lowered = sqliteDialect.lower(
      [
        { kind: 'dropForeignKey', table: 'posts', foreignKey: fk },
        { kind: 'dropTable', table: cycle.tables[1]! },
        { kind: 'dropTable', table: { ...withFk, foreignKeys: [] } },
      ],
      cycle,
    );
    expect(lowered.map((op) => op.kind)).toEqual(['dropTable', 'dropTable']);
  });
});

describe('validateForSqlite', () => {
  test('names every construct SQLite cannot express', () => {
    const schema: Model = {
      tables: [
        {
          ...posts,
          columns: [{ ...id, type: { kind: 'bigint' } }, authorId],
          foreignKeys: [{ ...fk, deferrable: 'deferred' }],
          indexes: [{ name: 'ix_gin', unique: false, method: 'gin', parts: [{ kind: 'column', name: 'author_id', descending: false }] }],
        },
        users,
      ],
      enums: [],
    };
    expect(sqliteDialect.validate(schema)).toEqual([
      'Foreign key fk_posts_author_id_users on posts: deferrable is PostgreSQL-only.',
      'Index ix_gin on posts: SQLite has no index methods (using gin).',
      'Column posts.id: SQLite allows auto-increment only on an integer() column that is the whole primary key.',
    ]);
    expect(sqliteDialect.validate(before)).toEqual([]);
  });

  test('STRICT takes only its own types; WITHOUT ROWID needs a primary key and has no auto-increment', () => {
    const schema: Model = {
      tables: [
        { ...users, strict: true, columns: [{ ...id, autoIncrement: false }, email, name, { ...name, name: 'body', type: { kind: 'custom', sql: 'ANY' } }] },
        { ...posts, withoutRowid: true },
        { ...posts, name: 'keyless', primaryKey: undefined, columns: [authorId], withoutRowid: true },
      ],
      enums: [],
    };
    expect(sqliteDialect.validate(schema)).toEqual([
      "Column users.email: a STRICT table takes only the types INT, INTEGER, REAL, TEXT, BLOB and ANY, not varchar(255); declare it integer(), real(), text(), blob() or custom('any').",
      'Column posts.id: SQLite has no auto-increment in a WITHOUT ROWID table.',
      'Table keyless: a WITHOUT ROWID table needs a primary key.',
    ]);
  });
});

describe('comments (SQLite stores none)', () => {
  test('a created table and an added column lose their comments', () => {
    const commented: Table = { ...users, name: 'people', comment: 'who', columns: [{ ...id, comment: 'key' }, name] };
    expect(lower([{ kind: 'createTable', table: commented }, { kind: 'addColumn', table: 'posts', column: { ...name, comment: 'c' } }])).toEqual([
      { kind: 'createTable', table: { ...users, name: 'people', columns: [id, name] } },
      { kind: 'addColumn', table: 'posts', column: name },
    ]);
  });

  test('a rebuilt table carries no comment from an altered column', () => {
    const rebuild = onlyRebuild([{ kind: 'alterColumn', table: 'users', from: email, to: { ...email, nullable: false, comment: 'c' } }]);
    expect(rebuild.to.columns.find((column) => column.name === 'email')).toEqual({ ...email, nullable: false });
  });
});
