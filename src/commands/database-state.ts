/**
 * Where the database stands relative to the revision graph.
 */
import type { Kysely } from 'kysely';
import type { RevisionGraph } from '../revisions/graph.js';
import { readCurrentHeads } from '../runtime/version-table.js';

/**
 * The revisions of the graph the database has not applied, in the order they would run;
 * empty when the database is at every head.
 *
 * @example
 * const pending = await pendingRevisions(db, graph, 'schemigrate_version');
 */
export async function pendingRevisions(db: Kysely<any>, graph: RevisionGraph, versionTable: string): Promise<string[]> {
  const current = await readCurrentHeads(db, versionTable);
  const applied = new Set(current.flatMap((id) => [id, ...graph.ancestors(id)]));
  return graph.topologicalOrder().filter((id) => !applied.has(id));
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
