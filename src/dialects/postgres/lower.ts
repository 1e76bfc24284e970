/**
 * Lowering: PostgreSQL alters tables in place and runs DDL in transactions, so every generic
 * operation runs as it is; nothing needs a rebuild. The one decision is how to add enumeration
 * values: `ALTER TYPE … ADD VALUE` is cheap, but the new value cannot be used before the
 * transaction commits, and a revision is one transaction; so when the same revision uses an
 * added value (a default, check, index predicate, generated column), the type is re-created
 * and swapped in instead.
 */
import { columnsEqual } from '../../model/equality.js';
import { standardStringLiteral } from '../../model/string-literal.js';
import type { EnumType } from '../../model/types.js';
import type { Operation, OperationOf } from '../../operations/types.js';

/**
 * The operations PostgreSQL runs for `operations`: the same ones, in the same order, with
 * `recreate` set on an enumeration change whose added values other operations use, and
 * without column changes that are only their enumeration's new values.
 *
 * @example
 * lower([{ kind: 'dropTable', table }]); // → [{ kind: 'dropTable', table }]
 */
export function lower(operations: readonly Operation[]): Operation[] {
  return operations.flatMap((op): Operation[] => {
    if (op.kind === 'alterColumn') return withoutEnumValueChange(op);
    if (op.kind !== 'alterEnum') return [op];
    const others = operations.filter((other) => other !== op && !other.kind.endsWith('Enum'));
    const used = addedValues(op.from, op.to).some((value) => others.some((other) => mentionsValue(other, value)));
    return [used ? { ...op, recreate: true } : op];
  });
}

/**
 * A column whose enumeration type keeps its name follows the type's `alterEnum`: its own
 * change of values is no column change (the type's name is all the column holds).
 */
function withoutEnumValueChange(op: OperationOf<'alterColumn'>): Operation[] {
  const { from, to } = op;
  if (from.type.kind !== 'enum' || to.type.kind !== 'enum' || from.type.name !== to.type.name) return [op];
  const rest = { ...to, type: from.type };
  return columnsEqual(from, rest) ? [] : [{ ...op, to: rest }];
}

function addedValues(from: EnumType, to: EnumType): string[] {
  const existing = new Set(from.values);
  return to.values.filter((value) => !existing.has(value));
}

/**
 * Whether an operation may use `value`: as a literal default, or as a SQL string literal in any
 * expression. Erring towards yes only costs a table rewrite, never a failed revision.
 */
function mentionsValue(op: Operation, value: string): boolean {
  const text = JSON.stringify(op);
  const sqlLiteral = JSON.stringify(standardStringLiteral(value)).slice(1, -1);
  return text.includes(`"value":${JSON.stringify(value)}`) || text.includes(sqlLiteral);
}
