/**
 * The statement pipeline: inside a revision's transaction, schema-builder statements (create,
 * alter, drop …) are answered at once and sent in batches, so that the revision's code builds
 * the next statements while the server runs the previous ones. An initial revision of
 * thousands of statements then costs about what the server needs, rather than that plus one
 * round trip and one client-side build per statement, one after the other.
 *
 * A schema-builder statement returns no rows, so answering it early changes nothing the
 * revision can see — except when it fails: the failure surfaces at the next statement that needs
 * an answer (any query, raw `sql`, a full batch) or at the end of the revision, and the whole
 * transaction rolls back as it would have. To name the statement that failed, a batch runs
 * inside a savepoint; when it fails, the batch is rolled back to the savepoint and replayed one
 * statement at a time, which reproduces the database's own error for the statement at fault.
 *
 * A revision may also start ahead, while the revision before it is still on the server (`after`):
 * its code runs and its first batch is built then, but nothing of it is sent before that revision
 * has finished, and nothing at all when that one failed.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import { FailedStatementError } from '../failed-statement.js';
import { isSchemaStatement } from '../schema-statement.js';
import { isRecordStepBlock } from './record-step-block.js';
import { SchemigrateError } from '../../util/errors.js';

/** While one batch runs, at most this many statements wait for the next (bounds memory). */
const MAX_WAITING = 1000;

/**
 * A revision awaits statements that are answered at once, so its code would run to the end
 * without ever letting the finished batch's reply in: every so many statements it yields one
 * turn of the event loop, and a finished batch hands over the next while the server is idle.
 */
const YIELD_EVERY = 25;

const SAVEPOINT = 'schemigrate_batch';

/** SQLSTATE of `rollback to savepoint` outside a transaction block. */
const NO_ACTIVE_TRANSACTION = '25P01';

/** What a revision started ahead gets when the revision before it failed: nothing of it was sent. */
export class NotSentError extends Error {
  constructor(cause: unknown) {
    super('Not sent: the revision before this one failed.', { cause });
  }
}

/**
 * Called with each statement before it enters the pipeline (lock-budget.ts counts locks with
 * it, chunked-revision.ts commits between statements): it may wait for everything sent so far
 * (`flush`) and return a promise the statement waits for. Whatever it throws fails the revision.
 */
export type StatementGate = (sql: string, flush: () => Promise<void>) => Promise<void> | void;

/**
 * The connection the revision's Kysely sees: schema statements (and the step's bookkeeping
 * block) queue, everything else flushes first.
 */
class PipelinedConnection implements DatabaseConnection {
  readonly #target: Kysely<any>;
  readonly #gate: StatementGate | undefined;
  /** Resolves when the revision before this one has finished on the server; everything sent waits for it. */
  readonly #ready: Promise<void>;
  /** `begin`, sent ahead of the first thing sent: one round trip fewer. */
  #prefix: string | undefined;
  /** `commit`, once the revision's code has finished: sent with the last batch. */
  #suffix: string | undefined;
  #waiting: string[] = [];
  #running: Promise<void> | undefined;
  #failure: { readonly error: unknown } | undefined;
  #closed = false;
  #sinceYield = 0;
  #sendScheduled = false;

  constructor(target: Kysely<any>, gate: StatementGate | undefined, prefix: string | undefined, after: Promise<void> | undefined) {
    this.#target = target;
    this.#gate = gate;
    this.#prefix = prefix;
    this.#ready = after?.then(
      () => undefined,
      (error: unknown) => {
        throw new NotSentError(error);
      },
    ) ?? Promise.resolve();
    // Observed by whichever send comes first, if any does.
    this.#ready.catch(() => {});
  }

  /** Run what waits, then `suffix` (with the last batch when one is left to send); throws the first failure. */
  async finish(suffix: string): Promise<void> {
    this.#suffix = suffix;
    await this.flush();
    const alone = this.#suffix;
    this.#suffix = undefined;
    if (alone !== undefined) await this.#runOne(alone);
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    this.#throwIfFailed();
    if (this.#gate) await this.#pass(query.sql);
    if (!isSchemaStatement(query) && !isRecordStepBlock(query.sql)) {
      await this.flush();
      await this.#sendPrefix();
      return this.#send<R>(query);
    }
    this.#waiting.push(query.sql);
    if (this.#running === undefined) this.#sendSoon();
    else if (this.#waiting.length >= MAX_WAITING) await this.#running;
    // Also while nothing runs: the turn is when the waiting statements go out.
    if (++this.#sinceYield >= YIELD_EVERY) {
      this.#sinceYield = 0;
      await nextTurn();
    }
    return { rows: [] };
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    if (this.#gate) await this.#pass(query.sql);
    await this.flush();
    await this.#sendPrefix();
    await this.#ready;
    yield* this.#target.getExecutor().stream<R>(query, chunkSize ?? 1);
  }

  /** Wait until every statement handed over (and the prefix) has run; throws the first failure. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.#running === undefined && this.#waiting.length > 0 && !this.#closed && !this.#failure) this.#sendNext();
      if (this.#running === undefined) break;
      await this.#running;
    }
    this.#throwIfFailed();
    await this.#sendPrefix();
  }

  /** The prefix alone, when what comes first cannot carry it (a query with parameters, an empty revision). */
  async #sendPrefix(): Promise<void> {
    const prefix = this.#prefix;
    if (prefix === undefined) return;
    this.#prefix = undefined;
    await this.#send(CompiledQuery.raw(prefix));
  }

  /** Every statement goes out through here, once the revision before this one has finished. */
  async #send<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    await this.#ready;
    return this.#target.executeQuery<R>(query);
  }

  /** Send nothing more, and wait for the batch on the wire (before the transaction rolls back). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#waiting = [];
    while (this.#running !== undefined) await this.#running;
    await this.#sendPrefix();
  }

  /** Through the gate; what it throws stays the revision's failure, even if the revision's code catches it. */
  async #pass(sql: string): Promise<void> {
    try {
      const waiting = this.#gate!(sql, () => this.flush());
      if (waiting) await waiting;
    } catch (error) {
      this.#failure ??= { error };
      throw error;
    }
  }

  #throwIfFailed(): void {
    if (this.#failure) throw this.#failure.error;
  }

  /**
   * Send what waits once the revision's code next lets the event loop turn: the statements it
   * builds meanwhile travel in the same round trip (a small revision's few statements in one,
   * rather than the first alone and the rest after it).
   */
  #sendSoon(): void {
    if (this.#sendScheduled) return;
    this.#sendScheduled = true;
    setImmediate(() => {
      this.#sendScheduled = false;
      if (this.#running === undefined && this.#waiting.length > 0 && !this.#closed && !this.#failure) this.#sendNext();
    });
  }

  #sendNext(): void {
    // The batch is taken once the revision before has finished: what this one built meanwhile
    // goes in it (a small revision whole, with `begin` and `commit`). Closed by then, it need not go.
    this.#running = this.#ready
      .then(() => {
        if (this.#closed) return;
        const batch = this.#waiting;
        this.#waiting = [];
        return this.#run(batch);
      })
      .then(
        () => {
          this.#running = undefined;
          if (this.#waiting.length > 0 && !this.#closed) this.#sendNext();
        },
        (error: unknown) => {
          this.#running = undefined;
          this.#failure = { error };
        },
      );
  }

  async #run(batch: readonly string[]): Promise<void> {
    const prefix = this.#prefix === undefined ? [] : [this.#prefix];
    this.#prefix = undefined;
    // The last batch: the revision's code has finished and nothing else waits.
    const suffix = this.#suffix !== undefined && this.#waiting.length === 0 ? [this.#suffix] : [];
    if (suffix.length > 0) this.#suffix = undefined;
    if (batch.length === 1 && prefix.length === 0 && suffix.length === 0) return this.#runOne(batch[0]!);
    // A batch that begins the transaction needs no savepoint: rolling back undoes all it did.
    const inSavepoint = prefix.length === 0;
    const [savepoint, release] = inSavepoint ? [[`savepoint ${SAVEPOINT}`], [`release savepoint ${SAVEPOINT}`]] : [[], []];
    // Each statement on a line of its own, so a trailing `--` comment cannot swallow the `;`.
    const script = [...prefix, ...savepoint, ...batch, ...release, ...suffix].join('\n;\n');
    try {
      await this.#send(CompiledQuery.raw(script));
    } catch (error) {
      if (!inSavepoint) {
        // Also when `commit` failed (no transaction is left then; `rollback` only warns).
        await this.#send(CompiledQuery.raw('rollback'));
        await this.#send(CompiledQuery.raw(prefix[0]!));
      } else {
        try {
          await this.#send(CompiledQuery.raw(`rollback to savepoint ${SAVEPOINT}`));
        } catch (rollbackError) {
          // No transaction left: the batch had run, and `commit` itself failed (a deferred constraint).
          if (suffix.length > 0 && (rollbackError as { code?: unknown } | null)?.code === NO_ACTIVE_TRANSACTION) throw new FailedStatementError(suffix[0]!, error);
          throw rollbackError;
        }
      }
      for (const sql of batch) await this.#runOne(sql);
      for (const sql of release) await this.#send(CompiledQuery.raw(sql));
      for (const sql of suffix) await this.#runOne(sql);
    }
  }

  async #runOne(sql: string): Promise<void> {
    try {
      await this.#send(CompiledQuery.raw(sql));
    } catch (error) {
      throw new FailedStatementError(sql, error);
    }
  }
}

/** Hands out the one pipelined connection; a revision cannot open transactions of its own. */
class PipelineDriver implements Driver {
  constructor(readonly connection: PipelinedConnection) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }

  async beginTransaction(): Promise<void> {
    throw new SchemigrateError(
      'A revision already runs inside its own transaction; to manage transactions in it, export `const transactional = false` from the revision file.',
    );
  }

  async commitTransaction(): Promise<void> {}

  async rollbackTransaction(): Promise<void> {}

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {}
}

/**
 * A transaction whose commit does not wait for the write-ahead log to reach the disk: used for
 * every revision of a run but the last, whose ordinary commit then flushes them all (the log is
 * flushed in order). A server crash before that can lose only a tail of those commits, each a
 * whole revision with its version-table row, so the database is left at an earlier revision.
 */
export const ASYNC_COMMIT = 'set local synchronous_commit = off';

/**
 * Run `fn` with a Kysely instance whose schema-builder statements go through the pipeline to
 * `trx` (a transaction), each first through `gate` when given; everything has run, or `fn`'s
 * failure is thrown, when this returns. With `ownTransaction`, `trx` is a connection outside
 * any transaction and the pipeline opens one (`begin` goes out with the first batch) and
 * commits it (`commit` with the last batch, after the revision's code has finished); after a
 * failure the caller rolls back whatever is left of it (nothing, when `commit` itself failed).
 * With `asyncCommit` that commit does not wait for its disk flush (see `ASYNC_COMMIT`). With
 * `after` (the revision before this one, still running), `fn` runs at once but nothing is sent
 * before `after` resolves; when it rejects, nothing is sent and this throws NotSentError.
 *
 * @example
 * await db.transaction().execute((trx) => withStatementPipeline(trx, (db) => revision.upgrade(db)));
 * await withStatementPipeline(conn, (db) => revision.upgrade(db), undefined, { ownTransaction: true });
 */
export async function withStatementPipeline(
  trx: Kysely<any>,
  fn: (db: Kysely<any>) => Promise<void>,
  gate?: StatementGate,
  options: { readonly ownTransaction?: boolean; readonly asyncCommit?: boolean; readonly after?: Promise<void> } = {},
): Promise<void> {
  const begin = options.asyncCommit ? `begin\n;\n${ASYNC_COMMIT}` : 'begin';
  const connection = new PipelinedConnection(trx, gate, options.ownTransaction ? begin : undefined, options.after);
  const db = new Kysely<any>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new PipelineDriver(connection),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  try {
    await fn(db);
    if (options.ownTransaction) await connection.finish('commit');
    else await connection.flush();
  } catch (error) {
    await connection.close();
    throw error;
  }
}
