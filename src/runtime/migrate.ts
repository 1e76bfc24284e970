/**
 * Applying planned steps to a database: under the migration lock, one revision at a time, the
 * version table changed in the same transaction as the revision it records.
 */
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialects/dialect.js';
import type { Step, VersionChange } from '../revisions/plan.js';
import { SchemigrateError } from '../util/errors.js';
import { loadRevisionModule, type RevisionModule } from './load-revision.js';
import { FailedStatementError } from './failed-statement.js';
import { recordStatements, type StatementRecorder } from './statement-recorder.js';
import { fileChecksum } from '../revisions/checksum.js';
import { checksumTableName, ensureChecksumTable, forgetChecksums, readChecksums, recordChecksum } from './checksum-table.js';
import { recordStep } from './record-step.js';
import { applyVersionChange, ensureVersionTable, readCurrentHeads } from './version-table.js';

/** What a run needs from the dialect. */
export type MigrationDialect = Pick<Dialect, 'withLock' | 'runRevision' | 'transactionalDdl'>;

export interface RunMigrationsOptions {
  readonly db: Kysely<any>;
  readonly dialect: MigrationDialect;
  readonly versionTable: string;
  /**
   * The steps to run from the version table's rows as read under the lock, so that a run that
   * waited for another plans from where that one left off.
   */
  readonly plan: (currentHeads: readonly string[]) => readonly Step[];
  /** Called after each successful step with its duration. */
  readonly onStep?: (event: { readonly step: Step; readonly ms: number }) => void;
  /** Where the dialect's warnings go (SQLite: foreign keys that pointed nowhere before the run). */
  readonly onWarning?: (message: string) => void;
}

/**
 * Run the planned revisions. A failure is a SchemigrateError naming the revision, its file,
 * the failing statement and the database's error (the original error is its `cause`).
 * Returns the steps that ran.
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
  return dialect.withLock(db, async (conn) => {
    await ensureTables(conn, versionTable);
    const steps = plan(await readCurrentHeads(conn, versionTable));
    // Import every file first: a broken file late in the plan must not strand the database halfway.
    const modules = await Promise.all(steps.map((step) => loadRevisionModule(step.revision.file)));
    const checksums = await Promise.all(steps.map((step) => fileChecksum(step.revision.file)));
    for (const [index, step] of steps.entries()) {
      const module = modules[index]!;
      const started = performance.now();
      await runStep(conn, dialect, versionTable, step, module, checksums[index]!, onWarning);
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
  checksum: string,
  onWarning: RunMigrationsOptions['onWarning'],
): Promise<void> {
  let recorder: StatementRecorder | undefined;
  try {
    await dialect.runRevision(conn, { transactional: module.transactional, pipelined: true, onWarning }, async (trx) => {
      const recording = recordStatements(trx);
      recorder = recording.recorder;
      await (step.direction === 'up' ? module.upgrade(recording.db) : module.downgrade(recording.db));
      await recordStep(recording.db, step, { versionTable, checksum, verify: true });
    });
  } catch (error) {
    const rolledBack = module.transactional && dialect.transactionalDdl;
    throw migrationError(step, recorder, rolledBack, error);
  }
}

function migrationError(step: Step, recorder: StatementRecorder | undefined, rolledBack: boolean, error: unknown): SchemigrateError {
  const { revision, file, message } = step.revision;
  // Duck-typed: an error thrown by revision code may come from another realm.
  // A pipelined statement's failure names its statement; the database's error is its cause.
  const failedSql = error instanceof FailedStatementError ? error.sql : recorder?.failed?.sql;
  const cause = error instanceof FailedStatementError ? error.cause : error;
  const detail = typeof (cause as { message?: unknown } | null)?.message === 'string' ? (cause as Error).message : String(cause);
  const reason = detail.replace(/\.$/, '');
  const parts = [
    `The ${step.direction === 'up' ? 'upgrade' : 'downgrade'} of revision ${revision}${message ? ` (${message})` : ''} failed: ${reason}.`,
    `File: ${file}.`,
  ];
  if (failedSql) parts.push(`Failing statement: ${failedSql}`);
  // PostgreSQL's own advice, e.g. "You might need to increase max_locks_per_transaction."
  const hint = (cause as { hint?: unknown } | null)?.hint;
  if (typeof hint === 'string' && hint !== '') parts.push(`Hint from the database: ${hint}`);
  const completed = recorder?.statements.filter((statement) => statement.completed) ?? [];
  if (rolledBack) {
    parts.push('The revision was rolled back; the database and the version table are as they were before it.');
  } else if (completed.length > 0) {
    parts.push(
      `These statements of the revision had already run and were not rolled back: ${completed.map((statement) => statement.sql).join('; ')}. The version table still lists the revision's parent(s).`,
    );
  }
  return new SchemigrateError(parts.join(' '), { cause });
}

/** Both bookkeeping tables; created on the first `upgrade` or `stamp`. */
async function ensureTables(conn: Kysely<any>, versionTable: string): Promise<void> {
  await ensureVersionTable(conn, versionTable);
  await ensureChecksumTable(conn, checksumTableName(versionTable));
}

export interface StampVersionsOptions {
  readonly db: Kysely<any>;
  readonly dialect: MigrationDialect;
  readonly versionTable: string;
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
 * Returns the change made.
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
  return dialect.withLock(db, async (conn) => {
    await ensureTables(conn, versionTable);
    let change: VersionChange = { delete: [], insert: [] };
    await dialect.runRevision(conn, { transactional: true }, async (trx) => {
      if (purge) {
        await trx.deleteFrom(versionTable).execute();
        await trx.deleteFrom(checksums).execute();
      }
      const before = purge ? [] : await readCurrentHeads(trx, versionTable);
      change = plan(before);
      const after = [...before.filter((id) => !change.delete.includes(id)), ...change.insert];
      const [wasApplied, isApplied] = [applied(before), applied(after)];
      const added = [...isApplied].filter((id) => !wasApplied.has(id)).sort();
      await forgetChecksums(trx, checksums, [...wasApplied].filter((id) => !isApplied.has(id)).sort());
      await applyVersionChange(trx, versionTable, change);
      await forgetChecksums(trx, checksums, added);
      for (const revision of added) await recordChecksum(trx, checksums, { revision, checksum: await fileChecksum(fileOf(revision)) });
    });
    return change;
  });
}

export interface RechecksumOptions {
  readonly db: Kysely<any>;
  readonly dialect: MigrationDialect;
  readonly versionTable: string;
  /** Every revision applied when the version table lists these heads. */
  readonly applied: (heads: readonly string[]) => ReadonlySet<string>;
  /** The revisions to re-record; every applied revision when absent. */
  readonly only?: readonly string[];
  /** The file of a revision, for its checksum. */
  readonly fileOf: (revision: string) => string;
}

/**
 * Re-record checksums on purpose, after an intended edit of an applied revision file: each
 * named (or every) applied revision gets its file's current checksum, and rows of revisions
 * that are not applied are dropped. Returns the revisions whose checksum changed or was added.
 *
 * @example
 * await rechecksumRevisions({ db, dialect, versionTable, applied, fileOf, only: ['9c1e4b7a2f3d'] });
 */
export async function rechecksumRevisions(options: RechecksumOptions): Promise<readonly string[]> {
  const { db, dialect, versionTable, applied, only, fileOf } = options;
  const checksums = checksumTableName(versionTable);
  return dialect.withLock(db, async (conn) => {
    await ensureTables(conn, versionTable);
    const changed: string[] = [];
    await dialect.runRevision(conn, { transactional: true }, async (trx) => {
      const isApplied = applied(await readCurrentHeads(trx, versionTable));
      const recorded = await readChecksums(trx, checksums);
      const notApplied = only?.filter((id) => !isApplied.has(id)) ?? [];
      if (notApplied.length > 0) {
        throw new SchemigrateError(`Not applied, so there is no checksum to re-record: ${notApplied.join(', ')}.`);
      }
      if (!only) await forgetChecksums(trx, checksums, [...recorded.keys()].filter((id) => !isApplied.has(id)));
      for (const revision of only ?? [...isApplied].sort()) {
        const checksum = await fileChecksum(fileOf(revision));
        if (recorded.get(revision) === checksum) continue;
        await forgetChecksums(trx, checksums, [revision]);
        await recordChecksum(trx, checksums, { revision, checksum });
        changed.push(revision);
      }
    });
    return changed;
  });
}
