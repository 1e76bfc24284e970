/**
 * A statement that failed after it had been handed over, when the failure surfaced later than
 * the call that sent it (PostgreSQL's statement pipeline): it names the statement, and keeps the
 * database's own error as `cause`.
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
