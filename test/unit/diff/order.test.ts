import { compareModels } from '../../../src/diff/compare.js';
import { orderOperations } from '../../../src/diff/order.js';
import { invertOperations } from '../../../src/operations/invert.js';
import type { Operation } from '../../../src/operations/types.js';
import { column, foreignKey, index, model, referencing, table } from './builders.js';

function names(ops: readonly Operation[]): string[] {
  return ops.map((op) => {
    switch (op.kind) {
      case 'createTable':
      case 'dropTable':
        return `${op.kind} ${op.table.name}`;
      case 'addForeignKey':
      case 'dropForeignKey':
        return `${op.kind} ${op.table}.${op.foreignKey.name}`;
      case 'createEnum':
      case 'dropEnum':
        return `${op.kind} ${op.enum.name}`;
      default:
        return op.kind;
    }
  });
}

describe('operation order', () => {
  test('tables are created after the tables they reference; ties by name', () => {
    const schema = model([referencing('comments', 'posts', 'users'), referencing('posts', 'users'), table('users'), table('tags')]);
    expect(names(compareModels(model([]), schema))).toEqual([
      'createTable tags',
      'createTable users',
      'createTable posts',
      'createTable comments',
    ]);
  });

  test('drops go in reverse dependency order', () => {
    const database = model([referencing('comments', 'posts', 'users'), referencing('posts', 'users'), table('users')]);
    expect(names(compareModels(database, model([])))).toEqual(['dropTable comments', 'dropTable posts', 'dropTable users']);
  });

  test('a self-reference is not a dependency', () => {
    const tree = referencing('nodes', 'nodes');
    expect(compareModels(model([]), model([tree]))).toEqual([{ kind: 'createTable', table: tree }]);
  });

  test('a cycle is split: the tables without the cycle keys, then addForeignKey', () => {
    const a = referencing('a', 'b');
    const b = referencing('b', 'a');
    const leaf = referencing('leaf', 'a');
    const ops = compareModels(model([]), model([a, b, leaf]));
    expect(names(ops)).toEqual(['createTable a', 'createTable b', 'createTable leaf', 'addForeignKey a.fk_a_b_id_b']);
    expect(ops[0]).toEqual({ kind: 'createTable', table: { ...a, foreignKeys: [] } });
    expect(ops[1]).toEqual({ kind: 'createTable', table: b });
  });

  test('the cycle is broken on the cycle, not on a table that merely depends on it', () => {
    // "a" references the b ↔ c cycle; only b or c should lose a key.
    const ops = compareModels(model([]), model([referencing('a', 'b'), referencing('b', 'c'), referencing('c', 'b')]));
    expect(names(ops)).toEqual(['createTable b', 'createTable a', 'createTable c', 'addForeignKey b.fk_b_c_id_c']);
  });

  test('dropping a cycle drops a key first, and the dropped table carries the rest', () => {
    const ops = compareModels(model([referencing('a', 'b'), referencing('b', 'a')]), model([]));
    expect(names(ops)).toEqual(['dropForeignKey a.fk_a_b_id_b', 'dropTable b', 'dropTable a']);
  });

  test('constraint drops precede column and table drops; new keys come after table creates', () => {
    const users = table('users', { columns: [column('id'), column('legacy')], indexes: [index('ix_users_legacy', ['legacy'])] });
    const old = referencing('old', 'users');
    const fresh = referencing('fresh', 'users');
    const database = model([users, old]);
    const schema = model([
      { ...users, columns: [column('id'), column('team_id')], indexes: [], foreignKeys: [foreignKey('fk_users_team', ['team_id'], 'teams')] },
      fresh,
      table('teams'),
    ]);
    expect(names(compareModels(database, schema))).toEqual([
      'dropIndex',
      'dropTable old',
      'addColumn',
      'dropColumn',
      'createTable fresh',
      'createTable teams',
      'addForeignKey users.fk_users_team',
    ]);
  });

  test('a new table referring to a new unique of an existing table comes after it; the inverse mirrors it', () => {
    const users = table('users', { columns: [column('id'), column('uuid')] });
    const withUnique = { ...users, uniques: [{ name: 'uq_users_uuid', columns: ['uuid'] }] };
    const posts = table('posts', {
      columns: [column('id'), column('author_uuid')],
      foreignKeys: [foreignKey('fk_posts_author_uuid_users', ['author_uuid'], 'users', { referencedColumns: ['uuid'] })],
    });
    const upgrade = compareModels(model([users]), model([withUnique, posts]));
    expect(names(upgrade)).toEqual(['addUnique', 'createTable posts']);
    expect(names(compareModels(model([withUnique, posts]), model([users])))).toEqual(['dropTable posts', 'dropUnique']);
  });

  test('enum creates come first and enum drops last', () => {
    const ops = orderOperations([
      { kind: 'dropEnum', enum: { name: 'old', values: [] } },
      { kind: 'createTable', table: table('t') },
      { kind: 'createEnum', enum: { name: 'mood', values: ['a'] } },
    ]);
    expect(names(ops)).toEqual(['createEnum mood', 'createTable t', 'dropEnum old']);
  });

  test('orders 5,000 tables in a chain (in time: a quadratic order would outrun the test timeout)', () => {
    const tables = Array.from({ length: 5000 }, (_, i) =>
      i === 0 ? table('t0000') : referencing(`t${String(i).padStart(4, '0')}`, `t${String(i - 1).padStart(4, '0')}`),
    );
    // Reverse the input so that name order and dependency order disagree until sorted.
    const ops = orderOperations(tables.reverse().map((t): Operation => ({ kind: 'createTable', table: t })));
    expect(ops).toHaveLength(5000);
    expect(ops[0]!.kind === 'createTable' && ops[0]!.table.name).toBe('t0000');
    expect(ops[4999]!.kind === 'createTable' && ops[4999]!.table.name).toBe('t4999');
  });

  test('orders 5,000 tables with many cycles (in time: a quadratic order would outrun the test timeout)', () => {
    const tables = Array.from({ length: 5000 }, (_, i) => {
      const partner = i % 2 === 0 ? i + 1 : i - 1;
      return referencing(`t${String(i).padStart(4, '0')}`, `t${String(partner).padStart(4, '0')}`);
    });
    const ops = compareModels(model([]), model(tables));
    expect(ops.filter((op) => op.kind === 'createTable')).toHaveLength(5000);
    expect(ops.filter((op) => op.kind === 'addForeignKey')).toHaveLength(2500);
  });
});

/** `kind table.object` for every operation, to read orders at a glance. */
function lines(ops: readonly Operation[]): string[] {
  return ops.map((op) => {
    switch (op.kind) {
      case 'renameTable':
        return `renameTable ${op.from}→${op.to}`;
      case 'renameColumn':
        return `renameColumn ${op.table}.${op.from}→${op.to}`;
      case 'addColumn':
      case 'dropColumn':
        return `${op.kind} ${op.table}.${op.column.name}`;
      case 'alterColumn':
        return `alterColumn ${op.table}.${op.to.name}`;
      case 'addCheck':
      case 'dropCheck':
        return `${op.kind} ${op.table}.${op.check.name}`;
      case 'createIndex':
      case 'dropIndex':
        return `${op.kind} ${op.table}.${op.index.name}`;
      case 'addPrimaryKey':
      case 'dropPrimaryKey':
        return `${op.kind} ${op.table}`;
      default:
        return names([op])[0]!;
    }
  });
}

describe('ordering by needs', () => {
  const c0 = column('c0');
  const c1 = column('c1');
  const retyped = { ...c1, type: { kind: 'varchar', length: 10 } } as const;
  const generated = (sql: string) => column('g', { kind: 'integer' }, { generated: { sql, stored: true } });
  const check = (sql: string) => ({ name: 'ck_t_c', sql });

  test('uses: a generated column computing with a retyped column is added after the type change', () => {
    const ops = orderOperations([
      { kind: 'addColumn', table: 't', column: generated('c1 * 2') },
      { kind: 'alterColumn', table: 't', from: c1, to: retyped },
    ]);
    expect(lines(ops)).toEqual(['alterColumn t.c1', 'addColumn t.g']);
  });

  test('uses: a check naming the new name of a renamed column comes after the rename, and the old one is dropped first', () => {
    const ops = orderOperations([
      { kind: 'addCheck', table: 't', check: check('c0 >= 0') },
      { kind: 'renameColumn', table: 't', from: 'c1', to: 'c0' },
      { kind: 'dropCheck', table: 't', check: check('c1 >= 0') },
    ]);
    expect(lines(ops)).toEqual(['dropCheck t.ck_t_c', 'renameColumn t.c1→c0', 'addCheck t.ck_t_c']);
  });

  test('exists: work on a table renamed away in the same list runs before the rename (the downgrade of a table rename)', () => {
    const ops = orderOperations([
      { kind: 'renameTable', from: 't9', to: 't0' },
      { kind: 'alterColumn', table: 't9', from: c1, to: retyped },
      { kind: 'addCheck', table: 't9', check: check('c1 >= 0') },
    ]);
    expect(lines(ops)).toEqual(['alterColumn t9.c1', 'addCheck t9.ck_t_c', 'renameTable t9→t0']);
  });

  test('exists: a column altered before it is renamed away, and after it is renamed into being', () => {
    const back = orderOperations([
      { kind: 'renameColumn', table: 't', from: 'c1', to: 'c0' },
      { kind: 'alterColumn', table: 't', from: retyped, to: c1 },
    ]);
    expect(lines(back)).toEqual(['alterColumn t.c1', 'renameColumn t.c1→c0']);
    const forth = orderOperations([
      { kind: 'alterColumn', table: 't', from: c1, to: retyped },
      { kind: 'renameColumn', table: 't', from: 'c0', to: 'c1' },
    ]);
    expect(lines(forth)).toEqual(['renameColumn t.c0→c1', 'alterColumn t.c1']);
  });

  test('restsOn: a generated column is dropped before the column it computes with', () => {
    const ops = orderOperations([
      { kind: 'dropColumn', table: 't', column: c0 },
      { kind: 'dropColumn', table: 't', column: generated('c0 * 2') },
    ]);
    expect(lines(ops)).toEqual(['dropColumn t.g', 'dropColumn t.c0']);
  });

  test('restsOn: a check is dropped before its column is retyped, and added back after', () => {
    const ops = orderOperations([
      { kind: 'addCheck', table: 't', check: check('"C1" IS NOT NULL') },
      { kind: 'alterColumn', table: 't', from: c1, to: retyped },
      { kind: 'dropCheck', table: 't', check: check('"C1" IS NOT NULL') },
    ]);
    expect(lines(ops)).toEqual(['dropCheck t.ck_t_c', 'alterColumn t.c1', 'addCheck t.ck_t_c']);
  });

  test('restsOnName and leads: auto-increment is taken off before its key is dropped, and put on after its key is added', () => {
    const id = column('id', { kind: 'integer' }, { nullable: false, autoIncrement: true });
    const plain = { ...id, autoIncrement: false };
    const upgrade: Operation[] = [
      { kind: 'dropPrimaryKey', table: 't', primaryKey: { columns: ['id'] } },
      { kind: 'alterColumn', table: 't', from: id, to: plain },
    ];
    expect(lines(orderOperations(upgrade))).toEqual(['alterColumn t.id', 'dropPrimaryKey t']);
    expect(lines(invertOperations(upgrade))).toEqual(['addPrimaryKey t', 'alterColumn t.id']);
  });

  test('a re-created generated column: its index is dropped before and created after', () => {
    const index_ = index('ix_t_g', ['g']);
    const ops = orderOperations([
      { kind: 'createIndex', table: 't', index: index_ },
      { kind: 'alterColumn', table: 't', from: generated('id * 2'), to: generated('id + 1') },
      { kind: 'dropIndex', table: 't', index: index_ },
    ]);
    expect(lines(ops)).toEqual(['dropIndex t.ix_t_g', 'alterColumn t.g', 'createIndex t.ix_t_g']);
  });

  test('foreign keys held around a type change of both their sides: dropped before, added after', () => {
    const fk = foreignKey('fk_c_p', ['p_id'], 'p');
    const key = column('id', { kind: 'integer' }, { nullable: false });
    const ref = column('p_id');
    const ops = orderOperations([
      { kind: 'addForeignKey', table: 'c', foreignKey: fk },
      { kind: 'alterColumn', table: 'c', from: ref, to: { ...ref, type: { kind: 'text' } } },
      { kind: 'alterColumn', table: 'p', from: key, to: { ...key, type: { kind: 'text' } } },
      { kind: 'dropForeignKey', table: 'c', foreignKey: fk },
    ]);
    expect(names(ops)).toEqual(['dropForeignKey c.fk_c_p', 'alterColumn', 'alterColumn', 'addForeignKey c.fk_c_p']);
  });

  test('a name dropped and created again is dropped first (a column dropped, another renamed to its name)', () => {
    const ops = orderOperations([
      { kind: 'renameColumn', table: 't', from: 'c1', to: 'c0' },
      { kind: 'dropColumn', table: 't', column: c0 },
    ]);
    expect(lines(ops)).toEqual(['dropColumn t.c0', 'renameColumn t.c1→c0']);
  });

  test('an enumeration change carries its columns: columns change after it, and are not held before it', () => {
    const mood = { name: 'mood', values: ['a', 'b'] };
    const moodColumn = column('m', { kind: 'enum', ...mood });
    const ops = orderOperations([
      { kind: 'dropColumn', table: 't', column: moodColumn },
      { kind: 'alterColumn', table: 't', from: moodColumn, to: { ...moodColumn, default: { kind: 'literal', value: 'c' } } },
      { kind: 'alterEnum', from: mood, to: { ...mood, values: ['a', 'b', 'c'] } },
    ]);
    expect(lines(ops)).toEqual(['alterEnum', 'alterColumn t.m', 'dropColumn t.m']);
  });

  test('added columns keep their declared order; other ties go by table, then name', () => {
    const ops = orderOperations([
      { kind: 'addColumn', table: 'b', column: column('z') },
      { kind: 'addColumn', table: 'b', column: column('a') },
      { kind: 'dropColumn', table: 'a', column: column('y') },
      { kind: 'dropColumn', table: 'a', column: column('x') },
    ]);
    expect(lines(ops)).toEqual(['addColumn b.z', 'addColumn b.a', 'dropColumn a.x', 'dropColumn a.y']);
  });

  test('a cycle left after splitting foreign keys (two columns swapping names) falls back to the phase order', () => {
    const ops = orderOperations([
      { kind: 'renameColumn', table: 't', from: 'c1', to: 'c0' },
      { kind: 'renameColumn', table: 't', from: 'c0', to: 'c1' },
    ]);
    expect(lines(ops)).toEqual(['renameColumn t.c0→c1', 'renameColumn t.c1→c0']);
  });

  test('a downgrade breaks ties as its upgrade reversed would: columns added in declared order are dropped in reverse', () => {
    const upgrade = orderOperations([
      { kind: 'dropIndex', table: 't', index: index('ix_b', ['c0']) },
      { kind: 'addColumn', table: 't', column: column('z') },
      { kind: 'addColumn', table: 't', column: column('a') },
      { kind: 'dropIndex', table: 't', index: index('ix_a', ['c0']) },
    ]);
    expect(lines(upgrade)).toEqual(['dropIndex t.ix_a', 'dropIndex t.ix_b', 'addColumn t.z', 'addColumn t.a']);
    expect(lines(invertOperations(upgrade))).toEqual(['dropColumn t.a', 'dropColumn t.z', 'createIndex t.ix_b', 'createIndex t.ix_a']);
  });

  test('the downgrade is ordered from its own needs: a column renamed back before the check naming it is added back', () => {
    const upgrade: Operation[] = [
      { kind: 'renameColumn', table: 't', from: 'c0', to: 'c1' },
      { kind: 'dropCheck', table: 't', check: check('c0 >= 0') },
      { kind: 'addCheck', table: 't', check: check('c1 >= 0') },
    ];
    expect(lines(invertOperations(upgrade))).toEqual(['dropCheck t.ck_t_c', 'renameColumn t.c1→c0', 'addCheck t.ck_t_c']);
  });
});
