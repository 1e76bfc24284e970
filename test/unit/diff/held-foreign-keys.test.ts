import { compareModels } from '../../../src/diff/compare.js';
import { foreignKeysOver } from '../../../src/diff/held-foreign-keys.js';
import type { ColumnType, Table } from '../../../src/model/types.js';
import type { Operation } from '../../../src/operations/types.js';
import { column, foreignKey, model, table } from './builders.js';

const parent = (type: ColumnType): Table => table('p', { columns: [column('id', type, { nullable: false })] });
const child = (type: ColumnType): Table =>
  table('c', { columns: [column('id', { kind: 'integer' }, { nullable: false }), column('p_id', type)], foreignKeys: [foreignKey('fk_c_p_id_p', ['p_id'], 'p')] });

function described(ops: readonly Operation[]): string[] {
  return ops.map((op) => (op.kind === 'alterColumn' ? `alterColumn ${op.table}.${op.to.name}` : `${op.kind} ${'table' in op ? String(op.table) : ''}`));
}

describe('foreign keys held around a type change', () => {
  test('a key whose two sides change family is dropped before both changes and added after', () => {
    const varchar: ColumnType = { kind: 'varchar', length: 10 };
    const ops = compareModels(model([parent({ kind: 'integer' }), child({ kind: 'integer' })]), model([parent(varchar), child(varchar)]));
    expect(described(ops)).toEqual(['dropForeignKey c', 'alterColumn c.p_id', 'alterColumn p.id', 'addForeignKey c']);
  });

  test('uuid → text is held too (no operator compares the two)', () => {
    const text: ColumnType = { kind: 'text' };
    const ops = compareModels(model([parent({ kind: 'uuid' }), child({ kind: 'uuid' })]), model([parent(text), child(text)]));
    expect(described(ops)).toEqual(['dropForeignKey c', 'alterColumn c.p_id', 'alterColumn p.id', 'addForeignKey c']);
  });

  test('a change within a family (integer → bigint) holds nothing', () => {
    const bigint: ColumnType = { kind: 'bigint' };
    const ops = compareModels(model([parent({ kind: 'integer' }), child({ kind: 'integer' })]), model([parent(bigint), child(bigint)]));
    expect(described(ops)).toEqual(['alterColumn c.p_id', 'alterColumn p.id']);
  });

  test('a key the diff drops anyway is not held as well', () => {
    const text: ColumnType = { kind: 'text' };
    const ops = compareModels(model([parent({ kind: 'integer' }), child({ kind: 'integer' })]), model([parent(text), { ...child(text), foreignKeys: [] }]));
    expect(described(ops)).toEqual(['dropForeignKey c', 'alterColumn c.p_id', 'alterColumn p.id']);
  });

  test('foreignKeysOver finds the keys over a column on either side', () => {
    const tables = [parent({ kind: 'integer' }), child({ kind: 'integer' })];
    expect(foreignKeysOver(tables, 'p', 'id').map(({ table, foreignKey }) => `${table}.${foreignKey.name}`)).toEqual(['c.fk_c_p_id_p']);
    expect(foreignKeysOver(tables, 'c', 'p_id').map(({ table }) => table)).toEqual(['c']);
    expect(foreignKeysOver(tables, 'c', 'id')).toEqual([]);
  });
});
