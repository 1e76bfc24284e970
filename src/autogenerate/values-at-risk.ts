/**
 * Counting the rows a lossy change would touch, with one `count(*)` per change in the
 * dialect's own SQL. The conditions only compare and convert in ways that cannot fail on the
 * column's own type; should the server refuse one anyway, the count falls back to the rows
 * holding any value, so the check itself never stops autogenerate.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from '../config/url.js';
import type { ValuesAtRisk } from '../operations/lossy-type-changes.js';

/** Digits we generated ourselves (bounds, scales), safe to write into SQL as they are. */
function number(text: string | number): RawBuilder<unknown> {
  const value = String(text);
  if (!/^-?\d+(\.\d+)?$/.test(value)) throw new Error(`Not a number literal: ${value}`);
  return sql.raw(value);
}

/** `column` rounded to `scale` decimal places (PostgreSQL: as numeric, which `round` takes with a scale). */
function rounded(dialect: DialectName, column: RawBuilder<unknown>, scale: number): RawBuilder<unknown> {
  return dialect === 'postgres' ? sql`round(cast(${column} as numeric), ${number(scale)})` : sql`round(${column}, ${number(scale)})`;
}

/** The condition in `dialect`'s SQL; `column` is the quoted column. */
function condition(dialect: DialectName, atRisk: ValuesAtRisk, column: RawBuilder<unknown>): RawBuilder<unknown> {
  switch (atRisk.kind) {
    case 'nonNull':
      return sql`${column} is not null`;
    case 'rows':
      return sql`1 = 1`;
    case 'fraction':
      if (atRisk.scale !== undefined) return sql`${column} <> ${rounded(dialect, column, atRisk.scale)}`;
      // PostgreSQL only: a float that does not survive the trip through numeric.
      return dialect === 'postgres' ? sql`${column} <> cast(${column} as numeric)` : sql`${column} is not null`;
    case 'outside': {
      const value = atRisk.scale === undefined ? column : rounded(dialect, column, atRisk.scale);
      const range = sql`(${value} < ${number(atRisk.min)} or ${value} > ${number(atRisk.max)})`;
      // SQLite compares text above every number: only integers can lose precision there.
      return dialect === 'sqlite' ? sql`typeof(${column}) = 'integer' and ${range}` : range;
    }
    case 'longer':
      if (dialect === 'postgres') return sql`char_length(cast(${column} as text)) > ${number(atRisk.length)}`;
      return dialect === 'mysql' ? sql`char_length(${column}) > ${number(atRisk.length)}` : sql`length(${column}) > ${number(atRisk.length)}`;
    case 'subsecond':
      if (dialect === 'mysql') return sql`microsecond(${column}) mod ${number(10 ** (6 - atRisk.precision))} <> 0`;
      return sql`${column} <> cast(${column} as ${sql.raw(`${atRisk.withTimezone ? 'timestamptz' : 'timestamp'}(${atRisk.precision})`)})`;
    case 'timeOfDay':
      return sql`cast(${column} as date) <> ${column}`;
    case 'among': {
      const values = sql.join(atRisk.values.map((value) => sql`${value}`));
      return dialect === 'postgres' ? sql`cast(${column} as text) in (${values})` : sql`${column} in (${values})`;
    }
    case 'notZeroOrOne':
      return sql`${column} not in (0, 1)`;
    case 'numericText':
      // Affinity converts exactly the text that compares equal to its numeric cast; it changes
      // the value when the number does not print back as the same text.
      return sql`typeof(${column}) = 'text' and ${column} = cast(${column} as numeric) and cast(cast(${column} as numeric) as text) <> ${column}`;
  }
}

async function count(db: Kysely<any>, table: string, where: RawBuilder<unknown>): Promise<number> {
  const result = await sql<{ n: number | string | bigint }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** How many rows a change touches, and whether that is exact or every row holding a value. */
export interface RowsAtRisk {
  readonly rows: number;
  readonly exact: boolean;
}

/**
 * Count the rows of `table` whose `column` value is at risk; where the exact condition fails
 * on the server, count the rows holding any value instead.
 *
 * @example
 * await countRowsAtRisk(db, 'postgres', 'prices', 'amount', { kind: 'fraction', scale: 0 }); // { rows: 1, exact: true }
 */
export async function countRowsAtRisk(
  db: Kysely<any>,
  dialect: DialectName,
  table: string,
  column: string,
  atRisk: ValuesAtRisk,
): Promise<RowsAtRisk> {
  const quoted = sql.id(column);
  const exact = atRisk.kind !== 'nonNull';
  try {
    return { rows: await count(db, table, condition(dialect, atRisk, quoted)), exact };
  } catch {
    return { rows: await count(db, table, condition(dialect, { kind: 'nonNull' }, quoted)), exact: false };
  }
}
