/**
 * A user-facing failure: the CLI prints its message as one paragraph on stderr (without a
 * stack trace unless `--verbose`) and exits with status 1; the API rejects with it. Its `code`
 * is stable (documented in docs/api.md), so programs branch on it rather than on the wording;
 * `details` carries what a program may need to act (the pending revisions, the candidates).
 * Anything else thrown is a bug.
 *
 * @example
 * throw new SchemigrateError(`Unknown revision '${name}'.`, { code: 'UNKNOWN_REVISION', details: { revision: name } });
 */
export class SchemigrateError extends Error {
  override readonly name = 'SchemigrateError';
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(message: string, options: { code?: ErrorCode; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'INVALID_INPUT';
    this.details = options.details ?? {};
  }
}

/** The stable error codes; docs/api.md says when each is raised. */
export type ErrorCode =
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_INVALID'
  | 'SCHEMA_LOAD_FAILED'
  | 'SCHEMA_UNSUPPORTED'
  | 'NO_DATABASE_URL'
  | 'INVALID_URL'
  | 'DATABASE_NOT_FOUND'
  | 'CONNECTION_FAILED'
  | 'UNKNOWN_REVISION'
  | 'AMBIGUOUS_REVISION'
  | 'MULTIPLE_HEADS'
  | 'INVALID_TARGET'
  | 'INVALID_GRAPH'
  | 'INVALID_REVISION_FILE'
  | 'INVALID_VERSION_TABLE'
  | 'INSIDE_SQUASHED_RANGE'
  | 'DATA_IN_SQUASH'
  | 'LOCK_TIMEOUT'
  | 'LOCK_LOST'
  | 'UNKNOWN_TARGET'
  | 'TARGETS_FAILED'
  | 'MIGRATION_FAILED'
  | 'PENDING_REVISIONS'
  | 'ANSWER_REQUIRED'
  | 'REVISION_CHANGED'
  | 'FILE_EXISTS'
  | 'NOTHING_TO_PULL'
  | 'VERIFY_FAILED'
  | 'INVALID_INPUT';

/**
 * Whether `error` is a SchemigrateError, also one from another copy of schemigrate (an error
 * raised inside a user module may come from one): by name and code, not `instanceof`.
 *
 * @example
 * if (isSchemigrateError(error) && error.code === 'PENDING_REVISIONS') …
 */
export function isSchemigrateError(error: unknown): error is SchemigrateError {
  return typeof error === 'object' && error !== null && (error as Error).name === 'SchemigrateError' && typeof (error as SchemigrateError).code === 'string';
}
