/**
 * `lockMode: 'table'` on every dialect, without a proxy: concurrent runs apply each revision
 * once, a crashed holder's expired lease is taken over, a live holder makes a run wait and time
 * out, and a run whose revisions outlast the lease keeps it by renewing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseDatabaseUrl } from '../../src/config/url.js';
import { getDialect } from '../../src/dialects/registry.js';
import { withTableLock } from '../../src/runtime/table-lock.js';
import { spawnCli, type Run } from '../helpers/cli.js';
import { forEachDialect, type TestDatabase } from '../helpers/databases.js';
import { withDatabase } from '../helpers/project.js';
import { lineProject, readState, stateAt } from './fixture.js';

const LOCK_TABLE = 'schemigrate_version_lock';

function tableLockProject(database: TestDatabase, revisions: number, pauseMs: number) {
  const project = lineProject(database, { revisions, pauseMs, idempotent: false });
  const config = join(project.dir, 'schemigrate.config.ts');
  writeFileSync(config, readFileSync(config, 'utf8').replace('export default {', "export default { lockMode: 'table',"));
  return project;
}

async function race(dir: string, count: number, env: Record<string, string>, ...args: string[]): Promise<Run[]> {
  return Promise.all(Array.from({ length: count }, () => spawnCli(dir, { SCHEMIGRATE_LOCK_TIMEOUT: '120', ...env }, ...args).done));
}

function expectAllSucceeded(runs: readonly Run[]): void {
  expect(runs.filter((run) => run.status !== 0).map((run) => run.stderr)).toEqual([]);
}

/** Put the lock row in the hands of `owner` until `expiresAt` (ms since 1970). */
async function holdRow(database: TestDatabase, dir: string, owner: string, expiresAt: number): Promise<void> {
  await withDatabase(database.url, dir, (db) => db.updateTable(LOCK_TABLE).set({ owner, acquired_at: Date.now(), expires_at: expiresAt }).where('id', '=', 1).execute());
}

async function lockRow(database: TestDatabase, dir: string): Promise<Record<string, unknown>> {
  return withDatabase(database.url, dir, (db) => db.selectFrom(LOCK_TABLE).selectAll().executeTakeFirstOrThrow());
}

forEachDialect(({ database }) => {
  test('a run whose row was taken over while it worked fails with LOCK_LOST after its work, and leaves the new holder alone', async () => {
    const url = parseDatabaseUrl(database().url, process.cwd());
    const db = await (await getDialect(url.dialect)).connect(url);
    const previous = process.env.SCHEMIGRATE_LOCK_LEASE;
    process.env.SCHEMIGRATE_LOCK_LEASE = '0.3';
    try {
      let worked = false;
      const run = withTableLock(db, 'lost_version', async (conn) => {
        // Another run takes the row over, as if this one had stalled past its lease (through the
        // run's own connection: SQLite's pool has only that one).
        await conn.updateTable('lost_version_lock').set({ owner: 'successor:1:beef', expires_at: Date.now() + 60_000 }).where('id', '=', 1).execute();
        await sleep(400); // more than a renewal period (a third of the lease)
        worked = true;
      });
      await expect(run).rejects.toMatchObject({ code: 'LOCK_LOST', message: expect.stringMatching(/^This run lost the migration lock in lost_version_lock: its lease \(0\.3 s\) ran out/) });
      expect(worked).toBe(true);
      expect(await db.selectFrom('lost_version_lock').select('owner').executeTakeFirstOrThrow()).toEqual({ owner: 'successor:1:beef' });
    } finally {
      if (previous === undefined) delete process.env.SCHEMIGRATE_LOCK_LEASE;
      else process.env.SCHEMIGRATE_LOCK_LEASE = previous;
      await db.destroy();
    }
  }, 30_000);

  test('6 concurrent upgrade head, then downgrade base: each revision exactly once, the row given back', async () => {
    const project = tableLockProject(database(), 4, 20);
    try {
      expectAllSucceeded(await race(project.dir, 6, {}, 'upgrade', 'head'));
      expect(await readState(database(), 4)).toEqual(stateAt(4));
      expectAllSucceeded(await race(project.dir, 6, {}, 'downgrade', 'base'));
      expect(await readState(database(), 4)).toEqual(stateAt(0));
      expect(await lockRow(database(), project.dir)).toMatchObject({ owner: null });
    } finally {
      await project.remove();
    }
  }, 90_000);

  test("a live holder's row makes a run time out naming the holder; a crashed holder's expired lease is taken over", async () => {
    const project = tableLockProject(database(), 2, 0);
    try {
      // `stamp base` creates the bookkeeping tables and the lock row, and changes nothing else.
      expect((await spawnCli(project.dir, {}, 'stamp', 'base').done).status).toBe(0);
      await holdRow(database(), project.dir, 'other-host:4242:abcd', Date.now() + 60_000);
      const waited = await spawnCli(project.dir, { SCHEMIGRATE_LOCK_TIMEOUT: '1' }, 'upgrade', 'head').done;
      expect(waited.stderr).toMatch(
        /^error: Another schemigrate run has held the migration lock for over 1 s \(lock row in schemigrate_version_lock, held by other-host:4242:abcd, lease until \d{4}-\d\d-\d\dT[\d:.]+Z\)\. Wait for it to finish, or raise SCHEMIGRATE_LOCK_TIMEOUT \(seconds\)\.\n$/,
      );
      expect(waited.status).toBe(1);
      expect(await readState(database(), 2)).toEqual(stateAt(0));

      await holdRow(database(), project.dir, 'crashed-host:1:dead', Date.now() - 1000);
      const successor = await spawnCli(project.dir, { SCHEMIGRATE_LOCK_TIMEOUT: '5' }, 'upgrade', 'head').done;
      expect(successor.stderr).toBe('');
      expect(successor.status).toBe(0);
      expect(await readState(database(), 2)).toEqual(stateAt(2));
      expect(await lockRow(database(), project.dir)).toMatchObject({ owner: null });
      expect((await spawnCli(project.dir, {}, 'downgrade', 'base').done).status).toBe(0);
    } finally {
      await project.remove();
    }
  }, 60_000);

  test('revisions that outlast the lease keep it by renewing: 3 runs with a 1 s lease and 1.5 s revisions, each revision once', async () => {
    const project = tableLockProject(database(), 2, 1500);
    try {
      const runs = await race(project.dir, 3, { SCHEMIGRATE_LOCK_LEASE: '1' }, 'upgrade', 'head');
      expectAllSucceeded(runs);
      expect(runs.flatMap((run) => run.stdout.split('\n').filter((line) => line.startsWith('Running upgrade')))).toHaveLength(2);
      expect(await readState(database(), 2)).toEqual(stateAt(2));
    } finally {
      await project.remove();
    }
  }, 60_000);
});
