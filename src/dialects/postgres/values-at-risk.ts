/**
 * PostgreSQL's conditions for the data-loss guard: `round` takes a scale only on numeric, and
 * text functions and `in` need the value as text.
 */
import { sql, type RawBuilder } from 'kysely';
import type { ValuesAtRisk } from '../../operations/lossy-type-changes.js';
import { number, standardCondition } from '../values-at-risk.js';

const rounded = (column: RawBuilder<unknown>, scale: number) => sql`round(cast(${column} as numeric), ${number(scale)})`;

/**
 * @example
 * postgresValuesAtRisk({ kind: 'fraction' }, sql.id('ratio')); // "ratio" <> cast("ratio" as numeric)
 */
export function postgresValuesAtRisk(atRisk: ValuesAtRisk, column: RawBuilder<unknown>): RawBuilder<unknown> {
  switch (atRisk.kind) {
    case 'fraction':
      // No scale: a float that does not survive the trip through numeric.
      return atRisk.scale === undefined ? sql`${column} <> cast(${column} as numeric)` : standardCondition(atRisk, column, rounded);
    case 'longer':
      return sql`char_length(cast(${column} as text)) > ${number(atRisk.length)}`;
    case 'among':
      return sql`cast(${column} as text) in (${sql.join(atRisk.values.map((value) => sql`${value}`))})`;
    default:
      return standardCondition(atRisk, column, rounded);
  }
}
