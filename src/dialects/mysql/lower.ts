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
import { columnDifferences } from '../../model/equality.js';
import type { ForeignKey, Model } from '../../model/types.js';
import type { Operation } from '../../operations/types.js';

interface HeldKey {
  readonly table: string;
  readonly foreignKey: ForeignKey;
}

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
  const gone = new Set(
    kept.flatMap((op) => {
      if (op.kind === 'dropForeignKey') return [`${op.table}\0${op.foreignKey.name}`];
      if (op.kind === 'dropTable') return op.table.foreignKeys.map((fk) => `${op.table.name}\0${fk.name}`);
      return [];
    }),
  );
  const held = new Map<string, HeldKey>();
  for (const op of kept) {
    for (const key of keysInTheWay(op, before)) {
      const id = `${key.table}\0${key.foreignKey.name}`;
      if (!gone.has(id)) held.set(id, key);
    }
  }
  if (held.size === 0) return kept;
  const keys = [...held.values()];
  return [
    ...keys.map(({ table, foreignKey }): Operation => ({ kind: 'dropForeignKey', table, foreignKey })),
    ...kept,
    ...keys.map(({ table, foreignKey }): Operation => ({ kind: 'addForeignKey', table, foreignKey })),
  ];
}

/**
 * MariaDB cannot `MODIFY` a generated column between virtual and stored ("not yet supported
 * for generated columns"); a generated column holds no data of its own, so it is dropped and
 * added again (it moves to the end of the table, and indexes on it go with it).
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
function keysInTheWay(op: Operation, before: Model): HeldKey[] {
  const keysOf = (table: string): HeldKey[] =>
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
      if (!changes.includes('type') && !changes.includes('collation')) return [];
      const column = op.from.name;
      const referencing = keysOf(op.table).filter(({ foreignKey }) => foreignKey.columns.includes(column));
      const referenced = before.tables.flatMap((table) =>
        keysOf(table.name).filter(
          ({ foreignKey }) => foreignKey.referencedTable === op.table && foreignKey.referencedColumns.includes(column),
        ),
      );
      return [...referencing, ...referenced];
    }
    default:
      return [];
  }
}

/** Whether the index columns begin with the foreign key's columns (so the key may use it). */
function startsWith(indexColumns: readonly string[], keyColumns: readonly string[]): boolean {
  return keyColumns.length > 0 && keyColumns.every((column, i) => indexColumns[i] === column);
}
