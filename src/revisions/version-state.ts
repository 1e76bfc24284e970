/**
 * Version-table states that cannot be right. The table holds the newest applied revision of
 * each branch (plan.ts), so a row that no file defines, or two rows of which one builds on the
 * other, mean it was edited by hand or by another tool: planning from it would run the wrong
 * revisions (a `downgrade base` from `A, B` with B built on A reverts B, then fails inserting A,
 * halfway). `current`, `check`, `revision --autogenerate`, `upgrade` and `downgrade` refuse such
 * a table; `stamp --purge` rewrites it.
 */
import { SchemigrateError } from '../util/errors.js';
import type { RevisionGraph } from './graph.js';
import { appliedRevisions, versionRows } from './plan.js';

/** Two rows of which `descendant` builds on `ancestor` (through parents or `dependsOn`). */
export interface RelatedRows {
  readonly ancestor: string;
  readonly descendant: string;
}

/** What is wrong with a version table's rows; both lists empty when nothing is. */
export interface VersionRowProblems {
  /** Rows that no revision file defines, sorted. */
  readonly unknown: readonly string[];
  /** Pairs of rows of which one builds on the other, by descendant then ancestor. */
  readonly related: readonly RelatedRows[];
}

/**
 * The problems of a version table's rows against the revision graph.
 *
 * @example
 * versionRowProblems(graph, ['a1a1', 'b2b2', 'dead']);
 * // { unknown: ['dead'], related: [{ ancestor: 'a1a1', descendant: 'b2b2' }] }
 */
export function versionRowProblems(graph: RevisionGraph, rows: readonly string[]): VersionRowProblems {
  const sorted = [...rows].sort();
  const listed = new Set(sorted);
  const known = sorted.filter((id) => graph.has(id));
  return {
    unknown: sorted.filter((id) => !graph.has(id)),
    related: known.flatMap((descendant) =>
      graph
        .ancestors(descendant)
        .filter((ancestor) => listed.has(ancestor))
        .map((ancestor) => ({ ancestor, descendant })),
    ),
  };
}

/**
 * Throw a SchemigrateError saying what is wrong with the rows and how to repair them, unless
 * nothing is. Call it where a command reads the rows to act on them (under the migration lock
 * where one is held).
 *
 * @example
 * assertSoundVersionRows(graph, await readCurrentHeads(conn, 'schemigrate_version'), 'schemigrate_version');
 */
export function assertSoundVersionRows(graph: RevisionGraph, rows: readonly string[], versionTable: string): void {
  assertNotInsideSquash(graph, rows);
  const { unknown, related } = versionRowProblems(graph, rows);
  if (unknown.length === 0 && related.length === 0) return;
  const wrong = [
    ...unknown.map((id) => `it lists '${id}', which no file in versions/ defines`),
    ...related.map(
      ({ ancestor, descendant }) =>
        `it lists both ${ancestor} and ${descendant}, but ${descendant} builds on ${ancestor} (a row is the newest applied revision of its branch, so an ancestor of another row cannot be one)`,
    ),
  ];
  const likely = versionRows(graph, appliedRevisions(graph, rows.filter((id) => graph.has(id))));
  const restore = unknown.length > 0 ? 'If a revision file is missing (another branch, a deleted file), restore it. Otherwise find ' : 'Find ';
  throw new SchemigrateError(
    `The version table ${versionTable} cannot be right: ${wrong.join('; ')}. schemigrate cannot tell which revisions are applied, so it does not act on it. ` +
      `${restore}which revisions the database really has and record exactly those with \`schemigrate stamp --purge <revisions>\` ` +
      `(which empties the table and runs nothing; here most likely \`schemigrate stamp --purge ${likely.length > 0 ? likely.join(' ') : 'base'}\`).`,
    { code: 'INVALID_VERSION_TABLE' },
  );
}

/**
 * A row naming a revision a squash revision replaces (other than the last, whose ID the squash
 * keeps) means the database is partway through the squashed range: the squash revision cannot
 * run from there, so say how to get out.
 *
 * @example
 * assertNotInsideSquash(graph, ['b2b2']); // throws when a squash revision replaces b2b2 but is not b2b2
 */
function assertNotInsideSquash(graph: RevisionGraph, rows: readonly string[]): void {
  for (const row of rows) {
    if (graph.has(row)) continue;
    const squash = graph.revisions.find((header) => header.replaces?.includes(row));
    if (squash === undefined) continue;
    throw new SchemigrateError(
      `The database is partway through the revisions squashed into ${squash.revision} (${squash.file}): its version table lists ${row}, ` +
        `which that revision replaces, and the squash revision can only run from ${squash.downRevisions.join(', ') || 'base'} or stand for ${squash.revision}. ` +
        `Restore the replaced revision files (from version control), run \`schemigrate upgrade ${squash.revision}\` with them, then delete them again.`,
      { code: 'INSIDE_SQUASHED_RANGE', details: { row, squash: squash.revision } },
    );
  }
}
