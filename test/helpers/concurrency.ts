/**
 * Small tools for tests that run two lock holders against each other.
 */

/**
 * A promise and the function that resolves it, to let a test step wait for another.
 *
 * @example
 * const held = signal();
 * void dialect.withLock(db, async () => { held.fire(); await release.promise; });
 * await held.promise;
 */
export function signal(): { readonly promise: Promise<void>; readonly fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

/**
 * Run `fn` with SCHEMIGRATE_LOCK_TIMEOUT set to `seconds`, restoring it afterwards.
 *
 * @example
 * await withLockTimeout('0.5', () => expect(dialect.withLock(db, work)).rejects.toThrow(/lock/));
 */
export async function withLockTimeout<T>(seconds: string, fn: () => Promise<T>): Promise<T> {
  const previous = process.env.SCHEMIGRATE_LOCK_TIMEOUT;
  process.env.SCHEMIGRATE_LOCK_TIMEOUT = seconds;
  try {
    return await fn();
  } finally {
    if (previous === undefined) delete process.env.SCHEMIGRATE_LOCK_TIMEOUT;
    else process.env.SCHEMIGRATE_LOCK_TIMEOUT = previous;
  }
}
