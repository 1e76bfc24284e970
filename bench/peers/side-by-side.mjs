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
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '../databases.mjs';
import { scratchDir } from '../generate.mjs';
import { writeFloorScript } from '../floor.mjs';
import { measure, summarize } from '../measure.mjs';
import { alembicTool, drizzleTool, schemigrateTool } from './tools.mjs';

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

/** Every workload on one dialect at N tables; appends `{ dialect, n, workload, tools: { name: row }, floor? }` rows. */
async function compareAt(dialect, n, { runs, timeoutMs, log, python, rows }) {
  const base = scratchDir(`peers-${dialect}-${n}`);
  const databases = [];
  const fresh = async () => {
    const database = await createDatabase(dialect);
    databases.push(database);
    return database;
  };
  const tools = [
    schemigrateTool(join(base, 'schemigrate'), { tables: n, dialect }),
    drizzleTool(join(base, 'drizzle'), { tables: n, dialect }),
    ...(python ? [alembicTool(join(base, 'alembic'), { tables: n, dialect, python })] : []),
  ];
  const [schemigrate] = tools;
  /**
   * Each tool's side of one workload. When later workloads build on this one (`prerequisite`),
   * a tool that failed or timed out here is left out of them.
   */
  const workload = async (name, step, { prerequisite = false } = {}) => {
    const row = { dialect, n, workload: name, tools: {} };
    rows.push(row);
    for (const tool of tools) {
      if (tool.failed) {
        row.tools[tool.name] = { runs: [], skipped: true };
        continue;
      }
      const measured = await measureRuns(runs, () => step(tool), { timeoutMs, log, label: `${dialect} N=${n} ${tool.name} ${name}` });
      row.tools[tool.name] = measured;
      if (prerequisite && (measured.error || measured.timedOut)) tool.failed = true;
    }
    return row;
  };
  try {
    const empty = await fresh();
    await workload('autogenerate against an empty database', (tool) => tool.autogenerate(empty), { prerequisite: true });
    const applied = new Map();
    const apply = await workload('apply the initial revision', async (tool) => {
      applied.set(tool, await fresh());
      return tool.apply(applied.get(tool));
    }, { prerequisite: true });
    if (!schemigrate.failed) {
      const script = join(base, 'floor.sql');
      await writeFloorScript(dialect, schemigrate.revisionFile(), schemigrate.revisionId, script);
      apply.floor = await measureRuns(runs, async () => [{ args: [FLOOR, dialect, (await fresh()).url, script], cwd: base }], { timeoutMs, log, label: `${dialect} N=${n} floor` });
    }
    await workload('no-op check', (tool) => tool.check(applied.get(tool)));
    // It starts from nothing: every tool runs it, whatever failed before.
    for (const tool of tools) tool.failed = false;
    await workload('autogenerate + upgrade on a fresh database', async (tool) => tool.autogenerateAndUpgrade(await fresh()));
  } finally {
    for (const database of databases) await database.drop();
    rmSync(base, { recursive: true, force: true });
  }
}

/**
 * Run every workload for each dialect and size; resolves to the rows for `formatPeersReport`.
 * `python` is the interpreter that has Alembic, or undefined to leave Alembic out.
 *
 * @example
 * const rows = await compareWithPeers({ dialects: ['postgres'], tables: [100], runs: 3, timeoutMs: 300_000, python: undefined, log: console.error });
 */
export async function compareWithPeers({ dialects, tables, runs, timeoutMs, python, log }) {
  const rows = [];
  for (const dialect of dialects) {
    for (const n of tables) await compareAt(dialect, n, { runs, timeoutMs, log, python, rows });
  }
  return rows;
}
