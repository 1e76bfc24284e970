import { mysqlDialect } from '../../../src/dialects/mysql/index.js';
import type { Column, ForeignKey, Model, Table } from '../../../src/model/types.js';
import type { Operation } from '../../../src/operations/types.js';

const id: Column = { name: 'id', type: { kind: 'integer' }, nullable: false, autoIncrement: false };
const authorId: Column = { name: 'author_id', type: { kind: 'integer' }, nullable: false, autoIncrement: false };
const fk: ForeignKey = { name: 'fk_posts_author_id_users', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'] };
const base = { foreignKeys: [], uniques: [], indexes: [], checks: [] };
const users: Table = { ...base, name: 'users', columns: [id], primaryKey: { columns: ['id'] } };
const posts: Table = { ...base, name: 'posts', columns: [id, authorId], primaryKey: { columns: ['id'] }, foreignKeys: [fk] };
const before: Model = { tables: [posts, users], enums: [] };
const bigint = (column: Column): Column => ({ ...column, type: { kind: 'bigint' } });

describe('MySQL lowering: foreign keys held around what MySQL refuses under them', () => {
  test('a type change of either side: the key is dropped first and added back last', () => {
    const lowered = mysqlDialect.lower([{ kind: 'alterColumn', table: 'users', from: id, to: bigint(id) }], before);
    expect(lowered.map((op) => `${op.kind} ${'table' in op ? String(op.table) : ''}`)).toEqual([
      'dropForeignKey posts',
      'alterColumn users',
      'addForeignKey posts',
    ]);
  });

  test('renames on the way: dropped under the names before them, added back under the names after them', () => {
    const operations: Operation[] = [
      { kind: 'renameTable', from: 'users', to: 'people' },
      { kind: 'renameColumn', table: 'posts', from: 'author_id', to: 'person_id' },
      { kind: 'alterColumn', table: 'people', from: id, to: bigint(id) },
    ];
    const lowered = mysqlDialect.lower(operations, before);
    expect(lowered[0]).toEqual({ kind: 'dropForeignKey', table: 'posts', foreignKey: fk });
    expect(lowered.slice(1, 4)).toEqual(operations);
    expect(lowered[4]).toEqual({
      kind: 'addForeignKey',
      table: 'posts',
      foreignKey: { ...fk, columns: ['person_id'], referencedTable: 'people' },
    });
  });

  test('a key the operations drop themselves is not held', () => {
    const lowered = mysqlDialect.lower(
      [
        { kind: 'dropForeignKey', table: 'posts', foreignKey: fk },
        { kind: 'alterColumn', table: 'users', from: id, to: bigint(id) },
      ],
      before,
    );
    expect(lowered.map((op) => op.kind)).toEqual(['dropForeignKey', 'alterColumn']);
  });
});
