/**
 * `recordSteps`, the bookkeeping of several steps written as their net effect (SQLite writes a
 * locked run's this way before it commits): the rows come out as step-by-step `recordStep`
 * would leave them, across branches, merges and a step undone in the same run.
 */
import type { Kysely } from 'kysely';
import type { Step, VersionChange } from '../../../src/revisions/plan.js';
import { ensureChecksumTable, readChecksums } from '../../../src/runtime/checksum-table.js';
import { recordStep, recordSteps, type StepRecord } from '../../../src/runtime/record-step.js';
import { ensureVersionTable } from '../../../src/runtime/version-table.js';
import { forEachDialect } from '../../helpers/databases.js';
import { useOpenDatabase, versionRows } from './project.js';

function record(versionTable: string, revision: string, direction: Step['direction'], versionChange: VersionChange): StepRecord {
  const step = { revision: { revision }, direction, versionChange } as unknown as Step;
  return { step, options: { versionTable, checksum: `sum-${revision}`, verify: true } };
}

/** The version and checksum rows after `write`, starting from one applied revision `x0`. */
async function rowsAfter(db: Kysely<any>, versionTable: string, write: (db: Kysely<any>) => Promise<void>) {
  await ensureVersionTable(db, versionTable);
  await ensureChecksumTable(db, `${versionTable}_checksums`);
  const initial = record(versionTable, 'x0', 'up', { delete: [], insert: ['x0'] });
  await recordStep(db, initial.step, initial.options);
  await write(db);
  return { versions: await versionRows(db, versionTable), checksums: Object.fromEntries(await readChecksums(db, `${versionTable}_checksums`)) };
}

forEachDialect((ctx) => {
  const open = useOpenDatabase(ctx.database);

  test('a run of branches, a merge and a step undone comes out as recording each step would', async () => {
    const { db } = open();
    const steps = (table: string) => [
      record(table, 'a1', 'up', { delete: ['x0'], insert: ['a1'] }),
      record(table, 'b1', 'up', { delete: [], insert: ['b1'] }),
      record(table, 'm1', 'up', { delete: ['a1', 'b1'], insert: ['m1'] }),
      record(table, 'm1', 'down', { delete: ['m1'], insert: ['a1', 'b1'] }),
      record(table, 'b1', 'down', { delete: ['b1'], insert: [] }),
      record(table, 'a2', 'up', { delete: ['a1'], insert: ['a2'] }),
    ];
    const oneByOne = await rowsAfter(db, 'v_one_by_one', async (target) => {
      for (const { step, options } of steps('v_one_by_one')) await recordStep(target, step, options);
    });
    const together = await rowsAfter(db, 'v_together', (target) => recordSteps(target, steps('v_together')));
    expect(together).toEqual(oneByOne);
    expect(together).toEqual({ versions: ['a2'], checksums: { x0: 'sum-x0', a1: 'sum-a1', a2: 'sum-a2' } });
  });

  test('a row the steps expect that is gone fails with the version table named', async () => {
    const { db } = open();
    await ensureVersionTable(db, 'v_gone_rows');
    await ensureChecksumTable(db, 'v_gone_rows_checksums');
    await expect(recordSteps(db, [record('v_gone_rows', 'a1', 'up', { delete: ['x0'], insert: ['a1'] })])).rejects.toThrow(
      'The version table v_gone_rows no longer lists x0 as expected',
    );
  });
});
