/**
 * What a step writes besides the revision's own statements: the version-table change and the
 * revision's checksum. The order keeps the two tables consistent where no transaction covers
 * them (MySQL) and a run is interrupted between statements: an upgrade advances the version
 * table before recording the checksum, a downgrade forgets the checksum before moving the
 * version table back. Either way an interruption leaves at worst an applied revision without a
 * checksum (which is not reported), never a checksum of a revision that is not applied.
 */
import type { Kysely } from 'kysely';
import type { Step } from '../revisions/plan.js';
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
