/**
 * Graph inspection: `history`, `current`, `heads`, `branches`, `show`. Headers are read
 * statically; only `current` and `history({ indicateCurrent })` read the database.
 */
import type { RevisionGraph } from '../revisions/graph.js';
import { historyEntries, historyEntry, type HistoryEntry } from '../revisions/history.js';
import { resolveRevision } from '../revisions/targets.js';
import { SchemigrateError } from '../util/errors.js';
import type { Project } from './project.js';
import type { BranchPoint, CurrentState, RevisionInfo } from './types.js';

/**
 * The database side of `current` and `history -i`, imported on demand: it loads Kysely, which
 * the graph-only methods never need.
 */
async function databaseSide() {
  const [{ readCurrentHeads }, { tamperWarnings }, { assertSoundVersionRows }, { pendingRevisions }] = await Promise.all([
    import('../runtime/version-table.js'),
    import('./tamper.js'),
    import('../revisions/version-state.js'),
    import('../revisions/plan.js'),
  ]);
  return { readCurrentHeads, tamperWarnings, assertSoundVersionRows, pendingRevisions };
}

/**
 * A history entry as the API returns it.
 *
 * @example
 * revisionInfo(historyEntry(graph, '9c1e4b7a2f3d', [])).downRevision; // '3f2a9c1b7d4e'
 */
function revisionInfo(entry: HistoryEntry): RevisionInfo {
  const { revision } = entry;
  return {
    revision: revision.revision,
    downRevision: revision.downRevisions.length > 1 ? revision.downRevisions : (revision.downRevisions[0] ?? null),
    branchLabels: revision.branchLabels,
    dependsOn: revision.dependsOn,
    message: revision.message,
    createDate: revision.createDate ?? null,
    file: revision.file,
    children: entry.children,
    isHead: entry.isHead,
    isCurrent: entry.isCurrent,
    isBranchPoint: entry.isBranchPoint,
    isMergePoint: entry.isMergePoint,
    ...(entry.squashedInto !== undefined && { squashedInto: entry.squashedInto }),
  };
}

/** The version table's rows, after the tamper warnings; a version table that cannot be right is an error. */
async function readHeads(project: Project, graph: RevisionGraph): Promise<readonly string[]> {
  const { readCurrentHeads, tamperWarnings, assertSoundVersionRows } = await databaseSide();
  const { db } = await project.connection({ readOnly: true });
  const heads = await readCurrentHeads(db, project.config.versionTable);
  for (const message of await tamperWarnings(db, graph, project.config)) project.emit({ type: 'warning', message });
  assertSoundVersionRows(graph, heads, project.config.versionTable);
  return heads;
}

/** The revisions between `from` and `to` (inclusive), either end optional. */
function inRange(graph: RevisionGraph, range: string, heads: readonly string[]): (id: string) => boolean {
  const parts = range.split(':');
  if (parts.length !== 2) {
    throw new SchemigrateError(`Invalid range '${range}': write <from>:<to>, either end optional (e.g. base:head, 3f2a:).`, { code: 'INVALID_TARGET' });
  }
  const resolveEnd = (name: string, side: 'from' | 'to'): readonly string[] | undefined => {
    if (name === '' || name === 'base' || name === 'heads') return undefined;
    // A database at base is the bottom of the graph: as a lower end it excludes nothing.
    if (name === 'current') return heads.length > 0 || side === 'to' ? heads : undefined;
    return [resolveRevision(graph, name)];
  };
  const from = resolveEnd(parts[0]!, 'from');
  const to = resolveEnd(parts[1]!, 'to');
  const above = from && new Set(from.flatMap((id) => [id, ...graph.descendants(id)]));
  const below = to && new Set(to.flatMap((id) => [id, ...graph.ancestors(id)]));
  return (id) => (!above || above.has(id)) && (!below || below.has(id));
}

export interface HistoryOptions {
  /** `<from>:<to>`, either end optional; `current` reads the database. */
  readonly range?: string;
  /** Mark the current revisions (reads the database). */
  readonly indicateCurrent?: boolean;
}

/**
 * The graph, newest first.
 *
 * @example
 * await history(project, { indicateCurrent: true }); // [{ revision: '9c1e4b7a2f3d', isHead: true, isCurrent: true, … }, …]
 */
export async function history(project: Project, options: HistoryOptions = {}): Promise<RevisionInfo[]> {
  const graph = await project.graph();
  const needsDatabase = options.indicateCurrent || options.range?.split(':').includes('current');
  const heads = needsDatabase ? await readHeads(project, graph) : [];
  const keep = options.range ? inRange(graph, options.range, heads) : () => true;
  return historyEntries(graph, options.indicateCurrent ? heads : [])
    .filter((entry) => keep(entry.revision.revision))
    .map(revisionInfo);
}

/**
 * Where the database is: its current revisions, and what is pending. Warns (an event) about
 * applied revision files that changed or disappeared.
 *
 * @example
 * await current(project); // { heads: ['9c1e4b7a2f3d'], pending: [], atHeads: true, revisions: [{ … }] }
 */
export async function current(project: Project): Promise<CurrentState> {
  const graph = await project.graph();
  const heads = await readHeads(project, graph);
  const { pendingRevisions } = await databaseSide();
  const pending = pendingRevisions(graph, heads);
  return { heads, pending, atHeads: pending.length === 0, revisions: heads.map((id) => revisionInfo(historyEntry(graph, id, heads))) };
}

/**
 * Every head of the graph.
 *
 * @example
 * (await heads(project)).map((info) => info.revision); // ['9c1e4b7a2f3d']
 */
export async function heads(project: Project): Promise<RevisionInfo[]> {
  const graph = await project.graph();
  return graph.heads.map((id) => revisionInfo(historyEntry(graph, id, [])));
}

/**
 * Every branch point (a revision several revisions build on) with its branches, oldest first.
 *
 * @example
 * await branches(project); // [{ revision: '3f2a9c1b7d4e', branches: [{ revision: '9c1e…' }, { revision: '77aa…' }], … }]
 */
export async function branches(project: Project): Promise<BranchPoint[]> {
  const graph = await project.graph();
  return graph
    .topologicalOrder()
    .filter((id) => graph.children(id).length > 1)
    .map((id) => ({
      ...revisionInfo(historyEntry(graph, id, [])),
      branches: graph.children(id).map((child) => revisionInfo(historyEntry(graph, child, []))),
    }));
}

/**
 * One revision: an ID, a unique prefix, `head` or `<label>@head`.
 *
 * @example
 * (await show(project, '9c1e')).message; // 'add profile'
 */
export async function show(project: Project, name: string): Promise<RevisionInfo> {
  const graph = await project.graph();
  if (name === 'base') {
    throw new SchemigrateError("'base' is the empty database before any revision; name a revision to show.", { code: 'INVALID_TARGET' });
  }
  return revisionInfo(historyEntry(graph, resolveRevision(graph, name), []));
}
