/**
 * `npm run bench -- --peers`: schemigrate and drizzle-kit on the same generated N-table schema,
 * in the same run, each tool as a child process under `/usr/bin/time` (wall time, CPU, the
 * kernel's peak RSS), on a fresh database per run where the workload needs one.
 *
 * Workloads, in the order they run (each leaves what the next one needs):
 *   autogenerate   schemigrate `revision --autogenerate` against an empty database vs
 *                  drizzle-kit `generate` (no database)
 *   apply          `upgrade head` of that revision vs drizzle-kit `migrate` of its SQL, plus the
 *                  floor (bench/floor.mjs: the same DDL as one script through one connection)
 *   check          `check` of the database the last `upgrade head` left vs drizzle-kit `push`
 *                  with nothing to change (on the database the last `migrate` left)
 *   autogenerate + upgrade   a new revision (random ID, so its file is new to the loader, as
 *                  after every schema change) and `upgrade head`, vs `push --force`
 */
import { readdirSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '../databases.mjs';
import { scratchDir, writeProject } from '../generate.mjs';
import { writeFloorScript } from '../floor.mjs';
import { measure, summarize } from '../measure.mjs';
import { writeDrizzleProject } from './drizzle-schema.mjs';
import { DRIZZLE_KIT } from './install.mjs';

const CLI = fileURLToPath(new URL('../../bin/schemigrate.js', import.meta.url));
const FLOOR = fileURLToPath(new URL('../floor.mjs', import.meta.url));
const REVISION_ID = 'a00000000001';

/** The dialects drizzle-kit runs here (its MySQL support would need its own schema module). */
export const PEER_DIALECTS = ['postgres', 'sqlite'];

/** drizzle-kit takes a file path where schemigrate takes `sqlite:<path>`. */
function drizzleUrl(url) {
  return url.replace(/^sqlite:/, '');
}

/**
 * Measure one tool's side of a workload `runs` times: `step(i)` returns the list of measured
 * processes of run i (`[{ args, cwd, env, expect }]`, timed together: wall and CPU summed, peak
 * the largest). A run that fails, times out, or whose output does not match `expect` ends the row.
 */
async function measureRuns(runs, step, { timeoutMs, log, label }) {
  const row = { runs: [] };
  for (let i = 0; i < runs; i++) {
    const processes = await step(i);
    const run = { ms: 0, cpuMs: 0, peakMiB: 0 };
    for (const { args, cwd, env, expect } of processes) {
      const measured = await measure(args, { cwd, env, timeoutMs });
      if (measured.timedOut) {
        row.timedOut = true;
        log(`  ${label}: > ${timeoutMs / 1000} s (stopped)`);
        return row;
      }
      if (measured.exitCode !== 0 || (expect && !expect.test(measured.stdout + measured.stderr))) {
        const output = (measured.stderr || measured.stdout).trim().split('\n');
        const message = output.find((line) => /error/i.test(line)) ?? output.slice(0, 3).join(' ');
        row.error = `exit ${measured.exitCode}${measured.exitCode === 0 ? `, output without ${expect}` : ''}: ${message.slice(0, 300)}`;
        log(`  ${label} FAILED: ${row.error}`);
        return row;
      }
      run.ms += measured.ms;
      run.cpuMs += measured.cpuMs;
      run.peakMiB = Math.max(run.peakMiB, measured.peakMiB);
    }
    row.runs.push(run);
  }
  log(`  ${label}: median ${(summarize(row.runs.map((run) => run.ms)).median / 1000).toFixed(3)} s`);
  return row;
}

function emptyFolder(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

/** Every workload on one dialect at N tables; appends `{ dialect, n, workload, schemigrate, drizzle, floor? }` rows. */
async function compareAt(dialect, n, { runs, timeoutMs, log, rows }) {
  const base = scratchDir(`peers-${dialect}-${n}`);
  const sgDir = join(base, 'schemigrate');
  const dzDir = join(base, 'drizzle');
  const versions = join(sgDir, 'migrations', 'versions');
  writeProject(sgDir, { tables: n, url: 'sqlite:./unused.sqlite3', dialect });
  const drizzleConfig = writeDrizzleProject(dzDir, { tables: n, dialect });
  const databases = [];
  const fresh = async () => {
    const database = await createDatabase(dialect);
    databases.push(database);
    return database;
  };
  const sg = (url, ...args) => ({ args: [CLI, '--url', url, ...args], cwd: sgDir });
  const dz = (url, ...args) => ({ args: [DRIZZLE_KIT, ...args, '--config', drizzleConfig], cwd: dzDir, env: { DRIZZLE_DATABASE_URL: drizzleUrl(url ?? '') } });
  const options = (label) => ({ timeoutMs, log, label: `${dialect} N=${n} ${label}` });
  const add = (workload, schemigrate, drizzle, floor) => rows.push({ dialect, n, workload, schemigrate, drizzle, floor });
  try {
    const empty = await fresh();
    const autogenerate = await measureRuns(runs, () => {
      emptyFolder(versions);
      return [sg(empty.url, 'revision', '-m', 'init', '--autogenerate', '--rev-id', REVISION_ID)];
    }, options('schemigrate revision --autogenerate'));
    const generate = await measureRuns(runs, () => {
      emptyFolder(join(dzDir, 'drizzle'));
      return [dz(undefined, 'generate')];
    }, options('drizzle-kit generate'));
    add('autogenerate against an empty database', autogenerate, generate);
    if (autogenerate.error || generate.error) return;

    let upgraded;
    let migrated;
    const upgrade = await measureRuns(runs, async () => {
      upgraded = await fresh();
      return [sg(upgraded.url, 'upgrade', 'head')];
    }, options('schemigrate upgrade head'));
    const migrate = await measureRuns(runs, async () => {
      migrated = await fresh();
      return [dz(migrated.url, 'migrate')];
    }, options('drizzle-kit migrate'));
    const script = join(base, 'floor.sql');
    await writeFloorScript(dialect, join(versions, readdirSync(versions)[0]), REVISION_ID, script);
    const floor = await measureRuns(runs, async () => [{ args: [FLOOR, dialect, (await fresh()).url, script], cwd: base }], options('floor'));
    add('apply the initial revision', upgrade, migrate, floor);

    if (!upgrade.error && !migrate.error && !migrate.timedOut) {
      const check = await measureRuns(runs, () => [sg(upgraded.url, 'check')], options('schemigrate check'));
      const push = await measureRuns(runs, () => [{ ...dz(migrated.url, 'push'), expect: /No changes detected/ }], options('drizzle-kit push (no changes)'));
      add('no-op check', check, push);
    }

    const revisionAndUpgrade = await measureRuns(runs, async () => {
      emptyFolder(versions);
      const database = await fresh();
      return [sg(database.url, 'revision', '-m', 'init', '--autogenerate'), sg(database.url, 'upgrade', 'head')];
    }, options('schemigrate revision --autogenerate + upgrade head'));
    const pushForce = await measureRuns(runs, async () => [dz((await fresh()).url, 'push', '--force')], options('drizzle-kit push --force'));
    add('autogenerate + upgrade on a fresh database', revisionAndUpgrade, pushForce);
  } finally {
    for (const database of databases) await database.drop();
    rmSync(base, { recursive: true, force: true });
  }
}

/**
 * Run every workload for each dialect and size; resolves to the rows for `formatPeersReport`.
 *
 * @example
 * const rows = await compareWithPeers({ dialects: ['postgres'], tables: [100], runs: 3, timeoutMs: 300_000, log: console.error });
 */
export async function compareWithPeers({ dialects, tables, runs, timeoutMs, log }) {
  const rows = [];
  for (const dialect of dialects) {
    for (const n of tables) await compareAt(dialect, n, { runs, timeoutMs, log, rows });
  }
  return rows;
}
