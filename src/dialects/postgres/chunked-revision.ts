/**
 * A revision too large for one transaction on this server (lock-budget.ts). A revision that
 * only creates new objects (new-objects.ts) runs in several transactions, a commit between two
 * statements whenever the next one would take the transaction past its share of the lock
 * table; the version-table change is in the last one. If a later transaction fails, what the
 * earlier ones created is dropped again, newest first, so the database ends as it began. Any
 * other revision is refused before anything of it is kept, with what to do instead.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CompiledQuery, type Kysely } from 'kysely';
import { SchemigrateError } from '../../util/errors.js';
import { FailedStatementError } from '../failed-statement.js';
import { UndoIncompleteError } from '../undo-incomplete.js';
import { estimateLocks, TRANSACTION_BASELINE, UNCHECKED_LOCKS, type LockBudget } from './lock-budget.js';
import { NewObjects } from './new-objects.js';
import { withStatementPipeline, type StatementGate } from './statement-pipeline.js';

/** A revision's statements as the pipeline hands them to the gate, and what the gate knows at the end. */
export interface BudgetGate {
  readonly gate: StatementGate;
  /** The budget the transaction outgrew; undefined while it fits. */
  readonly exceeded: () => LockBudget | undefined;
}

/**
 * A gate that counts a transaction's estimated locks and fails the revision as soon as they
 * outgrow the budget. The budget is read (`readBudget`) only once the estimate passes what
 * every server grants a transaction, so small revisions never ask.
 *
 * @example
 * const { gate, exceeded } = lockBudgetGate(() => readLockBudget(trx));
 * await withStatementPipeline(trx, fn, gate).catch((error) => { if (!exceeded()) throw error; });
 */
export function lockBudgetGate(readBudget: () => Promise<LockBudget>): BudgetGate {
  let used = TRANSACTION_BASELINE;
  let budget: LockBudget | undefined;
  let exceeded: LockBudget | undefined;
  const check = (): void => {
    if (budget && used > budget.perTransaction) {
      exceeded = budget;
      throw new SchemigrateError(`The revision needs more than the ${budget.perTransaction} locks one transaction may take on this server.`);
    }
  };
  const gate: StatementGate = (sql, flush) => {
    used += estimateLocks(sql);
    if (used <= (budget?.perTransaction ?? UNCHECKED_LOCKS)) return;
    if (budget) return check();
    return (async () => {
      await flush();
      budget = await readBudget();
      check();
    })();
  };
  return { gate, exceeded: () => exceeded };
}

export interface TooLargeOptions {
  /** The revision's own statements, recorded offline. */
  readonly preview: (() => Promise<readonly string[]>) | undefined;
  /** Tables the runtime writes in the revision's transaction. */
  readonly bookkeeping: readonly string[];
  readonly onWarning: ((message: string) => void) | undefined;
}

/**
 * Run a revision that outgrew one transaction's budget: in several transactions when it only
 * creates new objects, otherwise refused with what to do. `db` is the run's one connection,
 * outside any transaction.
 *
 * @example
 * await runTooLargeRevision(conn, budget, (db) => revision.upgrade(db), { preview, bookkeeping, onWarning });
 */
export async function runTooLargeRevision(
  db: Kysely<any>,
  budget: LockBudget,
  fn: (db: Kysely<any>) => Promise<void>,
  options: TooLargeOptions,
): Promise<void> {
  let statements: readonly string[];
  try {
    if (!options.preview) throw new Error('no offline recording of the revision was available');
    statements = await options.preview();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SchemigrateError(tooLargeMessage(budget, undefined, `its statements could not be recorded without a database to check that (${reason.replace(/\.$/, '')})`));
  }
  const estimate = statements.reduce((sum, statement) => sum + estimateLocks(statement), TRANSACTION_BASELINE);
  const check = new NewObjects(options.bookkeeping);
  for (const statement of statements) {
    const reason = check.admit(statement, 0);
    if (reason) throw new FailedStatementError(statement, new SchemigrateError(tooLargeMessage(budget, estimate, `${reason} (the statement below)`)));
  }
  const transactions = await runInChunksRetried(db, budget, fn, options);
  options.onWarning?.(
    `The revision ran in ${transactions} transactions, not one: it needs about ${estimate} locks, and one transaction may take ${budget.perTransaction} on this server (half its lock table, max_locks_per_transaction = ${budget.maxLocksPerTransaction} × ${budget.slots} server processes). It only creates new objects, so a failure would have dropped them again; until it finished, other sessions could see some of them.`,
  );
}

/** The refusal: the estimate, the server's capacity, and the ways out. */
function tooLargeMessage(budget: LockBudget, estimate: number | undefined, reason: string): string {
  const needs = estimate === undefined ? 'more locks' : `about ${estimate} locks`;
  const setting = estimate === undefined ? '' : ` to at least ${Math.ceil((2 * estimate) / budget.slots)}`;
  return [
    `The revision is too large for one transaction on this server: it needs ${needs}, and PostgreSQL's lock table holds ${budget.capacity}`,
    `(max_locks_per_transaction = ${budget.maxLocksPerTransaction} × ${budget.slots} server processes and prepared transactions), shared by every session, of which schemigrate lets one revision take ${budget.perTransaction}.`,
    `A revision that only creates new objects then runs in several transactions, but this one cannot: ${reason}.`,
    `Nothing of it was kept. Raise max_locks_per_transaction${setting} (postgresql.conf or ALTER SYSTEM; it takes effect after a server restart), or split the revision into smaller ones`,
  ].join(' ');
}

/** A pause before running the revision again after another session's locks made it fail. */
const RERUN_AFTER_MS = 5000;

/**
 * Run in chunks; when a transaction fails for want of lock table (another session held much of
 * it) and everything was undone, run the whole revision once more.
 */
async function runInChunksRetried(db: Kysely<any>, budget: LockBudget, fn: (db: Kysely<any>) => Promise<void>, options: TooLargeOptions): Promise<number> {
  try {
    return await runInChunks(db, budget, fn, options);
  } catch (error) {
    if (error instanceof UndoIncompleteError || !isTransient(error)) throw error;
    options.onWarning?.('The server ran out of lock table while the revision ran (other sessions held much of it); everything it had done was undone, and it runs once more.');
    await sleep(RERUN_AFTER_MS);
    return runInChunks(db, budget, fn, options);
  }
}

/** The revision in transactions of at most `budget.perTransaction` estimated locks; returns how many ran. */
async function runInChunks(db: Kysely<any>, budget: LockBudget, fn: (db: Kysely<any>) => Promise<void>, options: TooLargeOptions): Promise<number> {
  const run = (statement: string) => db.executeQuery(CompiledQuery.raw(statement));
  const objects = new NewObjects(options.bookkeeping);
  let committed = 0;
  let used = TRANSACTION_BASELINE;
  let statementsInChunk = 0;
  const admit = (sql: string): void => {
    const reason = objects.admit(sql, committed);
    // Recorded offline it only created new objects; run, it sent something else.
    if (reason) throw new FailedStatementError(sql, new SchemigrateError(`Running in several transactions, the revision sent a statement that does not only create new objects (${reason}); it did not send it when recorded without a database`));
  };
  const gate: StatementGate = (sql, flush) => {
    const cost = estimateLocks(sql);
    if (used + cost <= budget.perTransaction || statementsInChunk === 0) {
      used += cost;
      statementsInChunk++;
      return admit(sql);
    }
    return (async () => {
      await flush();
      await run('commit');
      committed++;
      await run('begin');
      used = TRANSACTION_BASELINE + cost;
      statementsInChunk = 1;
      admit(sql);
    })();
  };
  await run('begin');
  try {
    await withStatementPipeline(db, fn, gate);
    await run('commit');
  } catch (error) {
    await run('rollback').catch(() => {});
    if (committed > 0) await undo(db, objects, committed, error, options.onWarning);
    throw error;
  }
  return committed + 1;
}

/** Errors another session's locks can cause, which go away when it finishes: out of shared memory, a deadlock. */
const TRANSIENT = new Set(['53200', '40P01']);

/** Whether `error` (or the database error a failed statement carries) is one of TRANSIENT. */
function isTransient(error: unknown): boolean {
  const codes = [error, (error as { cause?: unknown } | null)?.cause].map((e) => (e as { code?: unknown } | null)?.code);
  return codes.some((code) => typeof code === 'string' && TRANSIENT.has(code));
}

/** Pauses before each retry of a transaction's undo that failed for a transient reason (about 15 s in all). */
const UNDO_RETRY_MS = [500, 1000, 2000, 4000, 8000];

/** Drop what the `committed` transactions created, newest first, one transaction each (retried while another session holds the lock table). */
async function undo(db: Kysely<any>, objects: NewObjects, committed: number, failure: unknown, onWarning: TooLargeOptions['onWarning']): Promise<void> {
  const failed: number[] = [];
  let firstError: unknown;
  for (let chunk = committed - 1; chunk >= 0; chunk--) {
    for (let attempt = 0; ; attempt++) {
      try {
        await db.transaction().execute(async (trx) => {
          for (const statement of objects.undo(chunk)) await trx.executeQuery(CompiledQuery.raw(statement));
        });
        break;
      } catch (error) {
        if (attempt < UNDO_RETRY_MS.length && isTransient(error)) {
          await sleep(UNDO_RETRY_MS[attempt]!);
          continue;
        }
        failed.push(chunk);
        firstError ??= error;
        break;
      }
    }
  }
  if (firstError !== undefined) throw new UndoIncompleteError(failure, objects.createdIn(failed), firstError);
  onWarning?.(
    `The revision was too large for one transaction and ran in several; it failed in transaction ${committed + 1}, and what the ${committed} before it had created was dropped again.`,
  );
}
