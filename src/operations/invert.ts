/**
 * The inverse of an operation: what `downgrade` runs to undo it. Every operation carries
 * the "before" state it needs, so inversion never looks at a database.
 */
import { orderOperations } from '../diff/order.js';
import type { Operation } from './types.js';

/**
 * The operation that undoes `op`. Inverting twice gives back an equal operation.
 *
 * @example
 * invertOperation({ kind: 'createTable', table }); // { kind: 'dropTable', table }
 */
export function invertOperation(op: Operation): Operation {
  switch (op.kind) {
    case 'createSchema':
      return { kind: 'dropSchema', schema: op.schema };
    case 'dropSchema':
      return { kind: 'createSchema', schema: op.schema };
    case 'createTable':
      return { kind: 'dropTable', table: op.table };
    case 'dropTable':
      return { kind: 'createTable', table: op.table };
    case 'renameTable':
      return { kind: 'renameTable', from: op.to, to: op.from };
    case 'addColumn':
      return { kind: 'dropColumn', table: op.table, column: op.column };
    case 'dropColumn':
      return { kind: 'addColumn', table: op.table, column: op.column };
    case 'renameColumn':
      return { kind: 'renameColumn', table: op.table, from: op.to, to: op.from };
    case 'alterColumn':
      return { kind: 'alterColumn', table: op.table, from: op.to, to: op.from };
    case 'addPrimaryKey':
      return { kind: 'dropPrimaryKey', table: op.table, primaryKey: op.primaryKey };
    case 'dropPrimaryKey':
      return { kind: 'addPrimaryKey', table: op.table, primaryKey: op.primaryKey };
    case 'createIndex':
      return { kind: 'dropIndex', table: op.table, index: op.index };
    case 'dropIndex':
      return { kind: 'createIndex', table: op.table, index: op.index };
    case 'addForeignKey':
      return { kind: 'dropForeignKey', table: op.table, foreignKey: op.foreignKey };
    case 'dropForeignKey':
      return { kind: 'addForeignKey', table: op.table, foreignKey: op.foreignKey };
    case 'addUnique':
      return { kind: 'dropUnique', table: op.table, unique: op.unique };
    case 'dropUnique':
      return { kind: 'addUnique', table: op.table, unique: op.unique };
    case 'addCheck':
      return { kind: 'dropCheck', table: op.table, check: op.check };
    case 'dropCheck':
      return { kind: 'addCheck', table: op.table, check: op.check };
    case 'createEnum':
      return { kind: 'dropEnum', enum: op.enum };
    case 'dropEnum':
      return { kind: 'createEnum', enum: op.enum };
    case 'alterEnum':
      return { kind: 'alterEnum', from: op.to, to: op.from };
    case 'setTableComment':
      // Spread only defined comments, so that an absent one stays absent rather than `undefined`.
      return {
        kind: 'setTableComment',
        table: op.table,
        ...(op.to !== undefined ? { from: op.to } : {}),
        ...(op.from !== undefined ? { to: op.from } : {}),
      };
    case 'setTableOptions':
      return { kind: 'setTableOptions', table: op.table, from: op.to, to: op.from };
    case 'rebuildTable':
      return { kind: 'rebuildTable', from: op.to, to: op.from, reasons: op.reasons };
  }
}

/**
 * The downgrade of an upgrade: the inverses, ordered from what each of them needs (as the
 * upgrade is, not by reversing it: a rename must be undone before the check that names the
 * old column is added back), ties broken as the reversed upgrade would have them.
 *
 * @example
 * invertOperations([createUsers, createPosts]); // [dropPosts, dropUsers]
 */
export function invertOperations(ops: readonly Operation[]): Operation[] {
  return orderOperations(ops.map(invertOperation), { undoing: invertOperation });
}
