/**
 * `test`: prove the revisions of a range by a round trip in a throwaway database
 * (`round-trip.ts`).
 */
import { isAbsolute, resolve } from 'node:path';
import type { RevisionGraph } from '../revisions/graph.js';
import { planUpgrade } from '../revisions/plan.js';
import { assertSoundVersionRows } from '../revisions/version-state.js';
import { readCurrentHeads } from '../runtime/version-table.js';
import { SchemigrateError } from '../util/errors.js';
import { rowsAt } from './migrate.js';
import type { Project } from './project.js';
import { proveRevisions } from './round-trip.js';
import type { TestResult } from './types.js';

export interface TestOptions {
  /** `<from>:<to>` (`base:head` for every revision); default: the revisions pending in the database. */
  readonly range?: string;
  /** A seed run once the throwaway database reaches the range's start: a `.sql` file, or a module exporting `seed(db)` (relative to `cwd`). */
  readonly seed?: string;
}

/**
 * Prove each revision of the range: upgrade, downgrade back to exactly the parent's schema and
 * rows, upgrade again to exactly the revision's schema. `ok` when every revision passed.
 *
 * @example
 * const { ok, revisions } = await test(project, { range: 'base:head' });
 * for (const r of revisions) if (r.status === 'failed') console.log(r.revision, r.step, r.differences);
 */
export async function test(project: Project, options: TestOptions = {}): Promise<TestResult> {
  const graph = await project.graph();
  const start = options.range === undefined ? await databaseRows(project, graph) : rowsAt(graph, parseRange(options.range).from);
  const to = options.range === undefined ? 'heads' : parseRange(options.range).to;
  const steps = planUpgrade(graph, start, to);
  const seed = options.seed === undefined ? undefined : isAbsolute(options.seed) ? options.seed : resolve(project.cwd, options.seed);
  const revisions = steps.length === 0 ? [] : await proveRevisions(project, { graph, start, steps, seed });
  return { ok: revisions.every((revision) => revision.status === 'ok'), revisions };
}

/** The version rows of the project's own database: the pending revisions start there. */
async function databaseRows(project: Project, graph: RevisionGraph): Promise<readonly string[]> {
  const { db } = await project.connection({ readOnly: true });
  const rows = await readCurrentHeads(db, project.config.versionTable);
  assertSoundVersionRows(graph, rows, project.config.versionTable);
  return rows;
}

function parseRange(range: string): { from: string; to: string } {
  const parts = range.split(':');
  if (parts.length !== 2) throw new SchemigrateError(`Invalid range '${range}': write <from>:<to> (e.g. base:head).`, { code: 'INVALID_TARGET' });
  return { from: parts[0] || 'base', to: parts[1] || 'heads' };
}
