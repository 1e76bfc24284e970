import { compareModels } from '../../../src/diff/compare.js';
import type { Column, Table } from '../../../src/model/types.js';
import { column, foreignKey, idColumn, index, model, table } from './builders.js';

const kinds = (database: Table, schema: Table) => compareModels(model([database]), model([schema])).map((op) => op.kind);

describe('constraints and indexes re-created around a column change', () => {
  const price = column('price', { kind: 'integer' });
  const priced = table('t', {
    columns: [idColumn(), price],
    checks: [{ name: 'ck_t_price', sql: '"price" >= 0' }],
    indexes: [index('ix_t_price', ['price']), { name: 'ix_t_price_abs', unique: false, parts: [{ kind: 'expression', sql: 'abs(price)', descending: false }] }],
  });

  test('a new kind of type: checks and index expressions over the column, not plain indexes', () => {
    const schema = { ...priced, columns: [idColumn(), { ...price, type: { kind: 'numeric', precision: 10, scale: 2 } } as Column] };
    expect(kinds(priced, schema)).toEqual(['dropCheck', 'dropIndex', 'alterColumn', 'createIndex', 'addCheck']);
  });

  test('a new length of the same kind re-creates nothing', () => {
    const text = { ...priced, columns: [idColumn(), { ...price, type: { kind: 'varchar', length: 10 } } as Column] };
    const longer = { ...text, columns: [idColumn(), { ...price, type: { kind: 'varchar', length: 20 } } as Column] };
    expect(kinds(text, longer)).toEqual(['alterColumn']);
  });

  const g = (sql: string): Column => column('g', { kind: 'integer' }, { generated: { sql, stored: true } });
  const withGenerated = (sql: string) =>
    table('t', {
      columns: [idColumn(), column('p_id'), g(sql)],
      checks: [{ name: 'ck_t_g', sql: 'g > 0' }],
      uniques: [{ name: 'uq_t_g', columns: ['g'] }],
      indexes: [index('ix_t_g', ['id', 'g']), index('ix_t_id', ['id'])],
      foreignKeys: [foreignKey('fk_t_g_p', ['g'], 'p'), foreignKey('fk_t_p_id_p', ['p_id'], 'p')],
    });

  test('a new generation expression: everything over the generated column, nothing else', () => {
    expect(kinds(withGenerated('id * 2'), withGenerated('id + 1'))).toEqual([
      'dropForeignKey',
      'dropCheck',
      'dropIndex',
      'dropUnique',
      'alterColumn',
      'addUnique',
      'createIndex',
      'addCheck',
      'addForeignKey',
    ]);
  });

  test('what the schema no longer declares is dropped once and not added back', () => {
    const schema = { ...withGenerated('id + 1'), checks: [] };
    const ops = compareModels(model([withGenerated('id * 2')]), model([schema]));
    expect(ops.filter((op) => op.kind === 'dropCheck')).toHaveLength(1);
    expect(ops.filter((op) => op.kind === 'addCheck')).toEqual([]);
  });
});
