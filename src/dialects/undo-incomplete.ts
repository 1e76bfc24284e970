/**
 * A revision that ran in several transactions (PostgreSQL, too large for one) failed in a later
 * one, and dropping what the earlier ones had committed failed too: the objects left behind.
 * A dialect's `runRevision` throws it; the runtime's failure message (runtime/migration-error.ts)
 * reads it, so it lives with the dialects.
 */
export class UndoIncompleteError extends Error {
  /** Why the revision failed (the error it would have thrown had the undo worked). */
  readonly failure: unknown;
  /** The objects the revision created that are still there, e.g. `table "bench_00001"`. */
  readonly leftovers: readonly string[];

  /**
   * @example
   * throw new UndoIncompleteError(failure, ['table "t"'], dropError);
   */
  constructor(failure: unknown, leftovers: readonly string[], undoError: unknown) {
    const reason = typeof (undoError as { message?: unknown } | null)?.message === 'string' ? (undoError as Error).message : String(undoError);
    // PostgreSQL says what depends on a table in the error's detail ("view v depends on table t").
    const detail = (undoError as { detail?: unknown } | null)?.detail;
    const why = typeof detail === 'string' && detail !== '' ? ` (${detail.replace(/\.$/, '').replaceAll('\n', '; ')})` : '';
    super(`dropping what the revision's earlier transactions created failed: ${reason}${why}`, { cause: undoError });
    this.name = 'UndoIncompleteError';
    this.failure = failure;
    this.leftovers = leftovers;
  }
}
