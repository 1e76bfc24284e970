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
 *   autogenerate + upgrade in one command, on a fresh database (the tools that have one)
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
 * One run of one side of a workload, added to `row` (`{ runs: [] }`): `processes` are timed
 * together (wall and CPU summed, peak the largest). A run that fails, times out, or whose
 * output misses `expect` or shows `reject` ends the side (`row.error`, `row.timedOut`).
 */
async function measureRun(row, processes, { timeoutMs, log, label }) {
  const run = { ms: 0, cpuMs: 0, peakMiB: 0 };
  for (const { args, cwd, env, program, expect, reject } of processes) {
    const measured = await measure(args, { cwd, env, program, timeoutMs });
    if (measured.timedOut) {
      row.timedOut = true;
      log(`  ${label}: > ${timeoutMs / 1000} s (stopped)`);
      return;
    }
    const output = measured.stdout + measured.stderr;
    if (measured.exitCode !== 0 || (expect && !expect.test(output)) || reject?.test(output)) {
      // Without the spinners' escape codes and carriage returns, the error is a line of its own.
      const lines = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').split(/[\r\n]+/).map((line) => line.trim()).filter(Boolean);
      const message = lines.find((line) => /error|detected/i.test(line)) ?? lines.slice(0, 3).join(' ');
      row.error = `exit ${measured.exitCode}${measured.exitCode === 0 ? ', unexpected output' : ''}: ${message.slice(0, 300)}`;
      log(`  ${label} FAILED: ${row.error}`);
      return;
    }
    run.ms += measured.ms;
    run.cpuMs += measured.cpuMs;
    run.peakMiB = Math.max(run.peakMiB, measured.peakMiB);
  }
  row.runs.push(run);
}

/**
 * What the workloads of one dialect and size share: fresh databases (all dropped by `close`),
 * and `workload`, which measures each tool's side of one row (and its floor, when given) and
 * appends the row (`{ dialect, n, workload, tools: { name: measured }, floor? }`) to `rows`.
 * The sides take turns, one run each per round, so that a server that speeds up or slows down
 * during the row (its disk writes, the databases piling up) weighs on every side alike.
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
    /**
     * `floor` (`{ revisionFiles, revisionId, script }`): the revisions' DDL as one script, on a
     * fresh database each run. When later workloads build on this one (`prerequisite`), a tool
     * that failed or timed out here is left out of them.
     */
    async workload(tools, name, step, { prerequisite = false, floor } = {}) {
      const row = { dialect, n, workload: name, tools: {} };
      rows.push(row);
      const sides = [];
      for (const tool of tools) {
        if (tool.failed) row.tools[tool.name] = { runs: [], skipped: true };
        else sides.push({ label: `${tool.name} ${name}`, result: (row.tools[tool.name] = { runs: [] }), step: () => step(tool), tool });
      }
      if (floor) {
        await writeFloorScript(dialect, floor.revisionFiles, floor.revisionId, floor.script);
        row.floor = { runs: [] };
        sides.push({ label: 'floor', result: row.floor, step: async () => [{ args: [FLOOR, dialect, (await fresh()).url, floor.script], cwd: dirname(floor.script) }] });
      }
      for (let i = 0; i < runs; i++) {
        for (const side of sides) {
          if (side.result.error || side.result.timedOut) continue;
          await measureRun(side.result, await side.step(), options(side.label));
        }
      }
      for (const side of sides) {
        if (side.tool && prerequisite && (side.result.error || side.result.timedOut)) side.tool.failed = true;
        if (side.result.runs.length === runs) log(`  ${options(side.label).label}: median ${(summarize(side.result.runs.map((run) => run.ms)).median / 1000).toFixed(3)} s`);
      }
      return row;
    },
    async close() {
      for (const database of databases) await database.drop();
    },
  };
}

/** The five schema workloads on one dialect at N tables. */
async function compareAt(dialect, n, { python, ...shared }) {
  const base = scratchDir(`peers-${dialect}-${n}`);
  const { fresh, workload, close } = session(dialect, n, shared);
  const tools = [
    schemigrateTool(join(base, 'schemigrate'), { tables: n, dialect }),
    drizzleTool(join(base, 'drizzle'), { tables: n, dialect }),
    ...(python ? [alembicTool(join(base, 'alembic'), { tables: n, dialect, python })] : []),
  ];
  const [schemigrate] = tools;
  try {
    // An empty database per tool: the tools take turns, and what one leaves (Alembic its version table) is not another's to see.
    const empty = new Map();
    await workload(tools, 'autogenerate against an empty database', async (tool) => {
      if (!empty.has(tool)) empty.set(tool, await fresh());
      return tool.autogenerate(empty.get(tool));
    }, { prerequisite: true });
    const applied = new Map();
    const floor = schemigrate.failed ? undefined : { revisionFiles: schemigrate.revisionFile(), revisionId: schemigrate.revisionId, script: join(base, 'floor.sql') };
    await workload(tools, 'apply the initial revision', async (tool) => {
      applied.set(tool, await fresh());
      return tool.apply(applied.get(tool));
    }, { prerequisite: true, floor });
    await workload(tools, 'no-op check', (tool) => tool.check(applied.get(tool)));
    // It starts from nothing: every tool runs it, whatever failed before.
    for (const tool of tools) tool.failed = false;
    await workload(tools, 'autogenerate + upgrade on a fresh database', async (tool) => tool.autogenerateAndUpgrade(await fresh()));
    // Alembic has no such command.
    const atOnce = tools.filter((tool) => tool.autogenerateAndUpgradeAtOnce);
    await workload(atOnce, 'autogenerate + upgrade in one command, on a fresh database', async (tool) => tool.autogenerateAndUpgradeAtOnce(await fresh()));
  } finally {
    await close();
    rmSync(base, { recursive: true, force: true });
  }
}

/** A history of `count` small migrations, applied to a fresh database by each tool, and its floor. */
async function compareHistory(dialect, count, { python, ...shared }) {
  const base = scratchDir(`peers-${dialect}-history-${count}`);
  const { fresh, workload, close } = session(dialect, count, shared);
  try {
    const { tools, floor: revisions } = historyTools(base, { count, dialect, python });
    await workload(tools, `apply ${count} small revisions`, async (tool) => tool.apply(await fresh()), { floor: { ...revisions, script: join(base, 'floor.sql') } });
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
