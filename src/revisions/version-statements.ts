/**
 * The version-table statements of one step (SPEC §7), as Alembic writes them: an insert for a
 * new branch, an update along a line, a delete and an update at a merge, an update and an
 * insert when a merge is undone, a delete when a branch is closed.
 */
import type { VersionChange } from './plan.js';

export type VersionStatement =
  | { readonly kind: 'insert'; readonly revision: string }
  | { readonly kind: 'update'; readonly from: string; readonly to: string }
  | { readonly kind: 'delete'; readonly revision: string };

/**
 * The statements that make a version change: the first rows to delete become updates to the
 * first rows to insert (plans list a revision's own parents first, so a step updates the row
 * of the line it continues); what is left over is deleted or inserted. Deletes come first, so
 * no statement ever meets a row that is about to go.
 *
 * @example
 * versionStatements({ delete: ['b100', 'c100'], insert: ['m200'] });
 * // [{ kind: 'delete', revision: 'c100' }, { kind: 'update', from: 'b100', to: 'm200' }]
 */
export function versionStatements(change: VersionChange): VersionStatement[] {
  const paired = Math.min(change.delete.length, change.insert.length);
  return [
    ...change.delete.slice(paired).map((revision) => ({ kind: 'delete' as const, revision })),
    ...change.delete.slice(0, paired).map((from, index) => ({ kind: 'update' as const, from, to: change.insert[index]! })),
    ...change.insert.slice(paired).map((revision) => ({ kind: 'insert' as const, revision })),
  ];
}
