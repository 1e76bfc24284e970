/**
 * MySQL's conditions for the data-loss guard: fractional seconds through `microsecond()`.
 */
import { sql, type RawBuilder } from 'kysely';
import type { ValuesAtRisk } from '../../operations/lossy-type-changes.js';
import { number, standardCondition } from '../values-at-risk.js';

/**
 * @example
 * mysqlValuesAtRisk({ kind: 'subsecond', precision: 3, withTimezone: false }, sql.id('at')); // microsecond(`at`) mod 1000 <> 0
 */
export function mysqlValuesAtRisk(atRisk: ValuesAtRisk, column: RawBuilder<unknown>): RawBuilder<unknown> {
  if (atRisk.kind === 'subsecond') return sql`microsecond(${column}) mod ${number(10 ** (6 - atRisk.precision))} <> 0`;
  return standardCondition(atRisk, column);
}
