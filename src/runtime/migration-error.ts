/**
 * The message of a revision that failed: which revision and file, the failing statement, the
 * database's error, and — where nothing rolled it back (MySQL/MariaDB, or `transactional =
 * false`) — the statements that had run, what the version table records now, and how to
 * recover from there.
 */
import type { Step } from '../revisions/plan.js';
import { SchemigrateError } from '../util/errors.js';
import { FailedStatementError } from '../dialects/failed-statement.js';
import type { StatementRecorder } from './statement-recorder.js';

/** Where the database stands after the failure. */
export interface FailureState {
  /** The revision ran in a transaction that was rolled back whole. */
  readonly rolledBack: boolean;
  /** The version table's rows read after the failure; `undefined` when they could not be read. */
  readonly rows?: readonly string[];
  /**
   * A revision run in several transactions (too large for one): the objects its earlier
   * transactions created that could not be dropped again, and why.
   */
  readonly leftovers?: readonly string[];
  readonly undoError?: Error;
}

/**
 * The SchemigrateError for a failed step (the database's error is its `cause`).
 *
 * @example
 * throw migrationError(step, recorder, { rolledBack: false, rows: ['9c1e4b7a2f3d'] }, error);
 */
export function migrationError(step: Step, recorder: StatementRecorder | undefined, state: FailureState, error: unknown): SchemigrateError {
  const { revision, file, message } = step.revision;
  // Duck-typed: an error thrown by revision code may come from another realm.
  // A pipelined statement's failure names its statement; the database's error is its cause.
  const failedSql = error instanceof FailedStatementError ? error.sql : recorder?.failed?.sql;
  const cause = error instanceof FailedStatementError ? error.cause : error;
  const detail = typeof (cause as { message?: unknown } | null)?.message === 'string' ? (cause as Error).message : String(cause);
  const reason = detail.replace(/\.$/, '');
  const parts = [
    `The ${step.direction === 'up' ? 'upgrade' : 'downgrade'} of revision ${revision}${message ? ` (${message})` : ''} failed: ${reason}.`,
    `File: ${file}.`,
  ];
  // Closed with a full stop, so that the sentence after it does not read as more SQL.
  if (failedSql) parts.push(`Failing statement: ${failedSql.replace(/[\s;]+$/, '')}.`);
  // PostgreSQL's own advice, e.g. "You might need to increase max_locks_per_transaction."
  const hint = (cause as { hint?: unknown } | null)?.hint;
  if (typeof hint === 'string' && hint !== '') parts.push(`Hint from the database: ${hint}`);
  if (state.leftovers) {
    parts.push(
      `The revision was too large for one transaction and ran in several; its last one was rolled back and the version table is as it was, but ${state.undoError?.message.replace(/\.$/, '') ?? 'undoing the earlier ones failed'}.`,
      `Still in the database: ${listed(state.leftovers)}. Drop them by hand, then run the upgrade again.`,
    );
  } else if (state.rolledBack) {
    parts.push('The revision was rolled back; the database and the version table are as they were before it.');
  } else {
    const completed = recorder?.statements.filter((statement) => statement.completed) ?? [];
    parts.push(
      completed.length > 0
        ? `These statements of the revision had already run and were not rolled back: ${completed.map((statement) => statement.sql).join('; ')}.`
        : 'No statement of the revision had completed.',
      recordedState(step, state.rows),
    );
    if (completed.length > 0) parts.push(recovery(step, state.rows));
  }
  return new SchemigrateError(parts.join(' '), { code: 'MIGRATION_FAILED', details: { revision, file, direction: step.direction, statement: failedSql ?? null }, cause });
}

/** At most 20 names, then how many more. */
function listed(names: readonly string[]): string {
  return names.length <= 20 ? names.join(', ') : `${names.slice(0, 20).join(', ')} and ${names.length - 20} more`;
}

/** Whether the version table lists the step's revision: read back, or (unreadable) as before the step. */
function isRecorded(step: Step, rows: readonly string[] | undefined): boolean {
  return rows === undefined ? step.direction === 'down' : rows.includes(step.revision.revision);
}

/** What the version table says about the step's revision. */
function recordedState(step: Step, rows: readonly string[] | undefined): string {
  const { revision } = step.revision;
  if (rows === undefined) {
    return step.direction === 'up'
      ? `The version table could not be read back; it should still list the revision's parent(s), not ${revision}.`
      : `The version table could not be read back; it should still list ${revision} itself.`;
  }
  const listed = rows.length > 0 ? `lists ${rows.join(', ')}` : 'lists no revision (base)';
  const verdicts = step.direction === 'up' ? (['is', 'is not'] as const) : (['is still', 'is no longer'] as const);
  return `The version table now ${listed}: revision ${revision} ${verdicts[isRecorded(step, rows) ? 0 : 1]} recorded as applied.`;
}

/** How to get from a half-run revision to a consistent database. */
function recovery(step: Step, rows: readonly string[] | undefined): string {
  const { revision } = step.revision;
  const recorded = isRecorded(step, rows);
  if (recorded === (step.direction === 'up')) {
    // The version table moved: the revision's own statements had all run, its bookkeeping failed.
    return 'The revision itself had run; only the bookkeeping after it failed. Run `schemigrate current`, and if the version table is not where the database is, set it with `schemigrate stamp`.';
  }
  if (step.direction === 'up') {
    return `To recover, undo these statements by hand (or edit the revision to skip them) and run the upgrade again, or finish the revision by hand and record it with \`schemigrate stamp ${revision}\`.`;
  }
  const remaining = rows === undefined ? step.revision.downRevisions : [...rows.filter((id) => id !== revision), ...step.versionChange.insert];
  const below = [...new Set(remaining)].sort();
  return (
    `To recover: the revision is still recorded, so \`schemigrate downgrade\` would run its whole downgrade again. ` +
    `Restore what these statements removed by hand and run the downgrade again (or edit its downgrade to skip them and run it with --allow-changed, as the file then differs from the one applied), ` +
    `or finish the downgrade by hand and record it with \`schemigrate stamp ${below.length > 0 ? below.join(' ') : 'base'}\`.`
  );
}
