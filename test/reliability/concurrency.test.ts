/**
 * SPEC §9: concurrent `upgrade`, `downgrade` and `stamp` runs against one database are
 * serialised, so every revision is applied exactly once however many processes start. Each
 * trial starts 8 copies of the built CLI at once and then reads the database.
 *
 * 5 trials per dialect by default; SCHEMIGRATE_RELIABILITY_TRIALS=<n> runs more.
 */
import { parseDatabaseUrl } from '../../src/config/url.js';
import { getDialect } from '../../src/dialects/registry.js';
import { spawnCli, type Run } from '../helpers/cli.js';
import { signal } from '../helpers/concurrency.js';
import { forEachDialect } from '../helpers/databases.js';
import { lineProject, readState, stateAt, trials } from './fixture.js';

const PROCESSES = 8;
const TRIALS = trials(5);
const REVISIONS = 6;
/** Generous: eight processes on two cores wait for each other's whole run. */
const CHILD_ENV = { SCHEMIGRATE_LOCK_TIMEOUT: '300' };

/** Start `PROCESSES` runs of `schemigrate <args>` at once and wait for all of them. */
async function race(dir: string, ...args: string[]): Promise<Run[]> {
  const runs = Array.from({ length: PROCESSES }, () => spawnCli(dir, CHILD_ENV, ...args));
  return Promise.all(runs.map((run) => run.done));
}

/** Every run succeeded (showing the failures' stderr otherwise). */
function expectAllSucceeded(runs: readonly Run[]): void {
  expect(runs.filter((run) => run.status !== 0).map((run) => run.stderr)).toEqual([]);
}

function stepLines(runs: readonly Run[], verb: 'upgrade' | 'downgrade'): number {
  return runs.reduce((sum, run) => sum + run.stdout.split('\n').filter((line) => line.startsWith(`Running ${verb} `)).length, 0);
}

forEachDialect(({ dialect, database }) => {
  test(`${PROCESSES} processes x ${TRIALS} trials: upgrade head, then downgrade base, each revision exactly once`, async () => {
    const project = lineProject(database(), { revisions: REVISIONS, pauseMs: 20, idempotent: false });
    try {
      for (let trial = 0; trial < TRIALS; trial++) {
        const ups = await race(project.dir, 'upgrade', 'head');
        expectAllSucceeded(ups);
        expect(stepLines(ups, 'upgrade')).toBe(REVISIONS);
        expect(await readState(database(), REVISIONS)).toEqual(stateAt(REVISIONS));

        const downs = await race(project.dir, 'downgrade', 'base');
        expectAllSucceeded(downs);
        expect(stepLines(downs, 'downgrade')).toBe(REVISIONS);
        expect(await readState(database(), REVISIONS)).toEqual(stateAt(0));
      }
      console.info(`reliability: ${dialect}: ${PROCESSES} processes x ${TRIALS} trials of upgrade head and of downgrade base, all exactly once`);
    } finally {
      project.remove();
    }
  }, 120_000 * TRIALS);

  test(`${PROCESSES} processes stamping head at once record it once and run nothing`, async () => {
    const project = lineProject(database(), { revisions: REVISIONS, pauseMs: 0, idempotent: false });
    try {
      const stamps = await race(project.dir, 'stamp', 'head');
      expectAllSucceeded(stamps);
      // One run recorded the head; the others found it recorded already.
      expect(stamps.filter((run) => run.stdout.includes('recorded a00000000006')).length).toBe(1);
      expect(await readState(database(), REVISIONS)).toEqual({ ...stateAt(REVISIONS), ran: undefined, tables: [] });

      expectAllSucceeded(await race(project.dir, 'stamp', 'base'));
      expect(await readState(database(), REVISIONS)).toEqual(stateAt(0));
    } finally {
      project.remove();
    }
  }, 120_000);

  test('a run that cannot get the lock within SCHEMIGRATE_LOCK_TIMEOUT stops with a clear message and changes nothing', async () => {
    const project = lineProject(database(), { revisions: 2, pauseMs: 0, idempotent: false });
    const dialectOf = await getDialect(database().dialect);
    const db = await dialectOf.connect(parseDatabaseUrl(database().url, project.dir));
    const held = signal();
    const release = signal();
    const holder = dialectOf.withLock(db, async () => {
      held.fire();
      await release.promise;
    });
    try {
      await held.promise;
      const started = Date.now();
      const run = await spawnCli(project.dir, { SCHEMIGRATE_LOCK_TIMEOUT: '1' }, 'upgrade', 'head').done;
      expect(run.stderr).toMatch(/^error: Another schemigrate run has held the migration lock for over 1 s \((PostgreSQL advisory lock \d+|MySQL GET_LOCK 'schemigrate:\w+'|SQLite write lock)\)\. Wait for it to finish, or raise SCHEMIGRATE_LOCK_TIMEOUT \(seconds\)\.\n$/);
      expect(run.status).toBe(1);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      release.fire();
      await holder;
      await db.destroy();
    }
    expect(await readState(database(), 2)).toEqual(stateAt(0));
    project.remove();
  }, 60_000);
});
