/**
 * SQLite's conditions for the data-loss guard: `length()`, and type affinity — text compares
 * above every number, and numeric affinity re-spells text that reads as a number.
 */
import { sql, type RawBuilder } from 'kysely';
import type { ValuesAtRisk } from '../../operations/lossy-type-changes.js';
import { number, standardCondition } from '../values-at-risk.js';

/**
 * @example
 * sqliteValuesAtRisk({ kind: 'longer', length: 20 }, sql.id('name')); // length("name") > 20
 */
export function sqliteValuesAtRisk(atRisk: ValuesAtRisk, column: RawBuilder<unknown>): RawBuilder<unknown> {
  switch (atRisk.kind) {
    case 'outside':
      // Only integers can lose precision: text compares above every number.
      return sql`typeof(${column}) = 'integer' and ${standardCondition(atRisk, column)}`;
    case 'longer':
      return sql`length(${column}) > ${number(atRisk.length)}`;
    case 'numericText':
      // Affinity converts exactly the text that compares equal to its numeric cast; it changes
      // the value when the number does not print back as the same text.
      return sql`typeof(${column}) = 'text' and ${column} = cast(${column} as numeric) and cast(cast(${column} as numeric) as text) <> ${column}`;
    default:
      return standardCondition(atRisk, column);
  }
}
