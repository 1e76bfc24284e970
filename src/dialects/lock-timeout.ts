/**
 * The migration lock's wait limit, the same on every dialect: 60 s unless
 * SCHEMIGRATE_LOCK_TIMEOUT (seconds) says otherwise, and one message when it runs out.
 */
import { SchemigrateError } from '../util/errors.js';

/** How long to wait for another run's lock unless SCHEMIGRATE_LOCK_TIMEOUT says otherwise. */
const DEFAULT_LOCK_TIMEOUT_SECONDS = 60;

/**
 * Seconds to wait for the migration lock; a malformed setting is a SchemigrateError.
 *
 * @example
 * process.env.SCHEMIGRATE_LOCK_TIMEOUT = '5';
 * lockTimeoutSeconds(); // 5
 */
export function lockTimeoutSeconds(): number {
  const setting = process.env.SCHEMIGRATE_LOCK_TIMEOUT;
  if (setting === undefined || setting.trim() === '') return DEFAULT_LOCK_TIMEOUT_SECONDS;
  const seconds = Number(setting);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new SchemigrateError(`SCHEMIGRATE_LOCK_TIMEOUT must be a number of seconds, not "${setting}".`);
  }
  return seconds;
}

/**
 * The error when another run held the lock for the whole wait; `lock` names it per dialect.
 *
 * @example
 * throw lockTimeoutError(60, 'PostgreSQL advisory lock 7769280071114617436');
 */
export function lockTimeoutError(timeoutSeconds: number, lock: string): SchemigrateError {
  return new SchemigrateError(
    `Another schemigrate run has held the migration lock for over ${timeoutSeconds} s (${lock}). ` +
      'Wait for it to finish, or raise SCHEMIGRATE_LOCK_TIMEOUT (seconds).', { code: 'LOCK_TIMEOUT' },
  );
}
