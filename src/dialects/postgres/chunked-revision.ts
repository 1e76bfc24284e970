/**
 * One revision's transaction, kept within its share of the server's lock table (lock-budget.ts).
 * Each statement's locks are estimated before it is sent. When the next statement would take
 * the transaction past its share, schemigrate records the whole revision without a database
 * and looks at it: a revision that only creates new objects (new-objects.ts) goes on in several
 * transactions — what ran so far is committed as the first, and a commit goes between two
 * statements whenever the next one would pass the share again; the version-table change is in
 * the last. If a later transaction fails, what the earlier ones created is dropped again,
 * newest first, so the database ends as it began. Any other revision is refused there: its
 * transaction is rolled back, so nothing of it is kept.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CompiledQuery, type Kysely } from 'kysely';
import { SchemigrateError } from '../../util/errors.js';
import { FailedStatementError } from '../failed-statement.js';
import { UndoIncompleteError } from '../undo-incomplete.js';
import { estimateLocks, TRANSACTION_BASELINE, UNCHECKED_LOCKS, type LockBudget } from './lock-budget.js';
import { NewObjects } from './new-objects.js';
import { isRecordStepBlock } from './record-step-block.js';
import { NotSentError, withStatementPipeline, type StatementGate } from './statement-pipeline.js';

export interface LockTableOptions {
  /** The server's lock table (read once the estimate passes UNCHECKED_LOCKS). */
  readonly readBudget: () => Promise<LockBudget>;
  /** The revision's own statements, recorded offline. */
  readonly preview: (() => Promise<readonly string[]>) | undefined;
  /** Tables the runtime writes in the revision's transaction. */
  readonly bookkeeping: readonly string[];
  readonly onWarning: ((message: string) => void) | undefined;
  /** Commit without waiting for the disk flush: a later revision of the run flushes it (statement-pipeline.ts). */
  readonly asyncCommit?: boolean;
  /** The revision before this one, still running: nothing is sent before it has finished (statement-pipeline.ts). */
  readonly after?: Promise<void>;
}

/**
 * Run `fn` through the statement pipeline on `db` (the run's one connection, outside any
 * transaction) in one transaction, or in several when it outgrows the lock table and only
 * creates new objects; refused when it outgrows it otherwise.
 *
 * @example
 * await runWithinLockTable(conn, (db) => revision.upgrade(db), { readBudget, preview, bookkeeping, onWarning });
 */
export async function runWithinLockTable(db: Kysely<any>, fn: (db: Kysely<any>) => Promise<void>, options: LockTableOptions): Promise<void> {
  const splitter = new TransactionSplitter(db, options);
  try {
    await splitter.run(fn);
  } catch (error) {
    if (!splitter.split || error instanceof UndoIncompleteError || !isTransient(error)) throw error;
    // Undone whole after another session filled the lock table: once more, from the start.
    options.onWarning?.('The server ran out of lock table while the revision ran in several transactions (other sessions held much of it); everything it had done was undone, and it runs once more.');
    await sleep(RERUN_AFTER_MS);
    await new TransactionSplitter(db, options).run(fn);
  }
}

/** A pause before running the revision again after another session's locks made it fail. */
const RERUN_AFTER_MS = 5000;

/** One run of a revision, with the gate that counts, decides and commits between statements. */
class TransactionSplitter {
  readonly #db: Kysely<any>;
  readonly #options: LockTableOptions;
  #budget: LockBudget | undefined;
  /** Estimated locks of the open transaction. */
  #used = TRANSACTION_BASELINE;
  /** The statements sent before the revision was split (to tell what the first transaction created). */
  #sent: string[] = [];
  /** Set once the revision runs in several transactions. */
  #objects: NewObjects | undefined;
  #committed = 0;
  #estimate = 0;

  constructor(db: Kysely<any>, options: LockTableOptions) {
    this.#db = db;
    this.#options = options;
  }

  /** Whether the revision went on in several transactions. */
  get split(): boolean {
    return this.#objects !== undefined;
  }

  async run(fn: (db: Kysely<any>) => Promise<void>): Promise<void> {
    try {
      // `begin` travels with the revision's first batch, `commit` with its last.
      await withStatementPipeline(this.#db, fn, this.#gate, { ownTransaction: true, asyncCommit: this.#options.asyncCommit, after: this.#options.after });
    } catch (error) {
      if (error instanceof NotSentError) throw error;
      await this.#execute('rollback').catch(() => {});
      if (this.#committed > 0) await this.#undo(error);
      throw error;
    }
    if (this.#committed > 0) {
      const budget = this.#budget!;
      this.#options.onWarning?.(
        `The revision ran in ${this.#committed + 1} transactions, not one: it needs about ${this.#estimate} locks, and one transaction may take ${budget.perTransaction} on this server (half its lock table, max_locks_per_transaction = ${budget.maxLocksPerTransaction} × ${budget.slots} server processes). It only creates new objects, so a failure would have dropped them again; until it finished, other sessions could see some of them.`,
      );
    }
  }

  readonly #gate: StatementGate = (sql, flush) => {
    const cost = estimateLocks(sql);
    const limit = this.#budget?.perTransaction ?? UNCHECKED_LOCKS;
    if (this.#used + cost <= limit) {
      this.#used += cost;
      if (this.#objects) this.#admit(this.#objects, sql);
      else this.#sent.push(sql);
      return;
    }
    return this.#outgrown(sql, cost, flush);
  };

  /** The next statement would take the transaction past `limit`: read the budget, then split or refuse. */
  async #outgrown(sql: string, cost: number, flush: () => Promise<void>): Promise<void> {
    if (!this.#budget) {
      await flush();
      this.#budget = await this.#options.readBudget();
      if (this.#used + cost <= this.#budget.perTransaction) {
        this.#used += cost;
        this.#sent.push(sql);
        return;
      }
    }
    // Recording the revision offline takes a while at this size: done while the server still
    // runs the statements sent last, before waiting for them.
    if (!this.#objects) this.#objects = await this.#decide();
    await flush();
    await this.#execute('commit');
    this.#committed++;
    await this.#execute('begin');
    // A statement larger than the share alone still gets a transaction of its own.
    this.#used = TRANSACTION_BASELINE + cost;
    this.#admit(this.#objects, sql);
  }

  /** The whole revision, recorded offline: what ran so far as the first transaction's objects, or the refusal. */
  async #decide(): Promise<NewObjects> {
    const budget = this.#budget!;
    let statements: readonly string[];
    try {
      if (!this.#options.preview) throw new Error('no offline recording of the revision was available');
      statements = await this.#options.preview();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SchemigrateError(tooLargeMessage(budget, undefined, `its statements could not be recorded without a database to check that (${reason.replace(/\.$/, '')})`));
    }
    this.#estimate = statements.reduce((sum, statement) => sum + estimateLocks(statement), TRANSACTION_BASELINE);
    const check = new NewObjects(this.#options.bookkeeping);
    for (const statement of statements) {
      const reason = check.admit(statement, 0);
      if (reason) throw new FailedStatementError(statement, new SchemigrateError(tooLargeMessage(budget, this.#estimate, `${reason} (the statement below)`)));
    }
    const objects = new NewObjects(this.#options.bookkeeping);
    for (const statement of this.#sent) this.#admit(objects, statement);
    this.#sent = [];
    return objects;
  }

  /** Take a statement into the transaction's objects; run, it may send what it did not send when recorded offline. */
  #admit(objects: NewObjects, sql: string): void {
    // The step's bookkeeping writes only the version and checksum tables, as its separate statements did.
    if (isRecordStepBlock(sql)) return;
    const reason = objects.admit(sql, this.#committed);
    if (reason) {
      throw new FailedStatementError(
        sql,
        new SchemigrateError(`Running in several transactions, the revision sent a statement that does not only create new objects (${reason}); it did not send it when recorded without a database`),
      );
    }
  }

  async #execute(statement: string): Promise<void> {
    await this.#db.executeQuery(CompiledQuery.raw(statement));
  }

  /** Drop what the committed transactions created, newest first, one transaction each (retried while another session holds the lock table). */
  async #undo(failure: unknown): Promise<void> {
    const objects = this.#objects!;
    const failed: number[] = [];
    let firstError: unknown;
    for (let chunk = this.#committed - 1; chunk >= 0; chunk--) {
      for (let attempt = 0; ; attempt++) {
        try {
          await this.#db.transaction().execute(async (trx) => {
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
    this.#options.onWarning?.(
      `The revision was too large for one transaction and ran in several; it failed in transaction ${this.#committed + 1}, and what the ${this.#committed} before it had created was dropped again.`,
    );
  }
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

/** Errors another session's locks can cause, which go away when it finishes: out of shared memory, a deadlock. */
const TRANSIENT = new Set(['53200', '40P01']);

/** Whether `error` (or the database error a failed statement carries) is one of TRANSIENT. */
function isTransient(error: unknown): boolean {
  const codes = [error, (error as { cause?: unknown } | null)?.cause].map((e) => (e as { code?: unknown } | null)?.code);
  return codes.some((code) => typeof code === 'string' && TRANSIENT.has(code));
}

/** Pauses before each retry of a transaction's undo that failed for a transient reason (about 15 s in all). */
const UNDO_RETRY_MS = [500, 1000, 2000, 4000, 8000];
