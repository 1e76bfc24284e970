/**
 * `createFleet`: one command over every target of the config (`targets`), each under its own
 * lock and version table, a bounded number at a time, canaries first. The config is loaded,
 * `targets()` called, the revision graph read, each revision file imported and the schema
 * loaded (once per dialect) once per call, not once per target. Targets already at the goal do nothing, so re-running resumes.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config/load.js';
import type { ResolvedConfig } from '../config/types.js';
import { buildGraph, type RevisionGraph } from '../revisions/graph.js';
import { scanVersions } from '../revisions/scan.js';
import { loadRevisionModule, type RevisionModule } from '../runtime/load-revision.js';
import type { LoadedSchema } from '../schema/load-barrel.js';
import { isSchemigrateError, SchemigrateError } from '../util/errors.js';
import type { MigrateOptions } from './migrate.js';
import { migratorFor, type Migrator } from './migrator.js';
import { projectFor, type ProjectSetup } from './project.js';
import { findTarget, listTargets, type Target } from './targets.js';
import type { CheckResult, CurrentState, MigrationStep, MigratorEvent, StampResult } from './types.js';

/** The largest `concurrency` accepted: each target in flight holds its own connections. */
export const MAX_CONCURRENCY = 64;

/** How many targets run at once unless `concurrency` says otherwise. */
export const DEFAULT_CONCURRENCY = 4;

export interface FleetOptions {
  /** Path of the config file; searched upward from `cwd` when left out. */
  readonly config?: string;
  /** Folder relative paths start from (default: `process.cwd()`). */
  readonly cwd?: string;
  /** Only these targets, by name, in this order (default: every target, in the config's order). */
  readonly only?: readonly string[];
  /** Each target's migrator events (warnings, revisions started and done), with the target. */
  readonly onEvent?: (event: MigratorEvent, target: Target) => void;
}

export interface FanOutOptions {
  /** Targets in flight at once, 1 to 64 (default 4). */
  readonly concurrency?: number;
  /** Run the first N targets first and stop, running no other, if any of them fails. */
  readonly canary?: number;
  /** Go on with the other targets after a failure (default: start no new target). */
  readonly continueOnError?: boolean;
  /** Called as each target finishes, in the order they finish. */
  readonly onTargetDone?: (report: TargetReport<unknown>) => void;
}

/** What happened on one target. */
export interface TargetReport<R> {
  readonly target: string;
  readonly ok: boolean;
  /** The version table's rows before the command (`[]`: base); null when unknown (a failure before reading it). */
  readonly from: readonly string[] | null;
  /** The version table's rows after the command; null when unknown. */
  readonly to: readonly string[] | null;
  /** Revisions run (upgrade, downgrade), 0 for the other commands. */
  readonly steps: number;
  readonly ms: number;
  readonly error: { readonly code: string; readonly message: string } | null;
  /** The command's own result on this target (as the single-database API returns it); null on failure. */
  readonly result: R | null;
}

/** What happened on the fleet. */
export interface FleetReport<R> {
  /** Every target ran, and none failed. */
  readonly ok: boolean;
  /** The targets that ran, in the order they finished. */
  readonly targets: readonly TargetReport<R>[];
  /** Names of the targets that failed. */
  readonly failed: readonly string[];
  /** Names of the targets not run because an earlier one failed. */
  readonly skipped: readonly string[];
  readonly ms: number;
}

/** The versions before and after a command on one target, and its result. */
interface Outcome<R> {
  readonly from: readonly string[] | null;
  readonly to: readonly string[] | null;
  readonly steps: number;
  readonly result: R;
}

export interface Fleet {
  readonly config: ResolvedConfig;
  /** The targets the fleet runs on, in order. */
  readonly targets: readonly Target[];
  /** `upgrade` on every target. */
  upgrade(revision?: string, options?: FanOutOptions & MigrateOptions): Promise<FleetReport<MigrationStep[]>>;
  /** `downgrade` on every target. */
  downgrade(revision: string, options?: FanOutOptions & MigrateOptions): Promise<FleetReport<MigrationStep[]>>;
  /** `stamp` on every target. */
  stamp(revisions: string | readonly string[], options?: FanOutOptions & { readonly purge?: boolean }): Promise<FleetReport<StampResult>>;
  /** `current` of every target. */
  current(options?: FanOutOptions): Promise<FleetReport<CurrentState>>;
  /** `check` of every target (a target that differs is `ok` with `result.clean` false). */
  check(options?: FanOutOptions): Promise<FleetReport<CheckResult>>;
  /** Any work on every target, with the target's migrator (closed afterwards). */
  forEach<R>(work: (migrator: Migrator, target: Target) => Promise<R>, options?: FanOutOptions): Promise<FleetReport<R>>;
}

/**
 * The fleet of the config's `targets`: each method runs the single-database command on every
 * target and reports per target; a failure never rejects the call (it is in the report),
 * only bad input does (no targets, an unknown name in `only`, a bad `concurrency`, a revision
 * graph that cannot be read).
 *
 * @example
 * const fleet = await createFleet({ config: './schemigrate.config.ts' });
 * const report = await fleet.upgrade('head', { concurrency: 8, canary: 2 });
 * if (!report.ok) console.error(`failed: ${report.failed.join(', ')}`);
 */
export async function createFleet(options: FleetOptions = {}): Promise<Fleet> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const config = await loadConfig({ cwd, configPath: options.config });
  const all = await listTargets(config);
  const targets = options.only === undefined ? all : options.only.map((name) => findTarget(all, name));

  const fanOut = async <R>(work: (migrator: Migrator, target: Target) => Promise<Outcome<R>>, fan: FanOutOptions = {}): Promise<FleetReport<R>> => {
    const shared = sharedRun(config);
    // A graph that cannot be read is bad input for every target alike: refused before any runs.
    await shared.graph();
    return runFleet(targets, fan, async (target) => {
      const project = projectFor(config, { cwd, target, shared, onEvent: (event) => options.onEvent?.(event, target) });
      const migrator = migratorFor(project);
      try {
        return await work(migrator, target);
      } finally {
        await migrator.close();
      }
    });
  };
  const migrate = (direction: 'upgrade' | 'downgrade', revision: string, fan?: FanOutOptions & MigrateOptions) =>
    fanOut(async (migrator) => {
      const steps = await migrator[direction](revision, fan);
      const heads = steps.length === 0 ? (await migrator.current()).heads : undefined;
      return { from: heads ?? steps[0]!.from, to: heads ?? steps.at(-1)!.to, steps: steps.length, result: steps };
    }, fan);

  return {
    config,
    targets,
    upgrade: (revision = 'head', fan) => migrate('upgrade', revision, fan),
    downgrade: (revision, fan) => migrate('downgrade', revision, fan),
    stamp: (revisions, fan) =>
      fanOut(async (migrator) => {
        const result = await migrator.stamp(revisions, { purge: fan?.purge });
        const to = (await migrator.current()).heads;
        const from = [...to.filter((id) => !result.recorded.includes(id)), ...result.removed].sort();
        return { from, to, steps: 0, result };
      }, fan),
    current: (fan) =>
      fanOut(async (migrator) => {
        const result = await migrator.current();
        return { from: result.heads, to: result.heads, steps: 0, result };
      }, fan),
    check: (fan) =>
      fanOut(async (migrator) => {
        const [result, state] = [await migrator.check(), await migrator.current()];
        return { from: state.heads, to: state.heads, steps: 0, result };
      }, fan),
    forEach: (work, fan) => fanOut(async (migrator, target) => ({ from: null, to: null, steps: 0, result: await work(migrator, target) }), fan),
  };
}

/** One read of the graph, one import per revision file and one load of the schema per dialect, for every target of a call. */
function sharedRun(config: ResolvedConfig): NonNullable<ProjectSetup['shared']> {
  let graph: Promise<RevisionGraph> | undefined;
  const modules = new Map<string, Promise<RevisionModule>>();
  const schemas = new Map<string, Promise<LoadedSchema>>();
  return {
    schema(dialect) {
      let schema = schemas.get(dialect.name);
      if (schema === undefined) schemas.set(dialect.name, (schema = import('../autogenerate/api.js').then(({ loadValidSchema }) => loadValidSchema(config, dialect))));
      return schema;
    },
    graph: () => (graph ??= scanVersions(config.versionsDir).then(buildGraph)),
    loadRevision(file) {
      let module = modules.get(file);
      if (module === undefined) modules.set(file, (module = loadRevisionModule(file)));
      return module;
    },
  };
}

/** A whole number from `min` to `max`, or an INVALID_INPUT error naming the option. */
function bounded(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SchemigrateError(`${name} must be a whole number from ${min} to ${max}, not ${value}.`, { code: 'INVALID_INPUT' });
  }
  return value;
}

/**
 * Run `work` on each target, at most `concurrency` at once: the canaries first (all of them
 * must succeed before any other starts), then the rest; after a failure no new target starts
 * unless `continueOnError`.
 */
async function runFleet<R>(targets: readonly Target[], fan: FanOutOptions, work: (target: Target) => Promise<Outcome<R>>): Promise<FleetReport<R>> {
  const concurrency = bounded('--concurrency', fan.concurrency, DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY);
  const canaries = bounded('--canary', fan.canary, 0, 0, targets.length);
  const started = performance.now();
  const reports: TargetReport<R>[] = [];
  let stopped = false;

  const runOne = async (target: Target): Promise<void> => {
    const begun = performance.now();
    let report: TargetReport<R>;
    try {
      const outcome = await work(target);
      report = { target: target.name, ok: true, from: outcome.from, to: outcome.to, steps: outcome.steps, ms: elapsed(begun), error: null, result: outcome.result };
    } catch (error) {
      const code = isSchemigrateError(error) ? error.code : 'UNEXPECTED';
      const message = typeof (error as Error | null)?.message === 'string' ? (error as Error).message : String(error);
      report = { target: target.name, ok: false, from: null, to: null, steps: 0, ms: elapsed(begun), error: { code, message }, result: null };
      if (!fan.continueOnError) stopped = true;
    }
    reports.push(report);
    fan.onTargetDone?.(report);
  };
  const pool = async (batch: readonly Target[]): Promise<void> => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (!stopped && next < batch.length) await runOne(batch[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
  };

  await pool(targets.slice(0, canaries));
  if (reports.some((report) => !report.ok)) stopped = true;
  await pool(targets.slice(canaries));

  const ran = new Set(reports.map((report) => report.target));
  const failed = reports.filter((report) => !report.ok).map((report) => report.target);
  const skipped = targets.filter((target) => !ran.has(target.name)).map((target) => target.name);
  return { ok: failed.length === 0 && skipped.length === 0, targets: reports, failed, skipped, ms: elapsed(started) };
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}
