/**
 * Waiting for something another process does, without guessing its timing: ask again every few
 * milliseconds until the answer is there or a deadline passes.
 */

export interface PollOptions {
  /** What is awaited, for the timeout message ("the scratch database to appear"). */
  readonly what: string;
  /** Give up after this long (default 30 s). */
  readonly timeoutMs?: number;
  /** Pause between attempts (default 10 ms). */
  readonly intervalMs?: number;
}

/**
 * Call `attempt` until it returns something other than `undefined`, and return that; throw
 * once the deadline has passed.
 *
 * @example
 * const name = await pollUntil(async () => (await scratchDatabases())[0], { what: 'a scratch database' });
 */
export async function pollUntil<T>(attempt: () => Promise<T | undefined>, options: PollOptions): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${options.what}.`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 10));
  }
}
