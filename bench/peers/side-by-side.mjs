/**
 * `npm run bench -- --peers`: schemigrate, drizzle-kit and (when the system's Python has it)
 * Alembic on the same generated N-table schema, in the same run, each tool as a child process
 * under `/usr/bin/time` (wall time, CPU, the kernel's peak RSS), on a fresh database per run
 * where the workload needs one. What each tool runs per workload is in tools.mjs.
 *
 * Workloads, in this order (each leaves what the next one needs):
 *   autogenerate against an empty database
 *   apply the initial revision (plus the floor: bench/floor.mjs, the same DDL as one script
 *     through one connection)
 *   no-op check (on the database the last apply left)
 *   autogenerate + upgrade on a fresh database
 * and, once per dialect, applying a history of small migrations (plus its floor).
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '../databases.mjs';
import { scratchDir } from '../generate.mjs';
import { writeFloorScript } from '../floor.mjs';
import { measure, summarize } from '../measure.mjs';
import { alembicTool, drizzleTool, historyTools, schemigrateTool } from './tools.mjs';

const FLOOR = fileURLToPath(new URL('../floor.mjs', import.meta.url));

/** The dialects the peers run here (drizzle-kit's and Alembic's MySQL would need their own schema variants). */
export const PEER_DIALECTS = ['postgres', 'sqlite'];

/**
 * Measure one tool's side of a workload `runs` times: `step(i)` returns the processes of run i
 * (timed together: wall and CPU summed, peak the largest). A run that fails, times out, or
 * whose output misses `expect` or shows `reject` ends the row.
 */
async function measureRuns(runs, step, { timeoutMs, log, label }) {
  const row = { runs: [] };
  for (let i = 0; i < runs; i++) {
    const processes = await step(i);
    const run = { ms: 0, cpuMs: 0, peakMiB: 0 };
    for (const { args, cwd, env, program, expect, reject } of processes) {
      const measured = await measure(args, { cwd, env, program, timeoutMs });
      if (measured.timedOut) {
        row.timedOut = true;
        log(`  ${label}: > ${timeoutMs / 1000} s (stopped)`);
        return row;
      }
      const output = measured.stdout + measured.stderr;
      if (measured.exitCode !== 0 || (expect && !expect.test(output)) || reject?.test(output)) {
        // Without the spinners' escape codes and carriage returns, the error is a line of its own.
        const lines = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').split(/[\r\n]+/).map((line) => line.trim()).filter(Boolean);
        const message = lines.find((line) => /error|detected/i.test(line)) ?? lines.slice(0, 3).join(' ');
        row.error = `exit ${measured.exitCode}${measured.exitCode === 0 ? ', unexpected output' : ''}: ${message.slice(0, 300)}`;
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

/**
 * What the workloads of one dialect and size share: fresh databases (all dropped by `close`),
 * and `workload`, which measures each tool's side of one row and appends the row
 * (`{ dialect, n, workload, tools: { name: measured }, floor? }`) to `rows`.
 */
function session(dialect, n, { runs, timeoutMs, log, rows }) {
  const databases = [];
  const fresh = async () => {
    const database = await createDatabase(dialect);
    databases.push(database);
    return database;
  };
  const options = (label) => ({ timeoutMs, log, label: `${dialect} N=${n} ${label}` });
  return {
    fresh,
    /** When later workloads build on this one (`prerequisite`), a tool that failed or timed out here is left out of them. */
    async workload(tools, name, step, { prerequisite = false } = {}) {
      const row = { dialect, n, workload: name, tools: {} };
      rows.push(row);
      for (const tool of tools) {
        if (tool.failed) {
          row.tools[tool.name] = { runs: [], skipped: true };
          continue;
        }
        const measured = await measureRuns(runs, () => step(tool), options(`${tool.name} ${name}`));
        row.tools[tool.name] = measured;
        if (prerequisite && (measured.error || measured.timedOut)) tool.failed = true;
      }
      return row;
    },
    /** The floor of `row`: the revisions' DDL as one script, on a fresh database each run. */
    async floor(row, { revisionFiles, revisionId, script }) {
      await writeFloorScript(dialect, revisionFiles, revisionId, script);
      row.floor = await measureRuns(runs, async () => [{ args: [FLOOR, dialect, (await fresh()).url, script], cwd: dirname(script) }], options('floor'));
    },
    async close() {
      for (const database of databases) await database.drop();
    },
  };
}

/** The four schema workloads on one dialect at N tables. */
async function compareAt(dialect, n, { python, ...shared }) {
  const base = scratchDir(`peers-${dialect}-${n}`);
  const { fresh, workload, floor, close } = session(dialect, n, shared);
  const tools = [
    schemigrateTool(join(base, 'schemigrate'), { tables: n, dialect }),
    drizzleTool(join(base, 'drizzle'), { tables: n, dialect }),
    ...(python ? [alembicTool(join(base, 'alembic'), { tables: n, dialect, python })] : []),
  ];
  const [schemigrate] = tools;
  try {
    const empty = await fresh();
    await workload(tools, 'autogenerate against an empty database', (tool) => tool.autogenerate(empty), { prerequisite: true });
    const applied = new Map();
    const apply = await workload(tools, 'apply the initial revision', async (tool) => {
      applied.set(tool, await fresh());
      return tool.apply(applied.get(tool));
    }, { prerequisite: true });
    if (!schemigrate.failed) await floor(apply, { revisionFiles: schemigrate.revisionFile(), revisionId: schemigrate.revisionId, script: join(base, 'floor.sql') });
    await workload(tools, 'no-op check', (tool) => tool.check(applied.get(tool)));
    // It starts from nothing: every tool runs it, whatever failed before.
    for (const tool of tools) tool.failed = false;
    await workload(tools, 'autogenerate + upgrade on a fresh database', async (tool) => tool.autogenerateAndUpgrade(await fresh()));
  } finally {
    await close();
    rmSync(base, { recursive: true, force: true });
  }
}

/** A history of `count` small migrations, applied to a fresh database by each tool, and its floor. */
async function compareHistory(dialect, count, { python, ...shared }) {
  const base = scratchDir(`peers-${dialect}-history-${count}`);
  const { fresh, workload, floor, close } = session(dialect, count, shared);
  try {
    const { tools, floor: revisions } = historyTools(base, { count, dialect, python });
    const row = await workload(tools, `apply ${count} small revisions`, async (tool) => tool.apply(await fresh()));
    await floor(row, { ...revisions, script: join(base, 'floor.sql') });
  } finally {
    await close();
    rmSync(base, { recursive: true, force: true });
  }
}

/**
 * Run the schema workloads for each dialect and size, and the `history` of small migrations
 * for each dialect; resolves to the rows for `formatPeersReport`.
 * `python` is the interpreter that has Alembic, or undefined to leave Alembic out.
 *
 * @example
 * const rows = await compareWithPeers({ dialects: ['postgres'], tables: [100], history: 100, runs: 3, timeoutMs: 300_000, python: undefined, log: console.error });
 */
export async function compareWithPeers({ dialects, tables, history, runs, timeoutMs, python, log }) {
  const rows = [];
  for (const dialect of dialects) {
    for (const n of tables) await compareAt(dialect, n, { runs, timeoutMs, log, python, rows });
    await compareHistory(dialect, history, { runs, timeoutMs, log, python, rows });
  }
  return rows;
}
