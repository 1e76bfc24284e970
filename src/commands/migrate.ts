/**
 * `schemigrate upgrade|downgrade <target>` and `stamp <targets...>`.
 */
import type { ResolvedConfig } from '../config/types.js';
import { buildGraph, type RevisionGraph } from '../revisions/graph.js';
import { planDowngrade, planStamp, planUpgrade, type Step, type VersionChange } from '../revisions/plan.js';
import { scanVersions } from '../revisions/scan.js';
import { runMigrations, stampVersions } from '../runtime/migrate.js';
import { withConnection } from './project.js';
import type { Reporter } from './reporter.js';

async function loadGraph(config: ResolvedConfig): Promise<RevisionGraph> {
  return buildGraph(await scanVersions(config.versionsDir));
}

/**
 * One output line per step, as Alembic prints it.
 *
 * @example
 * describeStep(step, 14); // 'Running upgrade 3f2a9c1b7d4e -> 9c1e4b7a2f3d, add profile (14 ms)'
 */
export function describeStep(step: Step, ms: number): string {
  const { revision, downRevisions, message } = step.revision;
  const parents = downRevisions.length ? downRevisions.join(', ') : 'base';
  const [from, to] = step.direction === 'up' ? [parents, revision] : [revision, parents];
  const verb = step.direction === 'up' ? 'upgrade' : 'downgrade';
  return `Running ${verb} ${from} -> ${to}${message ? `, ${message}` : ''} (${ms} ms)`;
}

/**
 * Apply (`upgrade`) or revert (`downgrade`) revisions up or down to `target`.
 *
 * @example
 * await migrate(config, 'upgrade', 'head', reporter);
 */
export async function migrate(
  config: ResolvedConfig,
  direction: 'upgrade' | 'downgrade',
  target: string,
  reporter: Reporter,
): Promise<readonly Step[]> {
  const graph = await loadGraph(config);
  const plan = direction === 'upgrade' ? planUpgrade : planDowngrade;
  const steps = await withConnection(config, ({ db, dialect }) =>
    runMigrations({
      db,
      dialect,
      versionTable: config.versionTable,
      plan: (currentHeads) => plan(graph, currentHeads, target),
      onStep: ({ step, ms }) => reporter.info(describeStep(step, ms)),
    }),
  );
  if (steps.length === 0) reporter.info(`Nothing to ${direction}: the database is already at ${target}.`);
  return steps;
}

/** Compose stamps to several targets into one change from the current rows. */
function planStamps(graph: RevisionGraph, currentHeads: readonly string[], targets: readonly string[]): VersionChange {
  let rows = [...currentHeads];
  for (const target of targets) {
    const change = planStamp(graph, rows, target);
    rows = [...rows.filter((id) => !change.delete.includes(id)), ...change.insert];
  }
  return {
    delete: currentHeads.filter((id) => !rows.includes(id)),
    insert: rows.filter((id) => !currentHeads.includes(id)).sort(),
  };
}

/**
 * Record `targets` in the version table without running any revision.
 *
 * @example
 * await stamp(config, ['head'], { purge: false }, reporter);
 */
export async function stamp(
  config: ResolvedConfig,
  targets: readonly string[],
  options: { readonly purge: boolean },
  reporter: Reporter,
): Promise<VersionChange> {
  const graph = await loadGraph(config);
  const change = await withConnection(config, ({ db, dialect }) =>
    stampVersions({
      db,
      dialect,
      versionTable: config.versionTable,
      purge: options.purge,
      plan: (currentHeads) => planStamps(graph, currentHeads, targets),
    }),
  );
  const removed = change.delete.length ? change.delete.join(', ') : 'nothing';
  const added = change.insert.length ? change.insert.join(', ') : 'nothing';
  reporter.info(`Stamped: removed ${removed}; recorded ${added}.`);
  return change;
}
