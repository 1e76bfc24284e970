import { compareModels } from '../../../src/diff/compare.js';
import type { Operation } from '../../../src/operations/types.js';
import { column, foreignKey, idColumn, index, model, table } from './builders.js';

const users = table('users', {
  columns: [idColumn(), column('email', { kind: 'varchar', length: 100 }, { nullable: false })],
  uniques: [{ name: 'uq_users_email', columns: ['email'] }],
  indexes: [index('ix_users_email', ['email'])],
  checks: [{ name: 'ck_users_email', sql: "email <> ''" }],
});

function kinds(ops: readonly Operation[]): string[] {
  return ops.map((op) => op.kind);
}

describe('compareModels', () => {
  test('identical models give no operations', () => {
    expect(compareModels(model([users]), model([users]))).toEqual([]);
  });

  test('a schema-only table is created, a database-only table dropped with its whole definition', () => {
    expect(compareModels(model([]), model([users]))).toEqual([{ kind: 'createTable', table: users }]);
    expect(compareModels(model([users]), model([]))).toEqual([{ kind: 'dropTable', table: users }]);
  });

  describe('columns', () => {
    test('a new column is added and a vanished one dropped (no rename guessing)', () => {
      const renamed = { ...users, columns: [idColumn(), column('mail', { kind: 'varchar', length: 100 }, { nullable: false })] };
      const ops = compareModels(model([users]), model([{ ...renamed, uniques: [], indexes: [], checks: [] }]));
      expect(ops).toContainEqual({ kind: 'addColumn', table: 'users', column: renamed.columns[1] });
      expect(ops).toContainEqual({ kind: 'dropColumn', table: 'users', column: users.columns[1] });
      expect(ops.some((op) => op.kind === 'renameColumn')).toBe(false);
    });

    test.each([
      ['type', { type: { kind: 'varchar', length: 255 } }],
      ['nullability', { nullable: true }],
      ['default', { default: { kind: 'literal', value: 'x' } }],
      ['auto-increment', { autoIncrement: true }],
      ['comment', { comment: 'Login' }],
      ['collation', { collation: 'C' }],
    ] as const)('a change of %s is one alterColumn from the database column', (_aspect, change) => {
      const before = users.columns[1]!;
      const after = { ...before, ...change };
      const schema = { ...users, columns: [idColumn(), after] };
      expect(compareModels(model([users]), model([schema]))).toEqual([
        { kind: 'alterColumn', table: 'users', from: before, to: after },
      ]);
    });

    test('a column that becomes generated is one alterColumn, its unique, index and check re-created around it', () => {
      const before = users.columns[1]!;
      const after = { ...before, generated: { sql: 'lower(id)', stored: true } };
      const ops = compareModels(model([users]), model([{ ...users, columns: [idColumn(), after] }]));
      expect(ops.filter((op) => op.kind === 'alterColumn')).toEqual([{ kind: 'alterColumn', table: 'users', from: before, to: after }]);
      expect(kinds(ops)).toEqual(['dropCheck', 'dropIndex', 'dropUnique', 'alterColumn', 'addUnique', 'createIndex', 'addCheck']);
    });

    test('alterColumn carries the database spelling of aspects that did not change', () => {
      const databaseColumn = column('n', { kind: 'integer' }, { default: { kind: 'expression', sql: '(0)' } });
      const schemaColumn = column('n', { kind: 'bigint' }, { default: { kind: 'expression', sql: '0' } });
      const ops = compareModels(model([table('t', { columns: [databaseColumn] })]), model([table('t', { columns: [schemaColumn] })]));
      expect(ops).toEqual([
        { kind: 'alterColumn', table: 't', from: databaseColumn, to: { ...databaseColumn, type: { kind: 'bigint' } } },
      ]);
    });

    test('a removed default is absent (not undefined) in the target column', () => {
      const databaseColumn = column('n', { kind: 'integer' }, { default: { kind: 'literal', value: 1 } });
      const ops = compareModels(model([table('t', { columns: [databaseColumn] })]), model([table('t', { columns: [column('n')] })]));
      expect(ops).toHaveLength(1);
      expect(ops[0]!.kind === 'alterColumn' && 'default' in ops[0]!.to).toBe(false);
    });

    test('equivalent spellings are equal: expression whitespace and case, literal vs its SQL', () => {
      const a = table('t', { columns: [column('c', { kind: 'text' }, { default: { kind: 'expression', sql: 'NOW( )' } })] });
      const b = table('t', { columns: [column('c', { kind: 'text' }, { default: { kind: 'expression', sql: 'now()' } })] });
      expect(compareModels(model([a]), model([b]))).toEqual([]);
      const c = table('t', { columns: [column('c', { kind: 'text' }, { default: { kind: 'expression', sql: "'a'" } })] });
      const d = table('t', { columns: [column('c', { kind: 'text' }, { default: { kind: 'literal', value: 'a' } })] });
      expect(compareModels(model([c]), model([d]))).toEqual([]);
    });
  });

  describe('canonical', () => {
    const schemaTable = table('t', {
      columns: [idColumn(), column('c', { kind: 'varchar', length: 10 }, { default: { kind: 'literal', value: 'a' } })],
      checks: [{ name: 'ck_t_c', sql: "c IN ('a', 'b')" }],
    });
    const databaseTable = table('t', {
      columns: [
        idColumn(),
        column('c', { kind: 'varchar', length: 10 }, { default: { kind: 'expression', sql: "'a'::character varying" } }),
      ],
      checks: [{ name: 'ck_t_c', sql: "((c)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))" }],
    });

    test('without it, server spellings differ from the declared ones', () => {
      expect(kinds(compareModels(model([databaseTable]), model([schemaTable])))).toEqual(['dropCheck', 'alterColumn', 'addCheck']);
    });

    test('with it, equality is decided against the canonical model', () => {
      const canonical = model([databaseTable]);
      expect(compareModels(model([databaseTable]), model([schemaTable]), { canonical })).toEqual([]);
    });

    test('several canonical models are several acceptable spellings', () => {
      const reparsed = { ...databaseTable, checks: [{ name: 'ck_t_c', sql: "((c)::text = ANY (ARRAY[('a'::character varying)::text]))" }] };
      const canonical = model([databaseTable]);
      expect(kinds(compareModels(model([reparsed]), model([schemaTable]), { canonical }))).toEqual(['dropCheck', 'addCheck']);
      expect(compareModels(model([reparsed]), model([schemaTable]), { canonical: [canonical, model([reparsed])] })).toEqual([]);
    });

    test('a column aspect changes only when it differs from every spelling', () => {
      const typed = { ...databaseTable, columns: [idColumn(), column('c', { kind: 'text' }, { default: { kind: 'expression', sql: "'a'::text" } })] };
      const ops = compareModels(model([typed]), model([schemaTable]), { canonical: [model([databaseTable])] });
      expect(ops).toEqual([
        // The check mentions the column whose kind of type changes: re-created around it.
        { kind: 'dropCheck', table: 't', check: typed.checks[0] },
        { kind: 'alterColumn', table: 't', from: typed.columns[1], to: { ...typed.columns[1], type: { kind: 'varchar', length: 10 }, default: { kind: 'literal', value: 'a' } } },
        { kind: 'addCheck', table: 't', check: schemaTable.checks[0] },
      ]);
    });

    test('checks and expression indexes over a column changing kind of type are re-created around the change', () => {
      const before = table('t', {
        columns: [idColumn(), column('n', { kind: 'integer' }), column('other', { kind: 'integer' })],
        checks: [{ name: 'ck_t_n', sql: 'n >= 0' }, { name: 'ck_t_other', sql: 'other >= 0' }],
        indexes: [{ name: 'ix_t_n', unique: false, parts: [{ kind: 'expression', sql: 'abs("n")', descending: false }] }],
      });
      const after = { ...before, columns: [idColumn(), column('n', { kind: 'numeric', precision: 10, scale: 2 }), column('other', { kind: 'integer' })] };
      const ops = compareModels(model([before]), model([after])).map((op) => `${op.kind} ${'check' in op ? op.check.name : 'index' in op ? op.index.name : ''}`.trim());
      expect([...ops].sort()).toEqual(['addCheck ck_t_n', 'alterColumn', 'createIndex ix_t_n', 'dropCheck ck_t_n', 'dropIndex ix_t_n']);
      const alter = ops.indexOf('alterColumn');
      expect(ops.slice(0, alter).sort()).toEqual(['dropCheck ck_t_n', 'dropIndex ix_t_n']);
      // A new length of the same kind re-parses to the same text: nothing extra.
      const text = (length: number) => ({ ...before, columns: [idColumn(), column('n', { kind: 'varchar', length }), column('other', { kind: 'integer' })] });
      expect(compareModels(model([text(10)]), model([text(20)])).map((op) => op.kind)).toEqual(['alterColumn']);
    });

    test('operations still carry the user spelling', () => {
      const canonical = model([{ ...databaseTable, checks: [{ name: 'ck_t_c', sql: '(c > 1)' }] }]);
      const ops = compareModels(model([databaseTable]), model([schemaTable]), { canonical });
      expect(ops).toEqual([
        { kind: 'dropCheck', table: 't', check: databaseTable.checks[0] },
        { kind: 'addCheck', table: 't', check: schemaTable.checks[0] },
      ]);
    });
  });

  describe('primary keys', () => {
    test('names are ignored when one side has none', () => {
      const named = table('t', { primaryKey: { name: 'pk_t', columns: ['id'] } });
      expect(compareModels(model([table('t')]), model([named]))).toEqual([]);
    });

    test('a changed key is dropped and added', () => {
      const wide = table('t', { columns: [idColumn(), column('k', { kind: 'integer' }, { nullable: false })] });
      const composite = { ...wide, primaryKey: { name: 'pk_t', columns: ['id', 'k'] } };
      const withOld = { ...wide, primaryKey: { name: 'pk_t', columns: ['id'] } };
      expect(compareModels(model([withOld]), model([composite]))).toEqual([
        { kind: 'dropPrimaryKey', table: 't', primaryKey: withOld.primaryKey },
        { kind: 'addPrimaryKey', table: 't', primaryKey: composite.primaryKey },
      ]);
    });

    test('a differently named key is dropped and added', () => {
      const a = table('t', { primaryKey: { name: 't_pkey', columns: ['id'] } });
      const b = table('t', { primaryKey: { name: 'pk_t', columns: ['id'] } });
      expect(kinds(compareModels(model([a]), model([b])))).toEqual(['dropPrimaryKey', 'addPrimaryKey']);
    });
  });

  describe('foreign keys', () => {
    const parent = table('parent');
    const child = (extra = {}) =>
      table('child', { columns: [idColumn(), column('parent_id')], foreignKeys: [foreignKey('fk_child', ['parent_id'], 'parent', extra)] });

    test('an undefined action equals no action', () => {
      expect(compareModels(model([parent, child()]), model([parent, child({ onDelete: 'no action', onUpdate: 'no action' })]))).toEqual([]);
    });

    test('a new key is added, a vanished one dropped', () => {
      const bare = table('child', { columns: [idColumn(), column('parent_id')] });
      expect(compareModels(model([parent, bare]), model([parent, child()]))).toEqual([
        { kind: 'addForeignKey', table: 'child', foreignKey: child().foreignKeys[0] },
      ]);
      expect(compareModels(model([parent, child()]), model([parent, bare]))).toEqual([
        { kind: 'dropForeignKey', table: 'child', foreignKey: child().foreignKeys[0] },
      ]);
    });

    test.each([{ onDelete: 'cascade' }, { onUpdate: 'set null' }, { deferrable: 'deferred' }, { referencedColumns: ['uuid'] }] as const)(
      'a same-named key with a different definition (%o) is dropped and added',
      (change) => {
        expect(compareModels(model([parent, child()]), model([parent, child(change)]))).toEqual([
          { kind: 'dropForeignKey', table: 'child', foreignKey: child().foreignKeys[0] },
          { kind: 'addForeignKey', table: 'child', foreignKey: child(change).foreignKeys[0] },
        ]);
      },
    );
  });

  describe('uniques, indexes and checks', () => {
    test('a changed unique is dropped and added; a new one added', () => {
      const changed = { ...users, uniques: [{ name: 'uq_users_email', columns: ['email', 'id'] }] };
      expect(kinds(compareModels(model([users]), model([changed])))).toEqual(['dropUnique', 'addUnique']);
      const extra = { ...users, uniques: [...users.uniques, { name: 'uq_users_id', columns: ['id'] }] };
      expect(compareModels(model([users]), model([extra]))).toEqual([
        { kind: 'addUnique', table: 'users', unique: { name: 'uq_users_id', columns: ['id'] } },
      ]);
    });

    test.each([
      ['uniqueness', { unique: true }],
      ['direction', { parts: [{ kind: 'column', name: 'email', descending: true }] }],
      ['expression', { parts: [{ kind: 'expression', sql: 'lower(email)', descending: false }] }],
      ['predicate', { where: 'id > 0' }],
      ['method', { method: 'hash' }],
    ] as const)('an index whose %s changed is dropped and created', (_what, change) => {
      const changed = { ...users, indexes: [{ ...users.indexes[0]!, ...change }] };
      expect(compareModels(model([users]), model([changed]))).toEqual([
        { kind: 'dropIndex', table: 'users', index: users.indexes[0] },
        { kind: 'createIndex', table: 'users', index: changed.indexes[0] },
      ]);
    });

    test('method btree equals the default method', () => {
      const btree = { ...users, indexes: [{ ...users.indexes[0]!, method: 'btree' }] };
      expect(compareModels(model([users]), model([btree]))).toEqual([]);
    });

    test('checks compare by normalised expression', () => {
      const spaced = { ...users, checks: [{ name: 'ck_users_email', sql: "( EMAIL   <>  '' )" }] };
      expect(compareModels(model([users]), model([spaced]))).toEqual([]);
      const changed = { ...users, checks: [{ name: 'ck_users_email', sql: "email <> 'x'" }] };
      expect(kinds(compareModels(model([users]), model([changed])))).toEqual(['dropCheck', 'addCheck']);
    });

    test('a check the database knows under another name matches by expression', () => {
      const unnamed = { ...users, checks: [{ name: 'users_check', sql: "email <> ''" }] };
      expect(compareModels(model([unnamed]), model([users]))).toEqual([]);
    });
  });

  test('table comments', () => {
    expect(compareModels(model([users]), model([{ ...users, comment: 'People' }]))).toEqual([
      { kind: 'setTableComment', table: 'users', to: 'People' },
    ]);
    expect(compareModels(model([{ ...users, comment: 'People' }]), model([users]))).toEqual([
      { kind: 'setTableComment', table: 'users', from: 'People' },
    ]);
    expect(compareModels(model([{ ...users, comment: '' }]), model([users]))).toEqual([]);
  });

  test('SQLite table options: STRICT and WITHOUT ROWID, each way', () => {
    const options = { ...users, strict: true, withoutRowid: true } as const;
    expect(compareModels(model([users]), model([options]))).toEqual([
      { kind: 'setTableOptions', table: 'users', from: {}, to: { strict: true, withoutRowid: true } },
    ]);
    expect(compareModels(model([options]), model([{ ...users, strict: true }]))).toEqual([
      { kind: 'setTableOptions', table: 'users', from: { strict: true, withoutRowid: true }, to: { strict: true } },
    ]);
    expect(compareModels(model([options]), model([options]))).toEqual([]);
  });

  test('enums are created, altered and dropped', () => {
    const mood = { name: 'mood', values: ['sad', 'happy'] };
    expect(compareModels(model([]), model([], [mood]))).toEqual([{ kind: 'createEnum', enum: mood }]);
    expect(compareModels(model([], [mood]), model([]))).toEqual([{ kind: 'dropEnum', enum: mood }]);
    const more = { name: 'mood', values: ['sad', 'happy', 'ok'] };
    expect(compareModels(model([], [mood]), model([], [more]))).toEqual([{ kind: 'alterEnum', from: mood, to: more }]);
    expect(compareModels(model([], [mood]), model([], [{ ...mood }]))).toEqual([]);
  });
});
