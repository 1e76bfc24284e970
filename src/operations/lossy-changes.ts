/**
 * Lossy changes: operations that keep a column but may lose, round or refuse what it holds —
 * a narrower type, a default that a NOT NULL column's inserts rely on, enumeration values
 * that go away. Pure: the guard of `revision --autogenerate` then asks the database which of
 * them touch any value (`src/commands/data-loss-guard.ts`).
 */
import { describeDefault } from '../model/describe-type.js';
import type { Column } from '../model/types.js';
import { typeChangeRisks, type TypeFacts, type ValuesAtRisk } from './lossy-type-changes.js';
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
 * Every lossy change among `operations`, with columns named as the operations name them. A
 * column of an enumeration type that loses values has an `alterColumn` of its own (the column
 * type holds the values), so PostgreSQL's `alterEnum` needs no rule apart.
 *
 * @example
 * findLossyChanges([{ kind: 'alterColumn', table: 'prices', from: amount10_2, to: amount10_0 }], postgresDialect);
 * // [{ table: 'prices', column: 'amount', reason: 'numeric(10, 2) → numeric(10, 0) rounds values to whole numbers', atRisk: { kind: 'fraction', scale: 0 } }]
 */
export function findLossyChanges(operations: readonly Operation[], dialect: TypeFacts): LossyChange[] {
  return operations.flatMap((op) => (op.kind === 'alterColumn' ? columnRisks(op.table, op.from, op.to, dialect) : []));
}
