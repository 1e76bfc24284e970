/**
 * Lowering for MySQL: enumerations are inline column types (their operations have nothing to
 * do; a changed value list is a changed column type), and an index that a foreign key relies
 * on cannot be dropped while the key exists (error 1553), so such keys are dropped before and
 * added back after — adding one back makes MySQL create the index it needs.
 */
import type { ForeignKey, Model } from '../../model/types.js';
import type { Operation } from '../../operations/types.js';

/**
 * The operations MySQL runs for `operations` applied to `before`.
 *
 * @example
 * lower([{ kind: 'dropUnique', table: 'comments', unique }], before);
 * // → [dropForeignKey fk_comments_postId_posts, dropUnique, addForeignKey fk_comments_postId_posts]
 */
export function lower(operations: readonly Operation[], before: Model): Operation[] {
  const kept = operations.filter((op) => op.kind !== 'createEnum' && op.kind !== 'dropEnum' && op.kind !== 'alterEnum');
  const droppedKeys = new Set(
    kept.flatMap((op) => (op.kind === 'dropForeignKey' ? [`${op.table}\0${op.foreignKey.name}`] : [])),
  );
  return kept.flatMap((op) => {
    const dropped = droppedKeyColumns(op);
    if (dropped === undefined) return [op];
    const table = before.tables.find((candidate) => candidate.name === dropped.table);
    const relying = (table?.foreignKeys ?? []).filter(
      (fk) => !droppedKeys.has(`${dropped.table}\0${fk.name}`) && startsWith(dropped.columns, fk.columns),
    );
    if (relying.length === 0) return [op];
    return [
      ...relying.map((foreignKey): Operation => ({ kind: 'dropForeignKey', table: dropped.table, foreignKey })),
      op,
      ...relying.map((foreignKey): Operation => ({ kind: 'addForeignKey', table: dropped.table, foreignKey })),
    ];
  });
}

/** The table and leading columns of an index-backed object the operation drops. */
function droppedKeyColumns(op: Operation): { table: string; columns: readonly string[] } | undefined {
  switch (op.kind) {
    case 'dropUnique':
      return { table: op.table, columns: op.unique.columns };
    case 'dropPrimaryKey':
      return { table: op.table, columns: op.primaryKey.columns };
    case 'dropIndex': {
      const columns: string[] = [];
      for (const part of op.index.parts) {
        if (part.kind !== 'column') break;
        columns.push(part.name);
      }
      return { table: op.table, columns };
    }
    default:
      return undefined;
  }
}

/** Whether the index columns begin with the foreign key's columns (so the key may use it). */
function startsWith(indexColumns: readonly string[], keyColumns: ForeignKey['columns']): boolean {
  return keyColumns.length > 0 && keyColumns.every((column, i) => indexColumns[i] === column);
}
