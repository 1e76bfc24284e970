/**
 * The revision graph as a list for `history`, newest first, with the facts the CLI marks.
 */
import type { RevisionGraph } from './graph.js';
import type { RevisionHeader } from './header.js';

export interface HistoryEntry {
  readonly revision: RevisionHeader;
  /** Revisions naming this one as `downRevision`, sorted by ID. */
  readonly children: readonly string[];
  /** No revision builds on it. */
  readonly isHead: boolean;
  /** Several revisions build on it. */
  readonly isBranchPoint: boolean;
  /** It has several parents. */
  readonly isMergePoint: boolean;
  /** It is a row of the version table. */
  readonly isCurrent: boolean;
  /** The file of a squash revision that replaces it and waits for its file to be deleted. */
  readonly squashedInto?: string;
}

/**
 * Every revision, newest first (children before parents, branches whole).
 *
 * @example
 * for (const entry of historyEntries(graph, currentHeads)) {
 *   console.log(`${entry.revision.downRevisions.join(', ') || '<base>'} -> ${entry.revision.revision}${entry.isHead ? ' (head)' : ''}`);
 * }
 */
export function historyEntries(graph: RevisionGraph, currentHeads: readonly string[]): HistoryEntry[] {
  const entries = [...graph.topologicalOrder()].reverse().map((id) => historyEntry(graph, id, currentHeads));
  if (graph.pendingSquashes.length === 0) return entries;
  return entries.map((entry) => {
    const squash = graph.pendingSquashes.find((pending) => pending.replaces!.includes(entry.revision.revision));
    return squash ? { ...entry, squashedInto: squash.file } : entry;
  });
}

/**
 * One revision with the facts the CLI marks.
 *
 * @example
 * historyEntry(graph, '9c1e4b7a2f3d', ['9c1e4b7a2f3d']).isCurrent; // true
 */
export function historyEntry(graph: RevisionGraph, id: string, currentHeads: readonly string[]): HistoryEntry {
  const revision = graph.get(id);
  const children = graph.children(id);
  return {
    revision,
    children,
    isHead: children.length === 0,
    isBranchPoint: children.length > 1,
    isMergePoint: revision.downRevisions.length > 1,
    isCurrent: currentHeads.includes(id),
  };
}
