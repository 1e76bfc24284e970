/**
 * Planning `upgrade`, `downgrade` and `stamp`: which revisions run, in which order, and the
 * exact version-table change of each step.
 *
 * The version table holds the minimal set of applied revisions from which every other
 * applied revision follows (as in Alembic): a revision is a row exactly when it is applied
 * and no applied revision names it as `downRevision` or `dependsOn`. So an upgrade step
 * deletes the rows it builds on and inserts itself; a new branch off a revision that another
 * applied branch still builds on inserts only; a merge deletes all its parents; a downgrade
 * step is the exact reverse.
 */
import { SchemigrateError } from '../util/errors.js';
import { requirementsFirst, type RevisionGraph } from './graph.js';
import type { RevisionHeader } from './header.js';
import { branchBaseOf, resolveTarget } from './targets.js';

/** Rows to delete from and insert into the version table. */
export interface VersionChange {
  readonly delete: readonly string[];
  readonly insert: readonly string[];
}

/** One revision to run, with the version-table change that goes in its transaction. */
export interface Step {
  readonly direction: 'up' | 'down';
  readonly revision: RevisionHeader;
  readonly versionChange: VersionChange;
}

/**
 * Every applied revision, given the version table's rows. A row naming a revision that no
 * file declares is a SchemigrateError.
 *
 * @example
 * appliedRevisions(graph, ['9c1e4b7a2f3d']); // Set { '3f2a9c1b7d4e', '9c1e4b7a2f3d' }
 */
export function appliedRevisions(graph: RevisionGraph, currentHeads: readonly string[]): ReadonlySet<string> {
  const applied = new Set<string>();
  for (const id of currentHeads) {
    if (!graph.has(id)) {
      throw new SchemigrateError(
        `The version table names revision '${id}', but no file in versions/ declares it. Restore the file, or reset the table with \`schemigrate stamp <target> --purge\`.`,
        { code: 'INVALID_VERSION_TABLE' },
      );
    }
    applied.add(id);
    for (const ancestor of graph.ancestors(id)) applied.add(ancestor);
  }
  return applied;
}

/**
 * Revisions not applied yet, parents first: empty exactly when the database is at every head.
 * (Compare applied sets, not rows with `graph.heads`: a head that another branch depends on
 * is applied without being a row.)
 *
 * @example
 * pendingRevisions(graph, ['3f2a9c1b7d4e']); // ['9c1e4b7a2f3d']
 */
export function pendingRevisions(graph: RevisionGraph, currentHeads: readonly string[]): readonly string[] {
  const applied = appliedRevisions(graph, currentHeads);
  return graph.topologicalOrder().filter((id) => !applied.has(id));
}

/**
 * The version-table rows that represent a set of applied revisions, sorted.
 *
 * @example
 * versionRows(graph, new Set(['a1', 'b2'])); // ['b2'] when b2 builds on a1
 */
export function versionRows(graph: RevisionGraph, applied: ReadonlySet<string>): readonly string[] {
  const builtOn = new Set([...applied].flatMap((id) => graph.requirements(id)));
  return [...applied].filter((id) => !builtOn.has(id)).sort();
}

/**
 * The steps that bring the database from `currentHeads` up to `target`: every missing
 * ancestor of the target, parents first, each branch whole (branches in ID order) before the
 * merge that joins them. Already-applied targets need no step.
 *
 * @example
 * planUpgrade(graph, [], 'head');
 * // [{ direction: 'up', revision: <3f2a…>, versionChange: { delete: [], insert: ['3f2a9c1b7d4e'] } }, …]
 */
export function planUpgrade(graph: RevisionGraph, currentHeads: readonly string[], target: string): Step[] {
  const applied = new Set(appliedRevisions(graph, currentHeads));
  const targets = [...resolveTarget(graph, target, currentHeads)].sort();
  const rows = new Set(currentHeads);
  const order = requirementsFirst(targets, (id) => graph.requirements(id), { skip: (id) => applied.has(id) });
  return order.map((id) => {
    const builtOn = parentsFirst(graph.get(id)).filter((requirement) => rows.has(requirement));
    for (const row of builtOn) rows.delete(row);
    rows.add(id);
    return { direction: 'up', revision: graph.get(id), versionChange: { delete: builtOn, insert: [id] } };
  });
}

/**
 * The steps that bring the database from `currentHeads` down to `target`: every applied
 * revision above the target (on its branch, and whatever builds on those), children first.
 * Other branches are left alone; `base` reverts everything. Downgrading to the current
 * revision plans nothing; a target that is not applied is an error.
 *
 * @example
 * planDowngrade(graph, ['9c1e4b7a2f3d'], '-1');
 * // [{ direction: 'down', revision: <9c1e…>, versionChange: { delete: ['9c1e4b7a2f3d'], insert: ['3f2a9c1b7d4e'] } }]
 */
export function planDowngrade(graph: RevisionGraph, currentHeads: readonly string[], target: string): Step[] {
  const applied = new Set(appliedRevisions(graph, currentHeads));
  const removed = revisionsToRemove(graph, applied, target, currentHeads);
  // How many applied revisions build on each revision: a requirement becomes a row again when
  // its count drops to zero.
  const builtOnBy = new Map<string, number>();
  for (const id of applied) {
    for (const requirement of graph.requirements(id)) builtOnBy.set(requirement, (builtOnBy.get(requirement) ?? 0) + 1);
  }
  const steps: Step[] = [];
  for (const id of [...graph.topologicalOrder()].reverse()) {
    if (!removed.has(id)) continue;
    const exposed = parentsFirst(graph.get(id)).filter((requirement) => {
      const remaining = builtOnBy.get(requirement)! - 1;
      builtOnBy.set(requirement, remaining);
      return remaining === 0;
    });
    steps.push({ direction: 'down', revision: graph.get(id), versionChange: { delete: [id], insert: exposed } });
  }
  return steps;
}

/**
 * The version-table change that `stamp <target>` makes without running anything: as if
 * upgrading to targets that are not applied and downgrading to those that are.
 *
 * @example
 * planStamp(graph, [], 'head'); // { delete: [], insert: ['9c1e4b7a2f3d'] }
 */
export function planStamp(graph: RevisionGraph, currentHeads: readonly string[], target: string): VersionChange {
  const applied = new Set(appliedRevisions(graph, currentHeads));
  if (branchBaseOf(graph, target) !== undefined) {
    for (const id of revisionsToRemove(graph, applied, target, currentHeads)) applied.delete(id);
  } else {
    const targets = resolveTarget(graph, target, currentHeads);
    if (targets.length === 0) applied.clear();
    for (const id of targets) {
      if (applied.has(id)) {
        for (const above of revisionsAbove(graph, applied, [id], currentHeads)) applied.delete(above);
      } else {
        applied.add(id);
        for (const ancestor of graph.ancestors(id)) applied.add(ancestor);
      }
    }
  }
  const rows = versionRows(graph, applied);
  return {
    delete: [...currentHeads].filter((id) => !rows.includes(id)).sort(),
    insert: rows.filter((id) => !currentHeads.includes(id)),
  };
}

/**
 * The applied revisions a downgrade to `target` removes. `<label>@base` removes the labelled
 * revision and everything that builds on it; any other target goes through `revisionsAbove`.
 */
function revisionsToRemove(
  graph: RevisionGraph,
  applied: ReadonlySet<string>,
  target: string,
  currentHeads: readonly string[],
): Set<string> {
  const branchBase = branchBaseOf(graph, target);
  if (branchBase === undefined) return revisionsAbove(graph, applied, resolveTarget(graph, target, currentHeads), currentHeads);
  return new Set([branchBase, ...graph.descendants(branchBase)].filter((id) => applied.has(id)));
}

/** What a revision builds on, its own parents before the revisions it merely depends on. */
function parentsFirst(header: RevisionHeader): readonly string[] {
  return [...new Set([...header.downRevisions, ...header.dependsOn])];
}

/**
 * The applied revisions a downgrade to `targets` removes: those above a target on its own
 * branch (reached through children), then everything that builds on a removed one. A
 * revision that merely depends on a target stays: the target itself stays applied.
 */
function revisionsAbove(
  graph: RevisionGraph,
  applied: ReadonlySet<string>,
  targets: readonly string[],
  currentHeads: readonly string[],
): Set<string> {
  if (targets.length === 0) return new Set(applied);
  for (const id of targets) {
    if (!applied.has(id)) {
      const at = currentHeads.length > 0 ? currentHeads.join(', ') : 'base';
      throw new SchemigrateError(
        `Cannot downgrade to ${id}: it is not applied (the database is at ${at}). Use \`schemigrate upgrade ${id}\` to move up.`,
      );
    }
  }
  const removed = new Set<string>();
  const pending = targets.flatMap((id) => graph.children(id));
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (removed.has(id) || !applied.has(id) || targets.includes(id)) continue;
    removed.add(id);
    pending.push(...graph.dependents(id));
  }
  return removed;
}
