/**
 * SIGINT and SIGTERM: undo what the database would keep (src/util/interrupt-cleanup.ts), then
 * exit with the status a shell gives a process ended by the signal (128 + its number: 130,
 * 143), without a stack trace. A second signal while cleaning up ends the process at once.
 */
import { constants } from 'node:os';

/** How long cleaning up may take before the process exits anyway. */
const CLEANUP_TIMEOUT_MS = 10_000;

let interrupted = false;

/** Whether a signal has arrived: failures of the interrupted work are then not reported. */
export function wasInterrupted(): boolean {
  return interrupted;
}

/**
 * Install the handlers; `report` prints a failure of the cleanup as any failure is printed.
 *
 * @example
 * exitOnSignals((error) => reportError(error, argv));
 */
export function exitOnSignals(report: (error: unknown) => Promise<void>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      // Loaded only now: the registry is already in memory when something registered with it.
      void import('../util/interrupt-cleanup.js')
        .then(({ runInterruptCleanups }) => runInterruptCleanups(CLEANUP_TIMEOUT_MS))
        .then(async (problems) => {
          for (const problem of problems) await report(problem);
        })
        .finally(() => process.exit(128 + constants.signals[signal]));
    });
  }
}
