/**
 * Counting the rows a lossy change would touch, with one `count(*)` per change in the
 * dialect's own SQL (`Dialect.valuesAtRisk`). The conditions only compare and convert in ways
 * that cannot fail on the column's own type; should the server refuse one anyway, the count
 * falls back to the rows holding any value, so the check itself never stops autogenerate.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Dialect } from '../dialects/dialect.js';
import type { ValuesAtRisk } from '../operations/lossy-type-changes.js';

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
 * await countRowsAtRisk(db, postgresDialect, 'prices', 'amount', { kind: 'fraction', scale: 0 }); // { rows: 1, exact: true }
 */
export async function countRowsAtRisk(
  db: Kysely<any>,
  dialect: Pick<Dialect, 'valuesAtRisk'>,
  table: string,
  column: string,
  atRisk: ValuesAtRisk,
): Promise<RowsAtRisk> {
  const quoted = sql.id(column);
  const exact = atRisk.kind !== 'nonNull';
  try {
    return { rows: await count(db, table, dialect.valuesAtRisk(atRisk, quoted)), exact };
  } catch {
    return { rows: await count(db, table, sql`${quoted} is not null`), exact: false };
  }
}
