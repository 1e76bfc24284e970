import { compareModels } from '../../../src/diff/compare.js';
import type { Model } from '../../../src/model/types.js';
import { renameInExpression } from '../../../src/dialects/sqlite/column-mentions.js';
import { applyOperations } from '../../../src/operations/apply.js';
import { applyToTables } from '../../../src/operations/apply-to-tables.js';
import { invertOperations } from '../../../src/operations/invert.js';
import { column, foreignKey, idColumn, index, model, referencing, table } from '../diff/builders.js';

const database: Model = model(
  [
    table('users', {
      columns: [idColumn(), column('email', { kind: 'varchar', length: 100 }), column('legacy', { kind: 'text' })],
      uniques: [{ name: 'uq_users_email', columns: ['email'] }],
      indexes: [index('ix_users_legacy', ['legacy'])],
      checks: [{ name: 'ck_users_email', sql: "email <> ''" }],
    }),
    referencing('posts', 'users'),
    table('old'),
  ],
  [{ name: 'mood', values: ['sad'] }, { name: 'gone', values: ['x'] }],
);

const schema: Model = model(
  [
    table('users', {
      columns: [
        idColumn(),
        column('email', { kind: 'varchar', length: 255 }, { nullable: false, default: { kind: 'literal', value: '' } }),
        column('team_id'),
      ],
      primaryKey: { name: 'pk_users', columns: ['id'] },
      foreignKeys: [foreignKey('fk_users_team_id_teams', ['team_id'], 'teams')],
      uniques: [],
      indexes: [index('ix_users_email', ['email'], { unique: true })],
      checks: [{ name: 'ck_users_email', sql: "email <> 'x'" }],
      comment: 'People',
    }),
    referencing('posts', 'users'),
    referencing('teams', 'users'),
    table('tags'),
  ],
  [{ name: 'mood', values: ['sad', 'happy'] }, { name: 'color', values: ['red'] }],
);

describe('applyOperations', () => {
  test('applying the diff to the database model gives the schema model', () => {
    const after = applyOperations(database, compareModels(database, schema));
    expect(compareModels(after, schema)).toEqual([]);
    expect(after.tables.map((t) => t.name)).toEqual(['posts', 'tags', 'teams', 'users']);
    expect(after.enums.map((e) => e.name)).toEqual(['color', 'mood']);
  });

  test('applying the inverse brings the database model back', () => {
    const upgrade = compareModels(database, schema);
    const back = applyOperations(applyOperations(database, upgrade), invertOperations(upgrade));
    expect(compareModels(back, database)).toEqual([]);
  });

  test('is pure', () => {
    const snapshot = JSON.stringify(database);
    applyOperations(database, compareModels(database, schema));
    expect(JSON.stringify(database)).toBe(snapshot);
  });

  test('renames follow into keys, indexes and referring foreign keys', () => {
    const start = model([
      table('users', { columns: [idColumn(), column('mail')], indexes: [index('ix_mail', ['mail'])] }),
      table('posts', { columns: [idColumn(), column('author')], foreignKeys: [foreignKey('fk', ['author'], 'users')] }),
    ]);
    const after = applyOperations(start, [
      { kind: 'renameColumn', table: 'users', from: 'id', to: 'user_id' },
      { kind: 'renameTable', from: 'users', to: 'people' },
    ]);
    const people = after.tables.find((t) => t.name === 'people')!;
    expect(people.primaryKey).toEqual({ columns: ['user_id'] });
    expect(after.tables.find((t) => t.name === 'posts')!.foreignKeys[0]).toMatchObject({
      referencedTable: 'people',
      referencedColumns: ['user_id'],
    });
  });

  test('a renamed column is not renamed in expressions, nor in an index that has one (kept whole as it was)', () => {
    const partial = index('ix_mail_partial', ['mail'], { where: 'mail IS NOT NULL' });
    const start = model([table('users', { columns: [idColumn(), column('mail')], indexes: [index('ix_mail', ['mail']), partial] })]);
    const [users] = applyOperations(start, [{ kind: 'renameColumn', table: 'users', from: 'mail', to: 'email' }]).tables;
    expect(users!.indexes).toEqual([index('ix_mail', ['email']), partial]);
  });

  test('a rebuild replaces the table', () => {
    const to = table('users', { columns: [idColumn(), column('x')] });
    expect(applyOperations(model([table('users')]), [{ kind: 'rebuildTable', from: table('users'), to, reasons: [] }])).toEqual(model([to]));
  });

  test('refuses operations on things that are not there', () => {
    expect(() => applyOperations(model([]), [{ kind: 'dropTable', table: table('nope') }])).toThrow(/nope/);
    expect(() => applyOperations(model([table('t')]), [{ kind: 'dropIndex', table: 't', index: index('ix', ['id']) }])).toThrow(/ix/);
    expect(() => applyOperations(model([table('t')]), [{ kind: 'createTable', table: table('t') }])).toThrow(/exists/);
  });
});

describe('applyToTables', () => {
  const withExpressions = () =>
    new Map([
      [
        'users',
        table('users', {
          columns: [idColumn(), column('mail'), column('domain', { kind: 'text' }, { generated: { sql: 'substr(mail, 1)', stored: false } })],
          indexes: [index('ix_mail_partial', ['mail'], { where: 'mail IS NOT NULL' })],
          checks: [{ name: 'ck_mail', sql: "mail <> 'mail'" }],
        }),
      ],
    ]);
  const rename = { kind: 'renameColumn', table: 'users', from: 'mail', to: 'email' } as const;

  test('with a rewrite (SQLite), a column rename reaches generated columns, index parts and predicates, and checks', () => {
    const tables = withExpressions();
    applyToTables(tables, rename, { renameInExpression: renameInExpression });
    const users = tables.get('users')!;
    expect(users.columns.map((c) => c.generated?.sql ?? c.name)).toEqual(['id', 'email', 'substr("email", 1)']);
    expect(users.indexes).toEqual([index('ix_mail_partial', ['email'], { where: '"email" IS NOT NULL' })]);
    expect(users.checks).toEqual([{ name: 'ck_mail', sql: `"email" <> 'mail'` }]);
  });

  test('without one, expressions and the index that has one keep the old name', () => {
    const tables = withExpressions();
    const before = tables.get('users')!;
    applyToTables(tables, rename);
    const users = tables.get('users')!;
    expect(users.columns[2]).toEqual(before.columns[2]);
    expect(users.indexes).toEqual(before.indexes);
    expect(users.checks).toEqual(before.checks);
  });

  test('enumeration and schema operations leave the tables alone', () => {
    const tables = withExpressions();
    const before = new Map(tables);
    applyToTables(tables, { kind: 'createEnum', enum: { name: 'mood', values: [] } });
    applyToTables(tables, { kind: 'createSchema', schema: 'audit' });
    expect(tables).toEqual(before);
  });
});
