/**
 * Where the database stands relative to the revision graph.
 */
import type { Kysely } from 'kysely';
import type { RevisionGraph } from '../revisions/graph.js';
import { readCurrentHeads } from '../runtime/version-table.js';
import { SchemigrateError } from '../util/errors.js';

/**
 * Stop unless the database is at every head of the graph: autogenerate and `check` compare
 * against the newest schema, so pending revisions must be applied first.
 *
 * @example
 * await requireAtHeads(db, graph, 'schemigrate_version');
 */
export async function requireAtHeads(db: Kysely<any>, graph: RevisionGraph, versionTable: string): Promise<void> {
  const current = await readCurrentHeads(db, versionTable);
  const heads = graph.heads;
  const atHeads = current.length === heads.length && heads.every((head) => current.includes(head));
  if (atHeads) return;
  const applied = new Set(current.flatMap((id) => [id, ...graph.ancestors(id)]));
  const pending = graph.topologicalOrder().filter((id) => !applied.has(id));
  throw new SchemigrateError(
    `The database is not up to date: it is at ${current.length ? current.join(', ') : 'base (no revision applied)'}, ` +
      `and ${pending.length} revision(s) are pending (${pending.join(', ')}). Run \`schemigrate upgrade head\` first.`,
  );
}
