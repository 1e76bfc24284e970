/**
 * The inverse of an operation: what `downgrade` runs to undo it. Every operation carries
 * the "before" state it needs, so inversion never looks at a database.
 */
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

/** Column changes that may name an enumeration's values (in a default or the type). */
const COLUMN_CHANGES: ReadonlySet<Operation['kind']> = new Set(['addColumn', 'alterColumn', 'rebuildTable', 'dropColumn']);

/**
 * The downgrade of an upgrade: the inverses, last operation first — except that enumeration
 * changes stay ahead of the column changes, as in the upgrade, since a default the downgrade
 * restores may name a value only the enumeration change brings back.
 *
 * @example
 * invertOperations([createUsers, createPosts]); // [dropPosts, dropUsers]
 */
export function invertOperations(ops: readonly Operation[]): Operation[] {
  const reversed = ops.map(invertOperation).reverse();
  const enumChanges = reversed.filter((op) => op.kind === 'alterEnum');
  const rest = reversed.filter((op) => op.kind !== 'alterEnum');
  const firstColumnChange = rest.findIndex((op) => COLUMN_CHANGES.has(op.kind));
  if (enumChanges.length === 0 || firstColumnChange < 0) return reversed;
  return [...rest.slice(0, firstColumnChange), ...enumChanges, ...rest.slice(firstColumnChange)];
}
