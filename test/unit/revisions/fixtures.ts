/**
 * Revision headers and graph shapes shared by the revision unit tests.
 */
import type { RevisionHeader } from '../../../src/revisions/header.js';
import { buildGraph, type RevisionGraph } from '../../../src/revisions/graph.js';
import type { Step } from '../../../src/revisions/plan.js';

/** A header as the scanner would read it from `versions/<id>.ts`. */
export function rev(
  revision: string,
  downRevisions: readonly string[] = [],
  extra: { dependsOn?: readonly string[]; branchLabels?: readonly string[] } = {},
): RevisionHeader {
  return {
    revision,
    downRevisions,
    branchLabels: extra.branchLabels ?? [],
    dependsOn: extra.dependsOn ?? [],
    message: `message of ${revision}`,
    file: `/project/migrations/versions/${revision}_file.ts`,
  };
}

/** r000 ← b100 ← b200 ; r000 ← c100 (two branches off one root). */
export const twoBranches = (): RevisionGraph =>
  buildGraph([rev('r000'), rev('b100', ['r000'], { branchLabels: ['bee'] }), rev('b200', ['b100']), rev('c100', ['r000'], { branchLabels: ['sea'] })]);

/** a1a1 ← b2b2 ← c3c3 */
export const linear = (): RevisionGraph => buildGraph([rev('c3c3', ['b2b2']), rev('a1a1'), rev('b2b2', ['a1a1'])]);

/** r000 ← b100, r000 ← c100, merged by m200, continued by n300. */
export const mergedThenContinued = (): RevisionGraph =>
  buildGraph([rev('r000'), rev('b100', ['r000']), rev('c100', ['r000']), rev('m200', ['b100', 'c100']), rev('n300', ['m200'])]);

/** r000 ← b100, r000 ← c100, and two merges of them: m100 and m200 (two heads again). */
export const twoMergesSharingParents = (): RevisionGraph =>
  buildGraph([rev('r000'), rev('b100', ['r000']), rev('c100', ['r000']), rev('m100', ['b100', 'c100']), rev('m200', ['b100', 'c100'])]);

/** Two roots: x100 ← x200 and y100 ← y200. */
export const forest = (): RevisionGraph =>
  buildGraph([rev('x100', [], { branchLabels: ['ex'] }), rev('x200', ['x100']), rev('y100', [], { branchLabels: ['why'] }), rev('y200', ['y100'])]);

/** a100 ← a200 ← a300 and b100 ← b200 ← b300, where b200 also depends on a200. */
export const withDependency = (): RevisionGraph =>
  buildGraph([
    rev('a100'),
    rev('a200', ['a100']),
    rev('a300', ['a200']),
    rev('b100'),
    rev('b200', ['b100'], { dependsOn: ['a200'] }),
    rev('b300', ['b200']),
  ]);

/** Steps as compact tuples: direction, revision, deleted rows, inserted rows. */
export function summarize(steps: readonly Step[]): [string, string, string[], string[]][] {
  return steps.map((step) => [step.direction, step.revision.revision, [...step.versionChange.delete], [...step.versionChange.insert]]);
}

/** The version table's rows after each step, applying each change to the previous rows. */
export function rowsAfterEachStep(initial: readonly string[], steps: readonly Step[]): string[][] {
  let rows = [...initial];
  return steps.map((step) => {
    for (const row of step.versionChange.delete) {
      if (!rows.includes(row)) throw new Error(`step ${step.revision.revision} deletes absent row ${row}`);
    }
    rows = rows.filter((row) => !step.versionChange.delete.includes(row));
    for (const row of step.versionChange.insert) {
      if (rows.includes(row)) throw new Error(`step ${step.revision.revision} inserts present row ${row}`);
      rows.push(row);
    }
    return [...rows].sort();
  });
}
