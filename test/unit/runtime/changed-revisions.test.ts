import { planDowngrade, planUpgrade } from '../../../src/revisions/plan.js';
import { changedSteps, revisionChangedError } from '../../../src/runtime/changed-revisions.js';
import { SchemigrateError } from '../../../src/util/errors.js';
import { linear } from '../revisions/fixtures.js';

describe('changedSteps', () => {
  const graph = linear();
  const down = planDowngrade(graph, ['c3c3'], 'base'); // c3c3, b2b2, a1a1

  test('only steps whose recorded checksum differs from the file are changed', () => {
    const recorded = new Map([
      ['c3c3', 'same'],
      ['b2b2', 'old'],
    ]);
    // a1a1 has no recorded checksum (applied before checksums existed): it cannot be checked.
    expect(changedSteps(down, recorded, ['same', 'new', 'whatever']).map((step) => step.revision.revision)).toEqual(['b2b2']);
    expect(changedSteps(down, recorded, ['same', 'old', 'whatever'])).toEqual([]);
  });

  test('an upgrade step with a checksum left behind is changed when the file differs', () => {
    const up = planUpgrade(graph, ['a1a1'], 'head'); // b2b2, c3c3
    expect(changedSteps(up, new Map([['c3c3', 'left behind']]), ['x', 'now']).map((step) => step.revision.revision)).toEqual(['c3c3']);
  });
});

describe('revisionChangedError', () => {
  const graph = linear();

  test('a downgrade: one paragraph naming the revision, its file and both ways forward', () => {
    const [step] = planDowngrade(graph, ['c3c3'], '-1');
    const error = revisionChangedError([step!], 'schemigrate_version_checksums');
    expect(error).toBeInstanceOf(SchemigrateError);
    expect(error.message).toBe(
      'Refusing to downgrade: the file of revision c3c3 (/project/migrations/versions/c3c3_file.ts) has changed since schemigrate_version_checksums recorded it, ' +
        'so the database ran other text than the file now holds, and the edited downgrade may not undo what was applied. Nothing was run. ' +
        'If the edit is intended, record it with `schemigrate rechecksum c3c3` and run again; to run the file as it is now, pass --allow-changed.',
    );
  });

  test('several upgrades are named together', () => {
    const steps = planUpgrade(graph, ['a1a1'], 'head');
    const { message } = revisionChangedError(steps, 'schemigrate_version_checksums');
    expect(message).toMatch(/^Refusing to upgrade: the files of revisions b2b2 \(\S+b2b2_file\.ts\), c3c3 \(\S+c3c3_file\.ts\) have changed since/);
    expect(message).toContain('`schemigrate rechecksum b2b2 c3c3`');
    expect(message).toContain('to run the files as they are now, pass --allow-changed.');
  });
});
