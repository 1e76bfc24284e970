/**
 * Where the database stands relative to the revision graph.
 */
import type { Kysely } from 'kysely';
import type { RevisionGraph } from '../revisions/graph.js';
import { pendingRevisions } from '../revisions/plan.js';
import { assertSoundVersionRows } from '../revisions/version-state.js';
import { readCurrentHeads } from '../runtime/version-table.js';
import { SchemigrateError } from '../util/errors.js';

/**
 * The revisions the database has not applied, parents first; empty when it is at every head.
 * A version table that cannot be right is a SchemigrateError (`assertSoundVersionRows`).
 *
 * @example
 * const pending = await pendingInDatabase(db, graph, 'schemigrate_version');
 */
export async function pendingInDatabase(db: Kysely<any>, graph: RevisionGraph, versionTable: string): Promise<readonly string[]> {
  const rows = await readCurrentHeads(db, versionTable);
  assertSoundVersionRows(graph, rows, versionTable);
  return pendingRevisions(graph, rows);
}

/**
 * One sentence saying the database is behind, for errors and warnings.
 *
 * @example
 * describePending(['9c1e4b7a2f3d']); // 'The database is not up to date: 1 revision is pending (9c1e4b7a2f3d).'
 */
export function describePending(pending: readonly string[]): string {
  const count = pending.length === 1 ? '1 revision is' : `${pending.length} revisions are`;
  return `The database is not up to date: ${count} pending (${pending.join(', ')}).`;
}

/**
 * The PENDING_REVISIONS error: `advice` says what to do first.
 *
 * @example
 * throw pendingError(pending, 'Autogenerate compares against the newest revision, so run `schemigrate upgrade head` first.');
 */
export function pendingError(pending: readonly string[], advice: string): SchemigrateError {
  return new SchemigrateError(`${describePending(pending)} ${advice}`, { code: 'PENDING_REVISIONS', details: { pending } });
}
