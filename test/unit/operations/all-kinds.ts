/**
 * One sample operation of every kind, for tests that must cover them all.
 */
import type { Operation, OperationKind } from '../../../src/operations/types.js';
import { column, foreignKey, index, referencing, table } from '../diff/builders.js';

const email = column('email', { kind: 'varchar', length: 100 }, { nullable: false });
const users = table('users', { columns: [...table('users').columns, email], comment: 'People' });

export const sampleOperations: Record<OperationKind, Operation> = {
  createSchema: { kind: 'createSchema', schema: 'audit' },
  dropSchema: { kind: 'dropSchema', schema: 'audit' },
  createTable: { kind: 'createTable', table: users },
  dropTable: { kind: 'dropTable', table: referencing('posts', 'users') },
  renameTable: { kind: 'renameTable', from: 'people', to: 'users' },
  addColumn: { kind: 'addColumn', table: 'users', column: email },
  dropColumn: { kind: 'dropColumn', table: 'users', column: column('age') },
  renameColumn: { kind: 'renameColumn', table: 'users', from: 'mail', to: 'email' },
  alterColumn: {
    kind: 'alterColumn',
    table: 'users',
    from: email,
    to: { ...email, type: { kind: 'varchar', length: 255 }, nullable: true, default: { kind: 'literal', value: '' } },
  },
  addPrimaryKey: { kind: 'addPrimaryKey', table: 'users', primaryKey: { name: 'pk_users', columns: ['id'] } },
  dropPrimaryKey: { kind: 'dropPrimaryKey', table: 'users', primaryKey: { columns: ['id'] } },
  createIndex: { kind: 'createIndex', table: 'users', index: index('ix_users_email', ['email']) },
  dropIndex: { kind: 'dropIndex', table: 'users', index: index('ix_users_email', ['email'], { unique: true }) },
  addForeignKey: {
    kind: 'addForeignKey',
    table: 'posts',
    foreignKey: foreignKey('fk_posts_author_id_users', ['author_id'], 'users', { onDelete: 'cascade' }),
  },
  dropForeignKey: { kind: 'dropForeignKey', table: 'posts', foreignKey: foreignKey('fk_posts_x', ['x'], 'users') },
  addUnique: { kind: 'addUnique', table: 'users', unique: { name: 'uq_users_email', columns: ['email'] } },
  dropUnique: { kind: 'dropUnique', table: 'users', unique: { name: 'uq_users_email', columns: ['email'] } },
  addCheck: { kind: 'addCheck', table: 'users', check: { name: 'ck_users_email', sql: "email <> ''" } },
  dropCheck: { kind: 'dropCheck', table: 'users', check: { name: 'ck_users_email', sql: "email <> ''" } },
  createEnum: { kind: 'createEnum', enum: { name: 'mood', values: ['sad', 'happy'] } },
  dropEnum: { kind: 'dropEnum', enum: { name: 'mood', values: ['sad', 'happy'] } },
  alterEnum: { kind: 'alterEnum', from: { name: 'mood', values: ['sad'] }, to: { name: 'mood', values: ['sad', 'happy'] } },
  setTableComment: { kind: 'setTableComment', table: 'users', to: 'People' },
  setTableOptions: { kind: 'setTableOptions', table: 'users', from: {}, to: { strict: true, withoutRowid: true } },
  rebuildTable: {
    kind: 'rebuildTable',
    from: table('users', { columns: [...table('users').columns, column('email')] }),
    to: users,
    reasons: ['alter a column type'],
  },
};
