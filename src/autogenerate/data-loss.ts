/**
 * The data-loss guard of `revision --autogenerate`: a revision that
 * drops a table or a column holding data, or changes a column in a way that may lose, round or
 * refuse values it holds (`src/operations/lossy-changes.ts`), is never written unless allowed. What
 * touches nothing — an empty table, a column of NULLs, a narrowing no value exceeds — goes
 * without a question, reported.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialects/dialect.js';
import { findLossyChanges, type LossyChange } from '../operations/lossy-changes.js';
import type { Operation } from '../operations/types.js';
import { SchemigrateError } from '../util/errors.js';
import { countRowsAtRisk, type RowsAtRisk } from './values-at-risk.js';

/** A drop in the diff, and whether the database holds data it would lose. */
export type Drop =
  | { readonly kind: 'table'; readonly table: string; readonly holdsData: boolean }
  | { readonly kind: 'column'; readonly table: string; readonly column: string; readonly holdsData: boolean };

/** A lossy change, with the rows of the database it touches. */
export type CheckedChange = LossyChange & RowsAtRisk;

/** Everything a revision would lose, as found in the database. */
export interface DataLoss {
  readonly drops: readonly Drop[];
  readonly changes: readonly CheckedChange[];
}

/**
 * Names in the database of what the operations name after their renames: the operations after
 * a `renameTable`/`renameColumn` use the new name, while the database still has the old one.
 */
function namesInDatabase(operations: readonly Operation[]) {
  const tables = new Map<string, string>();
  const columns = new Map<string, string>();
  for (const op of operations) {
    if (op.kind === 'renameTable') tables.set(op.to, op.from);
    if (op.kind === 'renameColumn') columns.set(JSON.stringify([op.table, op.to]), op.from);
  }
  return {
    table: (table: string) => tables.get(table) ?? table,
    column: (table: string, column: string) => columns.get(JSON.stringify([table, column])) ?? column,
  };
}

async function hasRow(db: Kysely<any>, table: string, nonNullColumn?: string): Promise<boolean> {
  let query = db.selectFrom(table).select(sql<number>`1`.as('present')).limit(1);
  if (nonNullColumn !== undefined) query = query.where(sql.id(nonNullColumn), 'is not', null);
  return (await query.execute()).length > 0;
}

/**
 * The table and column drops and the lossy changes among `operations`, each checked against
 * the data: a drop holds a row or a non-null value; a change touches so many rows. A column of
 * a dropped table is not listed apart.
 *
 * @example
 * await findDataLoss(db, dialect, [{ kind: 'dropTable', table: legacy }]);
 * // { drops: [{ kind: 'table', table: 'legacy', holdsData: true }], changes: [] }
 */
export async function findDataLoss(
  db: Kysely<any>,
  dialect: Pick<Dialect, 'storedType' | 'typeConversions' | 'valuesAtRisk'>,
  operations: readonly Operation[],
): Promise<DataLoss> {
  const inDatabase = namesInDatabase(operations);
  const drops: Drop[] = [];
  for (const op of operations) {
    if (op.kind === 'dropTable') {
      drops.push({ kind: 'table', table: op.table.name, holdsData: await hasRow(db, op.table.name) });
    } else if (op.kind === 'dropColumn') {
      drops.push({ kind: 'column', table: op.table, column: op.column.name, holdsData: await hasRow(db, inDatabase.table(op.table), op.column.name) });
    }
  }
  const changes: CheckedChange[] = [];
  for (const change of findLossyChanges(operations, dialect)) {
    const rows = await countRowsAtRisk(db, dialect, inDatabase.table(change.table), inDatabase.column(change.table, change.column), change.atRisk);
    changes.push({ ...change, ...rows });
  }
  return { drops, changes };
}

/** `users` or `users.age`: how a drop is named in messages and in `--drop-create`. */
function dropSubject(drop: Drop): string {
  return drop.kind === 'table' ? drop.table : `${drop.table}.${drop.column}`;
}

export interface GuardOptions {
  /** Every drop and lossy change is allowed (the API's `allowDataLoss`, the CLI's `--yes` or a yes on the terminal). */
  readonly allowDataLoss: boolean;
  /** Drops the caller already chose explicitly (`dropCreate`). */
  readonly confirmed: ReadonlySet<string>;
  /** The barrel, as shown to the user: a dropped table may simply not be exported there. */
  readonly barrel: string;
}

/** How a guarded run reports what it lets through. */
export interface GuardReport {
  info(message: string): void;
  warn(message: string): void;
}
function describeDrop(drop: Drop, barrel: string): string {
  return drop.kind === 'table'
    ? `table ${drop.table} (it holds rows; it is in the database but not in the schema loaded from ${barrel}: that barrel may simply not export it)`
    : `column ${drop.table}.${drop.column} (it holds non-null values)`;
}

function rowCount(count: number): string {
  return count === 1 ? '1 row' : `${count} rows`;
}

/** The rows a change touches, in words: `3 rows would change`. */
function affected(change: CheckedChange): string {
  const one = change.rows === 1;
  const counted = (singular: string, plural: string) => `${rowCount(change.rows)} ${one ? singular : plural}`;
  if (!change.exact) {
    const held = counted('holds a value', 'hold a value');
    return change.atRisk.kind === 'nonNull' ? held : `${held}; the server could not tell which would change`;
  }
  switch (change.atRisk.kind) {
    case 'rows':
      return `the table holds ${rowCount(change.rows)}`;
    case 'among':
      return counted('holds such a value', 'hold such a value');
    case 'outside':
    case 'longer':
      return counted('does not fit', 'do not fit');
    default:
      return counted('would change', 'would change');
  }
}

/** Why a change that touches no row needs no question. */
function untouched(change: CheckedChange): string {
  switch (change.atRisk.kind) {
    case 'nonNull':
      return 'it holds no values';
    case 'rows':
      return 'the table is empty';
    case 'among':
      return 'no row holds such a value';
    case 'outside':
    case 'longer':
      return 'every value fits';
    default:
      return 'no value would change';
  }
}

function describeChange(change: CheckedChange): string {
  return `column ${change.table}.${change.column}: ${change.reason} (${affected(change)})`;
}

/**
 * A dry run writes nothing and needs no answer: a warning for each drop or change that would lose data.
 *
 * @example
 * warnDataLoss(await findDataLoss(db, dialect, operations), report);
 */
export function warnDataLoss(loss: DataLoss, report: GuardReport): void {
  for (const drop of loss.drops.filter((d) => d.holdsData)) report.warn(`Dropping ${drop.kind} ${dropSubject(drop)} would lose data.`);
  for (const change of loss.changes.filter((c) => c.rows > 0)) report.warn(`Changing ${describeChange(change)}.`);
}

/**
 * Let the drops and lossy changes through, or refuse: those touching no data pass (reported),
 * the others need `allowDataLoss` or (drops) an explicit `dropCreate`. Otherwise an
 * ANSWER_REQUIRED error lists them in its details (`dataLoss`), before anything is written.
 *
 * @example
 * guardDataLoss(await findDataLoss(db, dialect, operations), { allowDataLoss: false, confirmed: new Set(), barrel: 'src/db/schema/index.ts' }, report);
 */
export function guardDataLoss(loss: DataLoss, options: GuardOptions, report: GuardReport): void {
  for (const drop of loss.drops.filter((d) => !d.holdsData)) {
    report.info(`Dropping ${drop.kind} ${dropSubject(drop)}: it is empty, so no confirmation is needed.`);
  }
  for (const change of loss.changes.filter((c) => c.rows === 0)) {
    report.info(`Changing column ${change.table}.${change.column}: ${change.reason}; ${untouched(change)}, so no confirmation is needed.`);
  }
  const drops = loss.drops.filter((d) => d.holdsData && !options.confirmed.has(dropSubject(d)));
  const changes = loss.changes.filter((c) => c.rows > 0);
  if (drops.length === 0 && changes.length === 0) return;
  const listed = [...drops.map((d) => describeDrop(d, options.barrel)), ...changes.map(describeChange)].join('; ');
  const what = `${[drops.length > 0 ? 'drop' : '', changes.length > 0 ? 'change' : ''].filter(Boolean).join(' and ')} data`;
  const waysOut = [
    drops.length > 0 ? 'add what is missing to the schema (export the table from the barrel), or list a table in tables.exclude to ignore it' : '',
    changes.length > 0 ? "declare the column's old type (or default) again, or change the rows concerned first" : '',
  ].filter(Boolean);
  if (options.allowDataLoss) {
    report.warn(`Writing a revision that would ${what}, as allowed (--yes, the API's allowDataLoss): ${listed}.`);
    return;
  }
  throw new SchemigrateError(
    `The revision would ${what}, and nothing allowed it, so nothing was written: ${listed}. ` +
      `Pass --yes (the API's allowDataLoss: true) to write it anyway; or ${waysOut.join('; or ')}.`,
    { code: 'ANSWER_REQUIRED', details: { dataLoss: { summary: `The revision would ${what}: ${listed}.`, drops, changes }, waysOut } },
  );
}
