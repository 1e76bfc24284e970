/**
 * A user-facing failure: the CLI prints its message as one paragraph on stderr, without a
 * stack trace unless `--verbose`, and exits with status 1. Anything else is a bug.
 *
 * @example
 * throw new SchemigrateError(`No config found; looked in ${dirs.join(', ')}. Run \`schemigrate init\`.`);
 */
export class SchemigrateError extends Error {
  override readonly name = 'SchemigrateError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
