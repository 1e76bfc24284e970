/**
 * The destructive-change guard of `revision --autogenerate` (SPEC §6 `--yes`, §8): dropping a
 * table or a column that holds data is never written silently. Empty ones may go without a
 * question, since nothing is lost.
 */
import { sql, type Kysely } from 'kysely';
import prompts from 'prompts';
import type { Operation } from '../operations/types.js';
import { SchemigrateError } from '../util/errors.js';
import type { Reporter } from './reporter.js';

/** A drop in the diff, and whether the database holds data it would lose. */
export type Drop =
  | { readonly kind: 'table'; readonly table: string; readonly holdsData: boolean }
  | { readonly kind: 'column'; readonly table: string; readonly column: string; readonly holdsData: boolean };

/**
 * The table and column drops among `operations`, each asking the database whether there is
 * anything to lose (a row; a non-null value). A column of a dropped table is not listed apart.
 *
 * @example
 * await findDrops(db, [{ kind: 'dropTable', table: legacy }]); // [{ kind: 'table', table: 'legacy', holdsData: true }]
 */
export async function findDrops(db: Kysely<any>, operations: readonly Operation[]): Promise<Drop[]> {
  // Operations after a rename use the new name; the database still has the old one.
  const renamedFrom = new Map(operations.flatMap((op) => (op.kind === 'renameTable' ? [[op.to, op.from] as const] : [])));
  const inDatabase = (table: string) => renamedFrom.get(table) ?? table;
  const drops: Drop[] = [];
  for (const op of operations) {
    if (op.kind === 'dropTable') {
      drops.push({ kind: 'table', table: op.table.name, holdsData: await hasRow(db, op.table.name) });
    } else if (op.kind === 'dropColumn') {
      drops.push({ kind: 'column', table: op.table, column: op.column.name, holdsData: await hasRow(db, inDatabase(op.table), op.column.name) });
    }
  }
  return drops;
}

async function hasRow(db: Kysely<any>, table: string, nonNullColumn?: string): Promise<boolean> {
  let query = db.selectFrom(table).select(sql<number>`1`.as('present')).limit(1);
  if (nonNullColumn !== undefined) query = query.where(nonNullColumn, 'is not', null);
  return (await query.execute()).length > 0;
}

/** `users` or `users.age`: how a drop is named in messages and in `--drop-create`. */
export function dropSubject(drop: Drop): string {
  return drop.kind === 'table' ? drop.table : `${drop.table}.${drop.column}`;
}

export interface GuardOptions {
  /** `--yes`: every drop is confirmed. */
  readonly yes: boolean;
  /** Ask on the terminal. */
  readonly interactive: boolean;
  /** Drops the user already chose explicitly (`--drop-create`, or "drop and create" when asked). */
  readonly confirmed: ReadonlySet<string>;
  /** The barrel, as shown to the user: a dropped table may simply not be exported there. */
  readonly barrel: string;
}

function describeDrop(drop: Drop, barrel: string): string {
  return drop.kind === 'table'
    ? `table ${drop.table} (it holds rows; it is in the database but not in the schema loaded from ${barrel}: that barrel may simply not export it)`
    : `column ${drop.table}.${drop.column} (it holds non-null values)`;
}

/**
 * Let the drops through, or refuse: empty ones pass (reported), ones holding data need
 * `--yes`, an explicit choice, or a yes on the terminal. Without a terminal the command stops
 * before writing anything.
 *
 * @example
 * await guardDrops(await findDrops(db, operations), { yes: false, interactive: false, confirmed: new Set(), barrel: 'src/db/schema/index.ts' }, reporter);
 */
export async function guardDrops(drops: readonly Drop[], options: GuardOptions, reporter: Reporter): Promise<void> {
  for (const drop of drops.filter((d) => !d.holdsData)) {
    reporter.info(`Dropping ${drop.kind} ${dropSubject(drop)}: it is empty, so no confirmation is needed.`);
  }
  const risky = drops.filter((d) => d.holdsData && !options.confirmed.has(dropSubject(d)));
  if (risky.length === 0) return;
  const listed = risky.map((d) => describeDrop(d, options.barrel)).join('; ');
  if (options.yes) {
    reporter.warn(`Dropping with --yes: ${listed}.`);
    return;
  }
  if (options.interactive) {
    const { proceed } = await prompts({
      type: 'confirm',
      name: 'proceed',
      message: `The revision drops data: ${listed}. Write it?`,
      initial: false,
    });
    if (proceed === true) return;
    throw new SchemigrateError('Not confirmed; nothing was written. Add the missing table or column to the schema, or list a table in tables.exclude to ignore it.');
  }
  throw new SchemigrateError(
    `The revision would drop data, and stdin is not a terminal to confirm it, so nothing was written: ${listed}. ` +
      'Pass --yes to write it anyway; or add what is missing to the schema (export the table from the barrel), or list a table in tables.exclude to ignore it.',
  );
}
