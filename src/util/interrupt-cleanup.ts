/**
 * What must be undone before the process exits on SIGINT or SIGTERM: things the database keeps
 * after the connection closes (MySQL's scratch database). Connections themselves need nothing:
 * when the process exits the servers roll back open transactions and release session locks.
 * The CLI's front installs the signal handlers (src/cli/signals.cts) and runs these first.
 */
import { SchemigrateError } from './errors.js';

type Cleanup = () => Promise<void>;

const pending = new Set<Cleanup>();

/**
 * Run `fn`; should the process be interrupted meanwhile, `cleanup` runs before it exits.
 *
 * @example
 * await whileInterruptible(() => dropScratch(db), () => useScratch(db));
 */
export async function whileInterruptible<T>(cleanup: Cleanup, fn: () => Promise<T>): Promise<T> {
  pending.add(cleanup);
  try {
    return await fn();
  } finally {
    pending.delete(cleanup);
  }
}

/**
 * Run every pending cleanup side by side, waiting at most `timeoutMs`; returns what went wrong
 * (their failures, or a `SchemigrateError` when time ran out), for the caller to print.
 *
 * @example
 * const problems = await runInterruptCleanups(10_000);
 */
export async function runInterruptCleanups(timeoutMs: number): Promise<readonly unknown[]> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<readonly unknown[]>((resolve) => {
    const message = `Cleaning up after the interruption took over ${timeoutMs / 1000} s; exiting without waiting for it.`;
    timer = setTimeout(() => resolve([new SchemigrateError(message)]), timeoutMs);
  });
  const cleaned = Promise.allSettled([...pending].map((cleanup) => cleanup())).then((outcomes) =>
    outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : [])),
  );
  try {
    return await Promise.race([cleaned, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
