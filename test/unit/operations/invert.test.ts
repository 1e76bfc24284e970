import { invertOperation, invertOperations } from '../../../src/operations/invert.js';
import type { Operation } from '../../../src/operations/types.js';
import { sampleOperations } from './all-kinds.js';

describe('invertOperation', () => {
  test.each(Object.entries(sampleOperations))('inverting %s twice is the identity', (_kind, op) => {
    expect(invertOperation(invertOperation(op))).toEqual(op);
  });

  test.each(Object.entries(sampleOperations))('the inverse of %s is a different operation', (_kind, op) => {
    expect(invertOperation(op)).not.toEqual(op);
  });

  test.each([
    ['createTable', 'dropTable'],
    ['addColumn', 'dropColumn'],
    ['createIndex', 'dropIndex'],
    ['addForeignKey', 'dropForeignKey'],
    ['addUnique', 'dropUnique'],
    ['addCheck', 'dropCheck'],
    ['addPrimaryKey', 'dropPrimaryKey'],
    ['createEnum', 'dropEnum'],
  ] as const)('%s and %s are inverses', (add, drop) => {
    expect(invertOperation(sampleOperations[add]).kind).toBe(drop);
    expect(invertOperation(sampleOperations[drop]).kind).toBe(add);
  });

  test('swaps carry both sides', () => {
    expect(invertOperation(sampleOperations.renameColumn)).toEqual({ kind: 'renameColumn', table: 'users', from: 'email', to: 'mail' });
    expect(invertOperation(sampleOperations.setTableComment)).toEqual({ kind: 'setTableComment', table: 'users', from: 'People' });
    const alter = sampleOperations.alterColumn as Extract<Operation, { kind: 'alterColumn' }>;
    expect(invertOperation(alter)).toEqual({ ...alter, from: alter.to, to: alter.from });
  });

  test('invertOperations reverses the list', () => {
    const { createEnum, createTable, addForeignKey } = sampleOperations;
    expect(invertOperations([createEnum, createTable, addForeignKey])).toEqual([
      invertOperation(addForeignKey),
      invertOperation(createTable),
      invertOperation(createEnum),
    ]);
  });
});
