/**
 * A revision must not (re)create a foreign key to a table whose name holds '.': Kysely and the
 * revision code would read its target as `schema.table`. Such keys are otherwise left alone
 * (`model/dotted-tables.ts`); a SQLite rebuild of their table would have to write them.
 */
import { pointsAtDotted } from '../model/dotted-tables.js';
import { qualifiedName } from '../model/qualified-name.js';
import type { ForeignKey } from '../model/types.js';
import type { Operation } from '../operations/types.js';
import { SchemigrateError } from '../util/errors.js';

/** The foreign keys an operation creates, with the table that holds each. */
function createdKeys(op: Operation): (readonly [string, ForeignKey])[] {
  if (op.kind === 'createTable') return op.table.foreignKeys.map((fk) => [qualifiedName(op.table), fk] as const);
  if (op.kind === 'rebuildTable') return op.to.foreignKeys.map((fk) => [qualifiedName(op.to), fk] as const);
  if (op.kind === 'addForeignKey') return [[op.table, op.foreignKey]];
  return [];
}

/**
 * Refuse, before anything is written, a revision whose upgrade or downgrade would (re)create a
 * foreign key to a dotted table.
 *
 * @example
 * assertNoKeysToDottedTables([...upgrade, ...downgrade]); // throws naming 'uses.fk_uses_ab (→ a.b)'
 */
export function assertNoKeysToDottedTables(operations: readonly Operation[]): void {
  const keys = [...new Set(operations.flatMap(createdKeys).filter(([, fk]) => pointsAtDotted(fk)).map(([table, fk]) => `${table}.${fk.name} (→ ${fk.referencedTable})`))];
  if (keys.length === 0) return;
  throw new SchemigrateError(
    `The revision would re-create ${keys.length === 1 ? 'the foreign key' : 'the foreign keys'} ${keys.join(', ')}, but revision code cannot name a table whose name holds '.' ` +
      '(Kysely reads it as schema.table), so nothing was written. On SQLite any change to such a table rebuilds it; rename the dotted table in the database first, or make this change by hand.',
  );
}
