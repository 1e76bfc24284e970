/**
 * A statement that failed after it had been handed over, when the failure surfaced later than
 * the call that sent it (PostgreSQL's statement pipeline): it names the statement, and keeps the
 * database's own error as `cause`. A dialect's `runRevision` throws it; the runtime's failure
 * message (runtime/migration-error.ts) reads it, so it lives with the dialects.
 */
export class FailedStatementError extends Error {
  /** The SQL of the statement that failed. */
  readonly sql: string;

  /**
   * @example
   * throw new FailedStatementError('create table "t" ("id" integer)', databaseError);
   */
  constructor(sql: string, cause: unknown) {
    const message = typeof (cause as { message?: unknown } | null)?.message === 'string' ? (cause as Error).message : String(cause);
    super(message, { cause });
    this.name = 'FailedStatementError';
    this.sql = sql;
  }
}
