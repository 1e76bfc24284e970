/**
 * The driver behind offline SQL (`--sql`): it never connects. Every query Kysely sends is
 * recorded with its compiled text and left-over parameters and answered with an empty
 * result; transactions are recorded as `begin` / `commit` / `rollback` statements.
 */
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult, TransactionSettings } from 'kysely';

/** One statement of the offline script, or a comment line (`-- …`). */
export type ScriptLine =
  | { readonly kind: 'statement'; readonly sql: string; readonly parameters: readonly unknown[] }
  | { readonly kind: 'comment'; readonly text: string };

/**
 * A Kysely `Driver` that records instead of executing.
 *
 * @example
 * const driver = new RecordingDriver();
 * const db = dialect.offline(driver);
 * await db.schema.createTable('t').addColumn('id', 'integer').execute();
 * driver.lines; // [{ kind: 'statement', sql: 'create table "t" ("id" integer)', parameters: [] }]
 */
export class RecordingDriver implements Driver {
  readonly #lines: ScriptLine[] = [];
  readonly #connection: DatabaseConnection = {
    executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
      this.#record(query.sql, query.parameters);
      return { rows: [] };
    },
    streamQuery: async function* () {
      // Offline there are no rows to stream.
    },
  };

  /** What has been recorded so far, in order. */
  get lines(): readonly ScriptLine[] {
    return this.#lines;
  }

  /** Add a comment line to the script (e.g. which revision the next statements belong to). */
  comment(text: string): void {
    this.#lines.push({ kind: 'comment', text });
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }

  async beginTransaction(_connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const modifiers = [settings.isolationLevel && `isolation level ${settings.isolationLevel}`, settings.accessMode].filter(Boolean);
    this.#record(modifiers.length > 0 ? `start transaction ${modifiers.join(' ')}` : 'begin', []);
  }

  async commitTransaction(): Promise<void> {
    this.#record('commit', []);
  }

  async rollbackTransaction(): Promise<void> {
    this.#record('rollback', []);
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {}

  #record(sql: string, parameters: readonly unknown[]): void {
    this.#lines.push({ kind: 'statement', sql, parameters });
  }
}
