/**
 * The order a migration runs its operations in: enum creates first; drops of keys, checks,
 * indexes and tables before column changes; table creates in foreign-key dependency order;
 * new constraints after every table exists; enum drops last. The layout is symmetric, so
 * the reversed inverse list (the downgrade) is in a valid order too.
 */
import { qualifiedName } from '../model/qualified-name.js';
import type { Table } from '../model/types.js';
import type { Operation, OperationKind } from '../operations/types.js';
import { orderByDependency } from './dependency-order.js';

/**
 * Each add phase mirrors a drop phase, so that reversing the inverses keeps the order valid.
 * Keys and uniques on existing tables come before new tables, whose inline foreign keys may
 * refer to them; dropped tables go before the keys and uniques their foreign keys used.
 */
const phases: readonly OperationKind[] = [
  'createSchema',
  'createEnum',
  'dropForeignKey',
  'dropCheck',
  'dropIndex',
  'dropTable',
  'dropUnique',
  'dropPrimaryKey',
  'renameTable',
  'renameColumn',
  'alterEnum',
  'addColumn',
  'alterColumn',
  'setTableOptions',
  'rebuildTable',
  'dropColumn',
  'addPrimaryKey',
  'addUnique',
  'createTable',
  'createIndex',
  'addCheck',
  'addForeignKey',
  'setTableComment',
  'dropEnum',
  'dropSchema',
];

/**
 * Sort operations into a runnable, deterministic order (ties by table, then object name;
 * added columns keep their declared order). Foreign-key cycles among created tables become
 * separate `addForeignKey` steps; among dropped tables, separate `dropForeignKey` steps.
 *
 * @example
 * orderOperations([addFkPostsUsers, createPosts, createUsers]); // createUsers, createPosts, addFk…
 */
export function orderOperations(ops: readonly Operation[]): Operation[] {
  const buckets = new Map<OperationKind, Operation[]>(phases.map((kind) => [kind, []]));
  for (const op of ops) buckets.get(op.kind)!.push(op);

  const creates = orderByDependency(tablesOf(buckets.get('createTable')!));
  buckets.set('createTable', creates.tables.map((table) => ({ kind: 'createTable', table })));
  buckets.get('addForeignKey')!.push(
    ...creates.deferred.map(({ table, foreignKey }): Operation => ({ kind: 'addForeignKey', table, foreignKey })),
  );

  const drops = orderByDependency(tablesOf(buckets.get('dropTable')!));
  buckets.set('dropTable', [...drops.tables].reverse().map((table) => ({ kind: 'dropTable', table })));
  buckets.get('dropForeignKey')!.push(
    ...drops.deferred.map(({ table, foreignKey }): Operation => ({ kind: 'dropForeignKey', table, foreignKey })),
  );

  const ordered: Operation[] = [];
  for (const kind of phases) {
    const bucket = buckets.get(kind)!;
    if (kind !== 'createTable' && kind !== 'dropTable') bucket.sort(compareWithinPhase);
    ordered.push(...bucket);
  }
  return ordered;
}

function tablesOf(ops: readonly Operation[]): Table[] {
  return ops.flatMap((op) => (op.kind === 'createTable' || op.kind === 'dropTable' ? [op.table] : []));
}

function compareWithinPhase(a: Operation, b: Operation): number {
  return compareStrings(tableOf(a), tableOf(b)) || compareStrings(objectOf(a), objectOf(b));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function tableOf(op: Operation): string {
  switch (op.kind) {
    case 'createSchema':
    case 'dropSchema':
      return op.schema;
    case 'createTable':
    case 'dropTable':
      return qualifiedName(op.table);
    case 'renameTable':
      return op.from;
    case 'createEnum':
    case 'dropEnum':
      return qualifiedName(op.enum);
    case 'alterEnum':
      return qualifiedName(op.from);
    case 'rebuildTable':
      return qualifiedName(op.from);
    default:
      return op.table;
  }
}

/** The name that orders operations of one kind on one table; added columns keep their order. */
function objectOf(op: Operation): string {
  switch (op.kind) {
    case 'dropColumn':
      return op.column.name;
    case 'alterColumn':
      return op.from.name;
    case 'renameColumn':
      return op.from;
    case 'createIndex':
    case 'dropIndex':
      return op.index.name;
    case 'addForeignKey':
    case 'dropForeignKey':
      return op.foreignKey.name;
    case 'addUnique':
    case 'dropUnique':
      return op.unique.name;
    case 'addCheck':
    case 'dropCheck':
      return op.check.name;
    default:
      return '';
  }
}
