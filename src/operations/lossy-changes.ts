/**
 * Lossy changes: operations that keep a column but may lose, round or refuse what it holds —
 * a narrower type, a default that a NOT NULL column's inserts rely on, enumeration values
 * that go away. Pure: the guard of `revision --autogenerate` then asks the database which of
 * them touch any value (`src/commands/data-loss-guard.ts`).
 */
import { describeDefault } from '../model/describe-type.js';
import { qualifiedName } from '../model/qualified-name.js';
import type { Column, Model } from '../model/types.js';
import { applyOperations } from './apply.js';
import { removedValues, typeChangeRisks, type TypeFacts, type ValuesAtRisk } from './lossy-type-changes.js';
import type { Operation } from './types.js';

/** A column whose data a change may lose, why, and which of its values to count. */
export interface LossyChange {
  /** The table as the operations name it (after a rename in the same revision). */
  readonly table: string;
  readonly column: string;
  /** `numeric(10, 2) → numeric(10, 0) rounds values to whole numbers`. */
  readonly reason: string;
  readonly atRisk: ValuesAtRisk;
}

/**
 * Losing a default matters only where an insert cannot do without it: a NOT NULL column that
 * neither generates nor increments its values. Inserts that omit the column then fail, so
 * an application that relied on the default stops writing rows.
 */
function defaultRisk(from: Column, to: Column): string | undefined {
  if (from.default === undefined || to.default !== undefined || to.nullable || to.autoIncrement || to.generated) return undefined;
  return `loses its default ${describeDefault(from.default)}: it is NOT NULL, so inserts that omit it will fail`;
}

function columnRisks(table: string, from: Column, to: Column, dialect: TypeFacts): LossyChange[] {
  // A generated column's values are derived again, whatever its type.
  if (from.generated || to.generated) return [];
  const changes = typeChangeRisks(from.type, to.type, dialect).map((risk) => ({ table, column: to.name, ...risk }));
  const lostDefault = defaultRisk(from, to);
  if (lostDefault !== undefined) changes.push({ table, column: to.name, reason: lostDefault, atRisk: { kind: 'rows' } });
  return changes;
}

/**
 * The columns of an enumeration type that loses values (PostgreSQL's `alterEnum`), found in
 * the database as the operations see it (after their renames).
 */
function enumRisks(op: Extract<Operation, { kind: 'alterEnum' }>, database: Model): LossyChange[] {
  const removed = op.from.values.filter((value) => !op.to.values.includes(value));
  if (removed.length === 0) return [];
  const type = qualifiedName(op.from);
  return database.tables.flatMap((table) =>
    table.columns
      .filter((column) => column.type.kind === 'enum' && qualifiedName(column.type) === type)
      .map((column) => ({
        table: qualifiedName(table),
        column: column.name,
        reason: `enum ${type} ${removedValues(removed)}`,
        atRisk: { kind: 'among', values: removed } as const,
      })),
  );
}

/**
 * Every lossy change among `operations`, which were diffed against `database` (the
 * introspected model). Columns are named as the operations name them.
 *
 * @example
 * findLossyChanges([{ kind: 'alterColumn', table: 'prices', from: amount10_2, to: amount10_0 }], database, { name: 'postgres' });
 * // [{ table: 'prices', column: 'amount', reason: 'numeric(10, 2) → numeric(10, 0) rounds values to whole numbers', atRisk: { kind: 'fraction', scale: 0 } }]
 */
export function findLossyChanges(operations: readonly Operation[], database: Model, dialect: TypeFacts): LossyChange[] {
  const renamed = applyOperations(database, operations.filter((op) => op.kind === 'renameTable' || op.kind === 'renameColumn'));
  return operations.flatMap((op) => {
    if (op.kind === 'alterColumn') return columnRisks(op.table, op.from, op.to, dialect);
    if (op.kind === 'alterEnum') return enumRisks(op, renamed);
    return [];
  });
}
