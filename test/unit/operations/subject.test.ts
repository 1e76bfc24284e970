import type { OperationKind } from '../../../src/operations/types.js';
import { operationSubject, operationTable } from '../../../src/operations/subject.js';
import { table } from '../diff/builders.js';
import { sampleOperations } from './all-kinds.js';

const expected: Record<OperationKind, string> = {
  createSchema: 'schema audit',
  dropSchema: 'schema audit',
  createTable: 'table users',
  dropTable: 'table posts',
  renameTable: 'table people',
  addColumn: 'table users',
  dropColumn: 'table users',
  renameColumn: 'table users',
  alterColumn: 'table users',
  addPrimaryKey: 'table users',
  dropPrimaryKey: 'table users',
  createIndex: 'table users',
  dropIndex: 'table users',
  addForeignKey: 'table posts',
  dropForeignKey: 'table posts',
  addUnique: 'table users',
  dropUnique: 'table users',
  addCheck: 'table users',
  dropCheck: 'table users',
  createEnum: 'enum mood',
  dropEnum: 'enum mood',
  alterEnum: 'enum mood',
  setTableComment: 'table users',
  setTableOptions: 'table users',
  rebuildTable: 'table users',
};

test.each(Object.entries(sampleOperations))('%s acts on what it names (the old name of what it renames)', (kind, op) => {
  const subject = operationSubject(op);
  expect(`${subject.kind} ${subject.name}`).toBe(expected[kind as OperationKind]);
  expect(operationTable(op)).toBe(subject.kind === 'table' ? subject.name : undefined);
});

test('a table or enumeration of a named schema is known by its qualified name', () => {
  expect(operationSubject({ kind: 'dropEnum', enum: { name: 'mood', schema: 'audit', values: [] } })).toEqual({ kind: 'enum', name: 'audit.mood' });
  expect(operationTable({ kind: 'createTable', table: table('users', { schema: 'audit' }) })).toBe('audit.users');
});
