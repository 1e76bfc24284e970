/**
 * The `online` config key: `true` (or the lock settings) makes autogenerate write online
 * revisions, whose locking steps wait at most `lockTimeoutMs` for a lock and retry.
 */
import type { LockRetryOptions } from './types.js';

/** The lock settings of `online: true`. */
export const DEFAULT_LOCK_RETRIES: Required<LockRetryOptions> = { lockTimeoutMs: 500, retries: 6, backoffMs: 500 };

/**
 * The problems with a config's `online` value, one message each.
 *
 * @example
 * onlineProblems({ retries: -1 }); // ["'online.retries' must be a whole number ≥ 0, not -1"]
 */
export function onlineProblems(online: unknown): string[] {
  if (online === undefined || typeof online === 'boolean') return [];
  if (typeof online !== 'object' || online === null || Array.isArray(online)) {
    return [`'online' must be true, false or { lockTimeoutMs, retries, backoffMs }, not ${online === null ? 'null' : typeof online}`];
  }
  return Object.entries(online).flatMap(([key, value]) => {
    if (!(key in DEFAULT_LOCK_RETRIES)) return [`'online.${key}' is unknown (expected lockTimeoutMs, retries or backoffMs)`];
    const minimum = key === 'lockTimeoutMs' ? 1 : 0;
    return Number.isInteger(value) && (value as number) >= minimum ? [] : [`'online.${key}' must be a whole number ≥ ${minimum}, not ${String(value)}`];
  });
}

/**
 * The lock settings online revisions are written with, or undefined when online mode is off.
 *
 * @example
 * resolveOnline(true); // { lockTimeoutMs: 500, retries: 6, backoffMs: 500 }
 */
export function resolveOnline(online: boolean | LockRetryOptions | undefined): Required<LockRetryOptions> | undefined {
  if (online === undefined || online === false) return undefined;
  return { ...DEFAULT_LOCK_RETRIES, ...(online === true ? {} : online) };
}
