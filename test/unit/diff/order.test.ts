import { compareModels } from '../../../src/diff/compare.js';
import { orderOperations } from '../../../src/diff/order.js';
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

  test('orders 5,000 tables in a chain quickly', () => {
    const tables = Array.from({ length: 5000 }, (_, i) =>
      i === 0 ? table('t0000') : referencing(`t${String(i).padStart(4, '0')}`, `t${String(i - 1).padStart(4, '0')}`),
    );
    // Reverse the input so that name order and dependency order disagree until sorted.
    const started = performance.now();
    const ops = orderOperations(tables.reverse().map((t): Operation => ({ kind: 'createTable', table: t })));
    const elapsed = performance.now() - started;
    expect(ops).toHaveLength(5000);
    expect(ops[0]!.kind === 'createTable' && ops[0]!.table.name).toBe('t0000');
    expect(ops[4999]!.kind === 'createTable' && ops[4999]!.table.name).toBe('t4999');
    expect(elapsed).toBeLessThan(1000);
  });

  test('orders 5,000 tables with many cycles quickly', () => {
    const tables = Array.from({ length: 5000 }, (_, i) => {
      const partner = i % 2 === 0 ? i + 1 : i - 1;
      return referencing(`t${String(i).padStart(4, '0')}`, `t${String(partner).padStart(4, '0')}`);
    });
    const started = performance.now();
    const ops = compareModels(model([]), model(tables));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(ops.filter((op) => op.kind === 'createTable')).toHaveLength(5000);
    expect(ops.filter((op) => op.kind === 'addForeignKey')).toHaveLength(2500);
  });
});
