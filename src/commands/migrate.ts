/**
 * `schemigrate upgrade|downgrade <target>` and `stamp <targets...>`.
 */
import { relative } from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { buildGraph, type RevisionGraph } from '../revisions/graph.js';
import { appliedRevisions, planDowngrade, planStamp, planUpgrade, versionRows, type Step, type VersionChange } from '../revisions/plan.js';
import { scanVersions } from '../revisions/scan.js';
import { resolveTarget } from '../revisions/targets.js';
import { assertSoundVersionRows } from '../revisions/version-state.js';
import { runMigrations, stampVersions } from '../runtime/migrate.js';
import { renderOfflineSql } from '../runtime/offline.js';
import { SchemigrateError } from '../util/errors.js';
import type { Printer } from './inspect.js';
import { resolveDialect, withConnection } from './project.js';
import type { Reporter } from './reporter.js';
import { checksumWarnings } from './tamper.js';

async function loadGraph(config: ResolvedConfig): Promise<RevisionGraph> {
  return buildGraph(await scanVersions(config.versionsDir));
}

/**
 * One output line per step, as Alembic prints it (without the time when there is none).
 *
 * @example
 * describeStep(step, 14); // 'Running upgrade 3f2a9c1b7d4e -> 9c1e4b7a2f3d, add profile (14 ms)'
 */
export function describeStep(step: Step, ms: number | undefined): string {
  const { revision, downRevisions, message } = step.revision;
  const parents = downRevisions.length ? downRevisions.join(', ') : 'base';
  const [from, to] = step.direction === 'up' ? [parents, revision] : [revision, parents];
  const verb = step.direction === 'up' ? 'upgrade' : 'downgrade';
  return `Running ${verb} ${from} -> ${to}${message ? `, ${message}` : ''}${ms === undefined ? '' : ` (${ms} ms)`}`;
}

/**
 * Apply (`upgrade`) or revert (`downgrade`) revisions up or down to `target`. A version table
 * that cannot be right (`assertSoundVersionRows`), or a planned revision whose file changed
 * since its checksum was recorded (unless `allowChanged`), stops the run before anything runs.
 *
 * @example
 * await migrate(config, 'upgrade', 'head', reporter);
 * await migrate(config, 'downgrade', '-1', reporter, { allowChanged: true });
 */
export async function migrate(
  config: ResolvedConfig,
  direction: 'upgrade' | 'downgrade',
  target: string,
  reporter: Reporter,
  options: { readonly allowChanged?: boolean } = {},
): Promise<readonly Step[]> {
  const graph = await loadGraph(config);
  const plan = direction === 'upgrade' ? planUpgrade : planDowngrade;
  const steps = await withConnection(config, ({ db, dialect }) =>
    runMigrations({
      db,
      dialect,
      versionTable: config.versionTable,
      plan: (currentHeads) => {
        assertSoundVersionRows(graph, currentHeads, config.versionTable);
        return plan(graph, currentHeads, target);
      },
      onStep: ({ step, ms }) => reporter.info(describeStep(step, ms)),
      allowChanged: options.allowChanged,
      onChangedAllowed: (changed) => {
        for (const { revision } of changed) {
          reporter.warn(`Running revision ${revision.revision} although its file (${relative(config.rootDir, revision.file)}) changed since it was recorded (--allow-changed).`);
        }
      },
      // Applied files that changed but do not run: a warning (those that would run are refused).
      onOtherChecksums:
        direction === 'upgrade'
          ? async (recorded) => {
              for (const warning of await checksumWarnings(recorded, graph, config)) reporter.warn(warning);
            }
          : undefined,
      onWarning: (message) => reporter.warn(message),
    }),
  );
  if (steps.length === 0) reporter.info(`Nothing to ${direction}: the database is already at ${target}.`);
  return steps;
}

/**
 * The version-table rows of a database at `from` (a target, resolved with no database: `base`,
 * `heads`, an ID or prefix, `<label>@head`, `<rev>+N`, …).
 */
function rowsAt(graph: RevisionGraph, from: string): readonly string[] {
  const at = resolveTarget(graph, from === '' ? 'base' : from, []);
  return versionRows(graph, appliedRevisions(graph, at));
}

/**
 * Print the SQL of an upgrade or downgrade without connecting (`--sql`). `range` is
 * `<from>:<to>`, or just `<to>` for an upgrade from base; a downgrade needs the range, as there
 * is no database to say where it starts.
 *
 * @example
 * await migrateOffline(config, 'upgrade', '3f2a:head', printer);
 */
export async function migrateOffline(
  config: ResolvedConfig,
  direction: 'upgrade' | 'downgrade',
  range: string,
  printer: Printer,
): Promise<readonly Step[]> {
  const parts = range.split(':');
  if (parts.length > 2) throw new SchemigrateError(`Invalid range '${range}': write <from>:<to> (e.g. base:head).`);
  if (parts.length === 1 && direction === 'downgrade') {
    throw new SchemigrateError(
      `downgrade --sql needs a range <from>:<to> (e.g. head:base, head:-1 or 9c1e:3f2a): without a database there is no current revision to start from.`,
    );
  }
  const [from, to] = parts.length === 2 ? [parts[0]!, parts[1]!] : ['base', parts[0]!];
  const graph = await loadGraph(config);
  const currentHeads = rowsAt(graph, from);
  const steps = (direction === 'upgrade' ? planUpgrade : planDowngrade)(graph, currentHeads, to || 'base');
  const { dialect } = await resolveDialect(config);
  const script = await renderOfflineSql({
    dialect,
    versionTable: config.versionTable,
    steps,
    title: [
      `schemigrate ${direction} ${from || 'base'}:${to || 'base'} (${dialect.name}), generated offline.`,
      steps.length === 0 ? `Nothing to ${direction}: ${from || 'base'} is already at ${to || 'base'}.` : `${steps.length} revision(s).`,
    ],
    describeStep: (step) => describeStep(step, undefined),
  });
  printer.print(script.trimEnd());
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
      applied: (heads) => appliedRevisions(graph, heads),
      fileOf: (id) => graph.get(id).file,
    }),
  );
  const removed = change.delete.length ? change.delete.join(', ') : 'nothing';
  const added = change.insert.length ? change.insert.join(', ') : 'nothing';
  reporter.info(`Stamped: removed ${removed}; recorded ${added}.`);
  return change;
}
