/**
 * `upgrade`, `downgrade`, `stamp` and offline `sql`.
 */
import type { RevisionGraph } from '../revisions/graph.js';
import { appliedRevisions, planDowngrade, planStamp, planUpgrade, versionRows, type Step, type VersionChange } from '../revisions/plan.js';
import { resolveTarget } from '../revisions/targets.js';
import { assertSoundVersionRows } from '../revisions/version-state.js';
import { transformNewest } from '../runtime/load-revision.js';
import { runMigrations, stampVersions } from '../runtime/migrate.js';
import { renderOfflineSql } from '../runtime/offline.js';
import { SchemigrateError } from '../util/errors.js';
import type { Project } from './project.js';
import { checksumWarnings } from './tamper.js';
import type { MigrationStep, MigrationStepStart, SqlScript, StampResult } from './types.js';

/**
 * A planned step as the API reports it: `from` and `to` as revision IDs (`[]` is base).
 *
 * @example
 * stepStart(step); // { revision: '9c1e4b7a2f3d', direction: 'upgrade', from: ['3f2a9c1b7d4e'], to: ['9c1e4b7a2f3d'], … }
 */
function stepStart(step: Step): MigrationStepStart {
  const { revision, downRevisions, message, file } = step.revision;
  const up = step.direction === 'up';
  return {
    revision,
    direction: up ? 'upgrade' : 'downgrade',
    from: up ? downRevisions : [revision],
    to: up ? [revision] : downRevisions,
    message,
    file,
  };
}

export interface MigrateOptions {
  /** Run revision files that changed since the database recorded them (refused otherwise: REVISION_CHANGED). */
  readonly allowChanged?: boolean;
}

/**
 * Apply (`upgrade`) or revert (`downgrade`) revisions up or down to `target`, under the
 * migration lock. A version table that cannot be right, or a planned revision whose file
 * changed since its checksum was recorded (unless `allowChanged`), stops the run before
 * anything runs. Returns the steps that ran (none when already at the target).
 *
 * @example
 * await migrate(project, 'upgrade', 'head'); // [{ revision: '9c1e4b7a2f3d', direction: 'upgrade', ms: 14, … }]
 */
export async function migrate(project: Project, direction: 'upgrade' | 'downgrade', target: string, options: MigrateOptions = {}): Promise<MigrationStep[]> {
  const graph = await project.graph();
  const { config } = project;
  // A new revision is transformed while the connection opens (a revision a downgrade runs was loaded before).
  if (direction === 'upgrade') void transformNewest(graph);
  const { db, dialect } = await project.connection();
  const plan = direction === 'upgrade' ? planUpgrade : planDowngrade;
  const warn = (message: string) => project.emit({ type: 'warning', message });
  const done: MigrationStep[] = [];
  await runMigrations({
    db,
    dialect,
    versionTable: config.versionTable,
    lockMode: config.lockMode,
    plan: (currentHeads) => {
      assertSoundVersionRows(graph, currentHeads, config.versionTable);
      return plan(graph, currentHeads, target);
    },
    onStepStart: (step) => project.emit({ type: 'revision-start', ...stepStart(step) }),
    onStep: ({ step, ms }) => {
      const ran = { ...stepStart(step), ms };
      done.push(ran);
      project.emit({ type: 'revision-done', ...ran });
    },
    allowChanged: options.allowChanged,
    onChangedAllowed: (changed) => {
      for (const { revision } of changed) {
        warn(`Running revision ${revision.revision} although its file (${project.show(revision.file)}) changed since it was recorded (allowChanged).`);
      }
    },
    // Applied files that changed but do not run: a warning (those that would run are refused).
    onOtherChecksums:
      direction === 'upgrade'
        ? async (recorded) => {
            for (const message of await checksumWarnings(recorded, graph, config)) warn(message);
          }
        : undefined,
    onWarning: warn,
    loadRevision: (file) => project.loadRevision(file),
  });
  return done;
}

/**
 * The version-table rows of a database at `from` (a target, resolved with no database: `base`,
 * `heads`, an ID or prefix, `<label>@head`, `<rev>+N`, …).
 *
 * @example
 * rowsAt(graph, 'base'); // []
 */
export function rowsAt(graph: RevisionGraph, from: string): readonly string[] {
  const at = resolveTarget(graph, from === '' ? 'base' : from, []);
  return versionRows(graph, appliedRevisions(graph, at));
}

/**
 * One line per step, as Alembic prints it: `Running upgrade 3f2a9c1b7d4e -> 9c1e4b7a2f3d, add profile`.
 *
 * @example
 * describeStep(stepStart(step)); // 'Running upgrade base -> 3f2a9c1b7d4e, create users'
 */
export function describeStep(step: MigrationStepStart): string {
  const ids = (list: readonly string[]) => (list.length > 0 ? list.join(', ') : 'base');
  return `Running ${step.direction} ${ids(step.from)} -> ${ids(step.to)}${step.message ? `, ${step.message}` : ''}`;
}

/**
 * The SQL of an upgrade or downgrade, without a database (`--sql`). `range` is `<from>:<to>`,
 * or just `<to>` for an upgrade from base; a downgrade needs the range, as there is no
 * database to say where it starts.
 *
 * @example
 * const { sql, steps } = await offlineSql(project, 'upgrade', '3f2a:head');
 */
export async function offlineSql(project: Project, direction: 'upgrade' | 'downgrade', range: string): Promise<SqlScript> {
  const parts = range.split(':');
  if (parts.length > 2) throw new SchemigrateError(`Invalid range '${range}': write <from>:<to> (e.g. base:head).`, { code: 'INVALID_TARGET' });
  if (parts.length === 1 && direction === 'downgrade') {
    throw new SchemigrateError(
      `downgrade --sql needs a range <from>:<to> (e.g. head:base, head:-1 or 9c1e:3f2a): without a database there is no current revision to start from.`,
      { code: 'INVALID_TARGET' },
    );
  }
  const [from, to] = parts.length === 2 ? [parts[0]!, parts[1]!] : ['base', parts[0]!];
  const graph = await project.graph();
  const steps = (direction === 'upgrade' ? planUpgrade : planDowngrade)(graph, rowsAt(graph, from), to || 'base');
  const dialect = await project.dialect();
  const offline = await renderOfflineSql({
    dialect,
    versionTable: project.config.versionTable,
    steps,
    title: [
      `schemigrate ${direction} ${from || 'base'}:${to || 'base'} (${dialect.name}), generated offline.`,
      steps.length === 0 ? `Nothing to ${direction}: ${from || 'base'} is already at ${to || 'base'}.` : `${steps.length} revision(s).`,
    ],
    describeStep: (step) => describeStep(stepStart(step)),
  });
  return {
    sql: offline.script,
    preamble: offline.preamble,
    steps: steps.map((step, index) => ({ ...stepStart(step), statements: offline.steps[index]! })),
  };
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
 * await stamp(project, ['head']); // { removed: [], recorded: ['9c1e4b7a2f3d'] }
 */
export async function stamp(project: Project, targets: readonly string[], options: { readonly purge?: boolean } = {}): Promise<StampResult> {
  const graph = await project.graph();
  const { db, dialect } = await project.connection();
  const change = await stampVersions({
    db,
    dialect,
    versionTable: project.config.versionTable,
    lockMode: project.config.lockMode,
    purge: options.purge === true,
    plan: (currentHeads) => planStamps(graph, currentHeads, targets),
    applied: (heads) => appliedRevisions(graph, heads),
    fileOf: (id) => graph.get(id).file,
  });
  return { removed: change.delete, recorded: change.insert };
}
