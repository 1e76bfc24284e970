/**
 * Waiting for promises that run side by side, so that none outlives the caller and a failure
 * is reported the same way however the timing falls.
 */

/**
 * Wait for every promise, then return their values, or throw the failure that comes first in
 * the list (not in time).
 *
 * @example
 * const [a, b] = await allInOrder([readA(), readB()] as const);
 */
export async function allInOrder<T extends readonly unknown[]>(promises: { readonly [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(promises);
  for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
