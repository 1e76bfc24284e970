/** Types of the write-stall workload (write-stall.mjs), for the test that shares it. */
import type { LockRetryOptions } from '../src/config/types.js';

export interface WriteStall {
  readonly longestWriteMs: number;
  readonly writes: number;
  readonly applyMs: number;
}

export const STALL_OPERATIONS: readonly unknown[];
export function fillTables(url: string, rows: number): Promise<void>;
export function measureWriteStall(url: string, apply: () => Promise<void>, options?: { readonly blockMs?: number }): Promise<WriteStall>;
export function prepareRevision(lib: unknown, url: string, online: Required<LockRetryOptions> | undefined): Promise<() => Promise<void>>;
