/**
 * Applying planned steps to a database: under the migration lock, one revision at a time, the
 * version table changed in the same transaction as the revision it records.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialects/dialect.js';
import type { Step, VersionChange } from '../revisions/plan.js';
import { SchemigrateError } from '../util/errors.js';
import { UndoIncompleteError } from '../dialects/undo-incomplete.js';
import { changedSteps, revisionChangedError } from './changed-revisions.js';
import { loadRevisionModules, type RevisionModule } from './load-revision.js';
import { migrationError } from './migration-error.js';
import { recordStatements, type StatementRecorder } from './statement-recorder.js';
import { fileChecksum } from '../revisions/checksum.js';
import { checksumTableName, ensureChecksumTable, forgetChecksums, readChecksums, recordChecksum } from './checksum-table.js';
import { withMigrationLock, type LockOptions } from './migration-lock.js';
import { recordRevision } from './record-revision.js';
import { recordStep } from './record-step.js';
import { applyVersionChange, ensureVersionTable, readCurrentHeads } from './version-table.js';

/** What a run needs from the dialect. */
export type MigrationDialect = Pick<Dialect, 'withLock' | 'runRevision' | 'transactionalDdl' | 'offline' | 'recordStep' | 'flushCommits' | 'startsAhead'>;

export interface RunMigrationsOptions extends LockOptions {
  readonly db: Kysely<any>;
  readonly dialect: MigrationDialect;
  /**
   * The steps to run from the version table's rows as read under the lock, so that a run that
   * waited for another plans from where that one left off.
   */
  readonly plan: (currentHeads: readonly string[]) => readonly Step[];
  /** Called before each step runs. */
  readonly onStepStart?: (step: Step) => void;
  /** Called after each successful step with its duration. */
  readonly onStep?: (event: { readonly step: Step; readonly ms: number }) => void;
  /**
   * Run steps whose revision file no longer matches its recorded checksum (`--allow-changed`)
   * instead of refusing the whole run (changed-revisions.ts).
   */
  readonly allowChanged?: boolean;
  /** Called before the run with the changed steps that `allowChanged` lets run. */
  readonly onChangedAllowed?: (steps: readonly Step[]) => void;
  /** Called under the lock with the checksums recorded for revisions that are not planned to run. */
  readonly onOtherChecksums?: (recorded: ReadonlyMap<string, string>) => Promise<void>;
  /** Where the dialect's warnings go (SQLite: foreign keys that pointed nowhere before the run). */
  readonly onWarning?: (message: string) => void;
  /** How revision files are imported (a fleet shares one import per file); default `loadRevisionModule`. */
  readonly loadRevision?: (file: string) => Promise<RevisionModule>;
}

/**
 * Run the planned revisions. A step whose revision file changed since its checksum was
 * recorded stops the run before anything runs, unless `allowChanged`. A failure is a
 * SchemigrateError naming the revision, its file, the failing statement and the database's
 * error (the original error is its `cause`; see migration-error.ts). Returns the steps that ran.
 *
 * @example
 * await runMigrations({
 *   db, dialect, versionTable: 'schemigrate_version',
 *   plan: (heads) => planUpgrade(graph, heads, 'head'),
 *   onStep: ({ step, ms }) => console.log(`Running upgrade … -> ${step.revision.revision} (${ms} ms)`),
 * });
 */
export async function runMigrations(options: RunMigrationsOptions): Promise<readonly Step[]> {
  const { db, dialect, versionTable, plan, onStep, onWarning } = options;
  return withMigrationLock(db, dialect, options, async (conn) => {
    await ensureTables(conn, versionTable);
    const steps = plan(await readCurrentHeads(conn, versionTable, { exists: true }));
    const checksums = steps.map((step) => fileChecksum(step.revision.file));
    // Before any import: importing a revision file runs its top-level code.
    const recorded = await readChecksums(conn, checksumTableName(versionTable), { exists: true });
    const planned = new Set(steps.map((step) => step.revision.revision));
    await options.onOtherChecksums?.(new Map([...recorded].filter(([revision]) => !planned.has(revision))));
    const changed = changedSteps(steps, recorded, checksums);
    if (changed.length > 0 && !options.allowChanged) throw revisionChangedError(changed, checksumTableName(versionTable));
    if (changed.length > 0) options.onChangedAllowed?.(changed);
    // Import every file first: a broken file late in the plan must not strand the database halfway.
    const modules = await loadRevisionModules(steps.map((step) => step.revision.file), options.loadRevision);
    const start = (index: number, after?: Promise<void>): Promise<void> => {
      const step = steps[index]!;
      const checksum = { checksum: checksums[index]!, replace: recorded.has(step.revision.revision) };
      // Every revision but the last may commit without waiting for the disk: the last one's
      // commit flushes them all, and a failure flushes them before it is reported.
      const flushedLater = index < steps.length - 1 && dialect.flushCommits !== undefined;
      const running = runStep(conn, dialect, versionTable, step, modules[index]!, checksum, onWarning, flushedLater, after);
      // Awaited in turn below; one started ahead of a failure is only waited for.
      running.catch(() => {});
      return running;
    };
    let ahead: Promise<void> | undefined;
    for (const [index, step] of steps.entries()) {
      options.onStepStart?.(step);
      const started = performance.now();
      const current = ahead ?? start(index);
      // Where the dialect allows and the file does not say otherwise, the next revision's code
      // runs while this one is on the server; it sends nothing before this one has finished,
      // and nothing if it fails.
      const next = modules[index + 1];
      ahead = next && dialect.startsAhead && next.transactional && next.startsAhead !== false ? start(index + 1, current) : undefined;
      try {
        await current;
      } catch (error) {
        await ahead?.catch(() => {});
        if (index > 0) await dialect.flushCommits?.(conn).catch(() => {});
        throw error;
      }
      // The revision started ahead sends its first batch in the promise jobs that follow; the
      // events and the start of the one after it wait a turn rather than delay that batch.
      if (ahead) await nextTurn();
      onStep?.({ step, ms: Math.round(performance.now() - started) });
    }
    return steps;
  });
}

async function runStep(
  conn: Kysely<any>,
  dialect: MigrationDialect,
  versionTable: string,
  step: Step,
  module: RevisionModule,
  checksum: { readonly checksum: string; readonly replace: boolean },
  onWarning: RunMigrationsOptions['onWarning'],
  flushedLater: boolean,
  after: Promise<void> | undefined,
): Promise<void> {
  let recorder: StatementRecorder | undefined;
  const preview = () => recordRevision(dialect, module, step.direction);
  const bookkeeping = [versionTable, checksumTableName(versionTable)];
  try {
    await dialect.runRevision(conn, { transactional: module.transactional, pipelined: true, onWarning, preview, bookkeeping, flushedLater, after }, async (trx) => {
      // Completed statements are reported only when a failure cannot roll them back.
      const recording = recordStatements(trx, { keepCompleted: !(module.transactional && dialect.transactionalDdl) });
      recorder = recording.recorder;
      await (step.direction === 'up' ? module.upgrade(recording.db) : module.downgrade(recording.db));
      await (dialect.recordStep ?? recordStep)(recording.db, step, { versionTable, ...checksum, verify: true });
    });
  } catch (error) {
    // A revision run in several transactions whose earlier ones could not all be undone.
    if (error instanceof UndoIncompleteError) throw migrationError(step, recorder, { rolledBack: true, leftovers: error.leftovers, undoError: error }, error.failure);
    const rolledBack = module.transactional && dialect.transactionalDdl;
    // Where nothing was rolled back, say what the version table really records now.
    const rows = rolledBack ? undefined : await readCurrentHeads(conn, versionTable).catch(() => undefined);
    throw migrationError(step, recorder, { rolledBack, rows }, error);
  }
}

/** Both bookkeeping tables; created on the first `upgrade` or `stamp`. */
async function ensureTables(conn: Kysely<any>, versionTable: string): Promise<void> {
  await ensureVersionTable(conn, versionTable);
  await ensureChecksumTable(conn, checksumTableName(versionTable));
}

export interface StampVersionsOptions extends LockOptions {
  readonly db: Kysely<any>;
  readonly dialect: MigrationDialect;
  /** Empty the version table first (for rows naming revisions that no longer exist). */
  readonly purge: boolean;
  /** The change to make, from the rows as read under the lock (`[]` when purging). */
  readonly plan: (currentHeads: readonly string[]) => VersionChange;
  /** Every revision applied when the version table lists these heads. */
  readonly applied: (heads: readonly string[]) => ReadonlySet<string>;
  /** The file of a revision, for its checksum. */
  readonly fileOf: (revision: string) => string;
}

/**
 * Set the version table without running any revision, in one transaction under the lock, and
 * keep the checksum table in step: revisions the stamp marks applied get their file's current
 * checksum, revisions it marks unapplied lose theirs (`purge` clears every checksum first).
 * Returns the change made, from the rows as they were before (purged ones included).
 *
 * @example
 * await stampVersions({
 *   db, dialect, versionTable, purge: false, plan: (heads) => planStamp(graph, heads, 'head'),
 *   applied: (heads) => appliedRevisions(graph, heads), fileOf: (id) => graph.get(id).file,
 * });
 */
export async function stampVersions(options: StampVersionsOptions): Promise<VersionChange> {
  const { db, dialect, versionTable, purge, plan, applied, fileOf } = options;
  const checksums = checksumTableName(versionTable);
  return withMigrationLock(db, dialect, options, async (conn) => {
    await ensureTables(conn, versionTable);
    let change: VersionChange = { delete: [], insert: [] };
    await dialect.runRevision(conn, { transactional: true }, async (trx) => {
      const original = await readCurrentHeads(trx, versionTable, { exists: true });
      if (purge) {
        await trx.deleteFrom(versionTable).execute();
        await trx.deleteFrom(checksums).execute();
      }
      const before = purge ? [] : original;
      const planned = plan(before);
      const after = [...before.filter((id) => !planned.delete.includes(id)), ...planned.insert];
      const [wasApplied, isApplied] = [applied(before), applied(after)];
      const added = [...isApplied].filter((id) => !wasApplied.has(id)).sort();
      await forgetChecksums(trx, checksums, [...wasApplied].filter((id) => !isApplied.has(id)).sort());
      await applyVersionChange(trx, versionTable, planned);
      await forgetChecksums(trx, checksums, added);
      for (const revision of added) await recordChecksum(trx, checksums, { revision, checksum: fileChecksum(fileOf(revision)) });
      // Reported against the rows as they were, purged ones included.
      change = { delete: original.filter((id) => !after.includes(id)), insert: after.filter((id) => !original.includes(id)).sort() };
    });
    return change;
  });
}

export interface RechecksumOptions extends LockOptions {
  readonly db: Kysely<any>;
  readonly dialect: MigrationDialect;
  /** Every revision applied when the version table lists these heads. */
  readonly applied: (heads: readonly string[]) => ReadonlySet<string>;
  /** The revisions to re-record; every applied revision when absent. */
  readonly only?: readonly string[];
  /** The file of a revision, for its checksum. */
  readonly fileOf: (revision: string) => string;
}

/** What `rechecksumRevisions` changed. */
export interface RechecksumResult {
  /** Applied revisions whose checksum was added or changed. */
  readonly rerecorded: readonly string[];
  /** Revisions that are not applied whose leftover checksum row was dropped. */
  readonly forgotten: readonly string[];
}

/**
 * Re-record checksums on purpose, after an intended edit of a revision file: each named (or
 * every) applied revision gets its file's current checksum, and the rows of named (or all)
 * revisions that are not applied are dropped — a leftover row would make `upgrade` refuse
 * the revision. Naming a revision that is neither applied nor recorded is an error.
 *
 * @example
 * await rechecksumRevisions({ db, dialect, versionTable, applied, fileOf, only: ['9c1e4b7a2f3d'] });
 * // { rerecorded: ['9c1e4b7a2f3d'], forgotten: [] }
 */
export async function rechecksumRevisions(options: RechecksumOptions): Promise<RechecksumResult> {
  const { db, dialect, versionTable, applied, only, fileOf } = options;
  const checksums = checksumTableName(versionTable);
  return withMigrationLock(db, dialect, options, async (conn) => {
    await ensureTables(conn, versionTable);
    const rerecorded: string[] = [];
    let forgotten: string[] = [];
    await dialect.runRevision(conn, { transactional: true }, async (trx) => {
      const isApplied = applied(await readCurrentHeads(trx, versionTable, { exists: true }));
      const recorded = await readChecksums(trx, checksums, { exists: true });
      const unknown = only?.filter((id) => !isApplied.has(id) && !recorded.has(id)) ?? [];
      if (unknown.length > 0) {
        throw new SchemigrateError(`Not applied and no checksum recorded, so there is nothing to re-record: ${unknown.join(', ')}.`);
      }
      forgotten = (only ?? [...recorded.keys()]).filter((id) => !isApplied.has(id)).sort();
      await forgetChecksums(trx, checksums, forgotten);
      for (const revision of only?.filter((id) => isApplied.has(id)) ?? [...isApplied].sort()) {
        const checksum = fileChecksum(fileOf(revision));
        if (recorded.get(revision) === checksum) continue;
        await forgetChecksums(trx, checksums, [revision]);
        await recordChecksum(trx, checksums, { revision, checksum });
        rerecorded.push(revision);
      }
    });
    return { rerecorded, forgotten };
  });
}
