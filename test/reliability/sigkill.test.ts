/**
 * A run killed with SIGKILL at a random point of a long upgrade can simply be run again: the
 * second `upgrade head` succeeds and leaves every revision applied exactly once, with the
 * version table and checksums right. PostgreSQL rolls the interrupted revision back when the
 * session ends; SQLite, whose run is one write transaction, rolls the whole run back from its
 * journal. MySQL commits each DDL statement
 * at once, so there the revisions are written idempotently (`if not exists`), as a revision
 * must be to survive a kill on MySQL (docs/reliability.md).
 *
 * 5 kills per dialect by default; SCHEMIGRATE_RELIABILITY_TRIALS=<n> runs more.
 */
import { spawnCli } from '../helpers/cli.js';
import { forEachDialect } from '../helpers/databases.js';
import { lineProject, readState, stateAt, trials } from './fixture.js';

const KILLS = trials(5);
const REVISIONS = 10;
const PAUSE_MS = 60;

/** A small seeded generator (mulberry32), so a failing kill schedule can be replayed. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

forEachDialect(({ dialect, database }) => {
  test(`${KILLS} upgrades killed at random points converge when run again`, async () => {
    const project = lineProject(database(), { revisions: REVISIONS, pauseMs: PAUSE_MS, idempotent: dialect === 'mysql' });
    const random = randomFrom(Number(process.env.SCHEMIGRATE_RELIABILITY_SEED ?? 7));
    const upgrade = () => spawnCli(project.dir, {}, 'upgrade', 'head').done;
    try {
      const stoppedAt: { readonly reported: number; readonly committed: number }[] = [];
      for (let kill = 0; kill < KILLS; kill++) {
        // Kill after a random number of revisions have reported success, a random part of the
        // way into the next one (its table created, its pause, its log row, its bookkeeping).
        const afterSteps = Math.floor(random() * REVISIONS);
        const extraMs = random() * PAUSE_MS * 1.5;
        const run = spawnCli(project.dir, {}, 'upgrade', 'head');
        let reported = 0;
        const killLater = () => setTimeout(() => run.child.kill('SIGKILL'), extraMs);
        if (afterSteps === 0) killLater();
        run.child.stdout!.on('data', (chunk: Buffer | string) => {
          const before = reported;
          reported += String(chunk).split('\n').filter((line) => line.startsWith('Running upgrade')).length;
          if (before < afterSteps && reported >= afterSteps) killLater();
        });
        const killed = await run.done;
        const after = await readState(database(), REVISIONS);
        const committed = after.versions.length === 0 ? 0 : Number.parseInt(after.versions[0]!, 16) - 0xa00000000000;
        if (killed.signal === 'SIGKILL') stoppedAt.push({ reported, committed });

        const again = await upgrade();
        expect(again.stderr).toBe('');
        expect(again.status).toBe(0);
        const state = await readState(database(), REVISIONS);
        const expected = stateAt(REVISIONS);
        if (dialect === 'mysql') {
          // A kill between the version-table update and the checksum insert (two autocommitted
          // statements) leaves that one revision without a checksum, which is never reported.
          expect(expected.checksums.filter((id) => !state.checksums.includes(id)).length).toBeLessThanOrEqual(1);
          expect({ ...state, checksums: expected.checksums }).toEqual(expected);
        } else {
          expect(state).toEqual(expected);
        }
        expect((await spawnCli(project.dir, {}, 'downgrade', 'base').done).status).toBe(0);
        expect(await readState(database(), REVISIONS)).toEqual(stateAt(0));
      }
      const midway = stoppedAt.filter(({ committed }) => committed > 0 && committed < REVISIONS).length;
      console.info(
        `reliability: ${dialect}: ${KILLS} upgrades of ${REVISIONS} revisions, ${stoppedAt.length} killed before finishing, ` +
          `${midway} of them with part of the revisions committed; (revisions reported, committed) at the kill: ` +
          `${stoppedAt.map(({ reported, committed }) => `(${reported}, ${committed})`).join(' ')}; every run converged`,
      );
    } finally {
      project.remove();
    }
  }, 60_000 * KILLS);
});
