/**
 * The SQL condition that picks the rows whose value a lossy change would touch (for the
 * data-loss guard's `count(*)`): the standard form every dialect starts from, which each
 * dialect's `values-at-risk.ts` overrides where its SQL differs.
 */
import { sql, type RawBuilder } from 'kysely';
import type { ValuesAtRisk } from '../operations/lossy-type-changes.js';

/** A column's values at risk, as a SQL condition on the quoted `column`. */
export type ValuesAtRiskCondition = (atRisk: ValuesAtRisk, column: RawBuilder<unknown>) => RawBuilder<unknown>;

/**
 * Digits we generated ourselves (bounds, scales), safe to write into SQL as they are.
 *
 * @example
 * sql`${column} > ${number('32767')}`;
 */
export function number(text: string | number): RawBuilder<unknown> {
  const value = String(text);
  if (!/^-?\d+(\.\d+)?$/.test(value)) throw new Error(`Not a number literal: ${value}`);
  return sql.raw(value);
}

/**
 * The standard conditions; `rounded` is how the dialect rounds a column to `scale` places.
 *
 * @example
 * standardCondition({ kind: 'longer', length: 20 }, sql.id('name')); // char_length("name") > 20
 */
export function standardCondition(
  atRisk: ValuesAtRisk,
  column: RawBuilder<unknown>,
  rounded: (column: RawBuilder<unknown>, scale: number) => RawBuilder<unknown> = (value, scale) => sql`round(${value}, ${number(scale)})`,
): RawBuilder<unknown> {
  switch (atRisk.kind) {
    case 'rows':
      return sql`1 = 1`;
    case 'fraction':
      return atRisk.scale === undefined ? sql`${column} is not null` : sql`${column} <> ${rounded(column, atRisk.scale)}`;
    case 'outside': {
      const value = atRisk.scale === undefined ? column : rounded(column, atRisk.scale);
      return sql`(${value} < ${number(atRisk.min)} or ${value} > ${number(atRisk.max)})`;
    }
    case 'longer':
      return sql`char_length(${column}) > ${number(atRisk.length)}`;
    case 'subsecond':
      return sql`${column} <> cast(${column} as ${sql.raw(`${atRisk.withTimezone ? 'timestamptz' : 'timestamp'}(${atRisk.precision})`)})`;
    case 'timeOfDay':
      return sql`cast(${column} as date) <> ${column}`;
    case 'among':
      return sql`${column} in (${sql.join(atRisk.values.map((value) => sql`${value}`))})`;
    case 'notZeroOrOne':
      return sql`${column} not in (0, 1)`;
    case 'nonNull':
    case 'numericText':
      // numericText is SQLite's own (its dialect says which text); elsewhere any value counts.
      return sql`${column} is not null`;
  }
}
