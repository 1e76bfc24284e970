/**
 * What a step writes besides the revision's own statements: the version-table change and the
 * revision's checksum. The order keeps the two tables consistent where no transaction covers
 * them (MySQL) and a run is interrupted between statements: an upgrade advances the version
 * table before recording the checksum, a downgrade forgets the checksum before moving the
 * version table back. Either way an interruption leaves at worst an applied revision without a
 * checksum (which is not reported), never a checksum of a revision that is not applied.
 */
import type { Kysely } from 'kysely';
import type { Step, VersionChange } from '../revisions/plan.js';
import { checksumTableName, forgetChecksums, recordChecksum } from './checksum-table.js';
import { applyVersionChange } from './version-table.js';

export interface RecordStepOptions {
  readonly versionTable: string;
  /** The checksum of the step's revision file (used by upgrades). */
  readonly checksum: string;
  /**
   * The upgraded revision already has a checksum row (left from an earlier run, or a changed
   * file run with `--allow-changed`): replace it rather than fail on its primary key.
   */
  readonly replace?: boolean;
  /** `false` for offline SQL, where no row counts come back. */
  readonly verify: boolean;
}

/**
 * Write the version-table change and the checksum row of `step`.
 *
 * @example
 * await recordStep(trx, step, { versionTable: 'schemigrate_version', checksum, verify: true });
 */
export async function recordStep(db: Kysely<any>, step: Step, options: RecordStepOptions): Promise<void> {
  const checksums = checksumTableName(options.versionTable);
  const verify = { verify: options.verify };
  if (step.direction === 'up') {
    await applyVersionChange(db, options.versionTable, step.versionChange, verify);
    if (options.replace) await forgetChecksums(db, checksums, [step.revision.revision]);
    await recordChecksum(db, checksums, { revision: step.revision.revision, checksum: options.checksum });
  } else {
    await forgetChecksums(db, checksums, [step.revision.revision]);
    await applyVersionChange(db, options.versionTable, step.versionChange, verify);
  }
}

/** A step and what `recordStep` would write for it. */
export interface StepRecord {
  readonly step: Step;
  readonly options: RecordStepOptions;
}

/**
 * Write what `recordStep` writes for each of `records`, in order, as their net effect: one
 * version-table change and one checksum write for all of them. Only inside one transaction
 * that also ran their revisions (SQLite's locked run): in between, the tables are not theirs.
 *
 * @example
 * await recordSteps(conn, [{ step: first, options }, { step: second, options }]);
 */
export async function recordSteps(db: Kysely<any>, records: readonly StepRecord[]): Promise<void> {
  const last = records.at(-1);
  if (last === undefined) return;
  const { versionTable } = last.options;
  const kept = new Map<string, string>();
  for (const { step, options } of records) {
    if (step.direction === 'up') kept.set(step.revision.revision, options.checksum);
    else kept.delete(step.revision.revision);
  }
  const checksums = checksumTableName(versionTable);
  await forgetChecksums(db, checksums, [...new Set(records.map(({ step }) => step.revision.revision))]);
  await applyVersionChange(db, versionTable, netVersionChange(records.map(({ step }) => step.versionChange)), { verify: last.options.verify });
  await recordChecksum(db, checksums, [...kept].map(([revision, checksum]) => ({ revision, checksum })));
}

/**
 * The one change that `changes`, made in order, come to: rows deleted that an earlier change
 * inserted (and the reverse) cancel out.
 *
 * @example
 * netVersionChange([{ delete: ['a'], insert: ['b'] }, { delete: ['b'], insert: ['c'] }]); // { delete: ['a'], insert: ['c'] }
 */
function netVersionChange(changes: readonly VersionChange[]): VersionChange {
  const deleted = new Set<string>();
  const inserted = new Set<string>();
  for (const change of changes) {
    for (const revision of change.delete) {
      if (!inserted.delete(revision)) deleted.add(revision);
    }
    for (const revision of change.insert) {
      if (!deleted.delete(revision)) inserted.add(revision);
    }
  }
  return { delete: [...deleted], insert: [...inserted] };
}
