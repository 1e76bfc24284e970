/**
 * Lowering for MySQL:
 *
 * - Enumerations are inline column types: their own operations have nothing to do (a changed
 *   value list is a changed column type).
 * - MySQL refuses to drop an index a foreign key relies on (error 1553) and to change the type
 *   or collation of a column a foreign key uses, on either side (errors 1832, 1833). Such keys
 *   are dropped first and added back last; adding one back makes MySQL create the index it
 *   needs.
 * - A generated column changing between virtual and stored is dropped and added again.
 */
import { foreignKeysOver, type TableKey } from '../../diff/held-foreign-keys.js';
import { columnDifferences } from '../../model/equality.js';
import type { Model } from '../../model/types.js';
import { applyOperations } from '../../operations/apply.js';
import type { Operation } from '../../operations/types.js';

/**
 * The operations MySQL runs for `operations` applied to `before`.
 *
 * @example
 * lower([{ kind: 'dropUnique', table: 'comments', unique }], before);
 * // → [dropForeignKey fk_comments_postId_posts, dropUnique, addForeignKey fk_comments_postId_posts]
 */
export function lower(operations: readonly Operation[], before: Model): Operation[] {
  const kept = operations
    .filter((op) => op.kind !== 'createEnum' && op.kind !== 'dropEnum' && op.kind !== 'alterEnum')
    .flatMap(generatedKindChange);
  // Foreign-key names are unique in a MySQL database.
  const gone = new Set(
    kept.flatMap((op) => {
      if (op.kind === 'dropForeignKey') return [op.foreignKey.name];
      if (op.kind === 'dropTable') return op.table.foreignKeys.map((fk) => fk.name);
      return [];
    }),
  );
  // Each operation meets the tables as the ones before it left them; that takes replaying
  // them only when a rename changes names on the way.
  const renames = kept.some((op) => op.kind === 'renameTable' || op.kind === 'renameColumn');
  let state = before;
  const startName = new Map<string, string>();
  const held = new Map<string, string>();
  for (const op of kept) {
    for (const { table, foreignKey } of keysInTheWay(op, state)) {
      if (!gone.has(foreignKey.name) && !held.has(foreignKey.name)) held.set(foreignKey.name, startName.get(table) ?? table);
    }
    if (!renames) continue;
    state = applyOperations(state, [op]);
    if (op.kind === 'renameTable') startName.set(op.to, startName.get(op.from) ?? op.from);
  }
  // Dropped first as the key is before the operations, added last as it is after them.
  const keys = [...held].flatMap(([name, table]) => {
    const dropped = keyNamed(before, name, table);
    const added = keyNamed(state, name);
    return dropped && added ? [{ dropped, added }] : [];
  });
  if (keys.length === 0) return kept;
  return [
    ...keys.map(({ dropped: { table, foreignKey } }): Operation => ({ kind: 'dropForeignKey', table, foreignKey })),
    ...kept,
    ...keys.map(({ added: { table, foreignKey } }): Operation => ({ kind: 'addForeignKey', table, foreignKey })),
  ];
}

/** The foreign key `name` as `model` has it (in `table`, when given). */
function keyNamed(model: Model, name: string, table?: string): TableKey | undefined {
  for (const candidate of model.tables) {
    const foreignKey = candidate.foreignKeys.find((fk) => fk.name === name);
    if (foreignKey && (table === undefined || candidate.name === table)) return { table: candidate.name, foreignKey };
  }
  return undefined;
}

/**
 * MariaDB cannot `MODIFY` a generated column between virtual and stored ("not yet supported
 * for generated columns"); a generated column holds no data of its own, so it is dropped and
 * added again (it moves to the end of the table; the diff drops the indexes and constraints on
 * it before and adds them back after).
 */
function generatedKindChange(op: Operation): Operation[] {
  if (op.kind !== 'alterColumn' || !op.from.generated || !op.to.generated || op.from.generated.stored === op.to.generated.stored) {
    return [op];
  }
  return [
    { kind: 'dropColumn', table: op.table, column: op.from },
    { kind: 'addColumn', table: op.table, column: op.to },
  ];
}

/** The foreign keys of `before` that MySQL would not let `op` run past. */
function keysInTheWay(op: Operation, before: Model): TableKey[] {
  const keysOf = (table: string): TableKey[] =>
    (before.tables.find((candidate) => candidate.name === table)?.foreignKeys ?? []).map((foreignKey) => ({ table, foreignKey }));
  switch (op.kind) {
    case 'dropUnique':
      return keysOf(op.table).filter(({ foreignKey }) => startsWith(op.unique.columns, foreignKey.columns));
    case 'dropPrimaryKey':
      return keysOf(op.table).filter(({ foreignKey }) => startsWith(op.primaryKey.columns, foreignKey.columns));
    case 'dropIndex': {
      const columns: string[] = [];
      for (const part of op.index.parts) {
        if (part.kind !== 'column') break;
        columns.push(part.name);
      }
      return keysOf(op.table).filter(({ foreignKey }) => startsWith(columns, foreignKey.columns));
    }
    case 'alterColumn': {
      const changes = columnDifferences(op.from, op.to);
      return changes.includes('type') || changes.includes('collation') ? foreignKeysOver(before.tables, op.table, op.from.name) : [];
    }
    default:
      return [];
  }
}

/** Whether the index columns begin with the foreign key's columns (so the key may use it). */
function startsWith(indexColumns: readonly string[], keyColumns: readonly string[]): boolean {
  return keyColumns.length > 0 && keyColumns.every((column, i) => indexColumns[i] === column);
}
