/**
 * Revision files that changed since the database recorded them must not run silently: a
 * downgrade of an edited file undoes something other than what was applied, and its checksum
 * row, the evidence, would go with it. A planned step whose revision has a recorded checksum
 * (checksum-table.ts) that its file no longer matches is refused before anything runs, unless
 * the user re-records it (`rechecksum`) or passes `--allow-changed`. Revisions without a
 * recorded checksum (applied before checksums existed) cannot be checked and run as before.
 */
import type { Step } from '../revisions/plan.js';
import { SchemigrateError } from '../util/errors.js';

/**
 * The steps whose revision has a recorded checksum other than its file's current one
 * (`checksums[i]` belongs to `steps[i]`).
 *
 * @example
 * changedSteps(steps, await readChecksums(conn, 'schemigrate_version_checksums'), checksums); // [<step of 9c1e…>]
 */
export function changedSteps(steps: readonly Step[], recorded: ReadonlyMap<string, string>, checksums: readonly string[]): readonly Step[] {
  return steps.filter((step, index) => {
    const checksum = recorded.get(step.revision.revision);
    // A squash revision keeps the ID of the last revision it replaces, whose text was applied.
    return checksum !== undefined && checksum !== checksums[index] && !step.revision.replaces?.length;
  });
}

/**
 * The refusal for `changedSteps`: one paragraph naming each revision and file, what it means,
 * and the two ways forward.
 *
 * @example
 * throw revisionChangedError(changed, 'schemigrate_version_checksums');
 * // Refusing to downgrade: the file of revision 9c1e4b7a2f3d (…/9c1e4b7a2f3d_add_profile.ts) has changed since …
 */
export function revisionChangedError(changed: readonly Step[], checksumTable: string): SchemigrateError {
  const downgrade = changed[0]!.direction === 'down';
  const files = changed.map(({ revision }) => `${revision.revision} (${revision.file})`).join(', ');
  const ids = changed.map(({ revision }) => revision.revision).join(' ');
  const plural = changed.length > 1;
  const meaning = downgrade
    ? `so the database ran other text than the file now holds, and the edited downgrade may not undo what was applied`
    : `so the database ran other text than the file now holds when ${plural ? 'they were' : 'it was'} applied before (on another branch, or before the version table was moved back)`;
  return new SchemigrateError(
    `Refusing to ${downgrade ? 'downgrade' : 'upgrade'}: the file${plural ? 's' : ''} of revision${plural ? 's' : ''} ${files} ` +
      `${plural ? 'have' : 'has'} changed since ${checksumTable} recorded ${plural ? 'them' : 'it'}, ${meaning}. Nothing was run. ` +
      `If the edit is intended, record it with \`schemigrate rechecksum ${ids}\` and run again; to run the file${plural ? 's' : ''} as ${plural ? 'they are' : 'it is'} now, pass --allow-changed.`,
    { code: 'REVISION_CHANGED' },
  );
}
