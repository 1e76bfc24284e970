/**
 * `npm run bench`: the workloads of issue 8, driven through the built CLI as a child process,
 * in generated projects, against real databases.
 *
 *   node bench/run.mjs [--smoke] [--large] [--tables 100,1000] [--runs K] [--dialects sqlite,postgres,mysql] [--workloads cli,query-types] [--json out.json]
 *
 * --smoke   tiny sizes, one run each: proves the benchmark still works (for CI)
 * --large   adds N=5,000 tables (slow on a small machine) and prints the 1,000 → 5,000 ratio
 * --tables  the schema sizes to run, instead of the plan's
 * --runs    runs per workload (default 3; cheap workloads run twice as often)
 * --dialects  which databases (default: sqlite,postgres, plus mysql when its dialect exists; none: no database)
 * --workloads which groups (default all): cli (the CLI against databases), cold (only its
 *           autogenerate + upgrade with nothing cached, which cli includes), query-types
 *           (`tsc --noEmit` of a project typed by `Database<typeof schema>` vs hand-written types),
 *           stall (online mode's write stall on PostgreSQL, bench/write-stall.mjs), fleet
 *           (`--all-targets` over 1,000 SQLite files and 200 PostgreSQL schemas; smoke: 10 and 5),
 *           upgrade-history (only the schema workloads with their floor, and the 100-revision history)
 * --peers   instead of the workloads: schemigrate side by side with drizzle-kit (and Alembic when
 *           the system's Python has it) on the same schema (bench/peers/; installs its own npm
 *           dependencies on first use). `--peer-timeout` seconds (default 300) stops a run that takes longer
 */
import { readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDatabase, isUsable, serverVersion } from './databases.mjs';
import { scratchDir, writeHistory, writeProject } from './generate.mjs';
import { writeFloorScript } from './floor.mjs';
import { COMPILERS, writeQueryTypesProject } from './query-types.mjs';
import { FLEET_REVISIONS, writeFleetProject } from './fleet.mjs';
import { fillTables, measureWriteStall, prepareRevision } from './write-stall.mjs';
import { parseDatabaseUrl } from '../dist/config/url.js';
import { getDialect } from '../dist/dialects/registry.js';
import { renderRevisionFile } from '../dist/render/revision-file.js';
import { loadRevisionModule } from '../dist/runtime/load-revision.js';
import { measure, summarize } from './measure.mjs';
import { machineDescription } from './machine.mjs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SETTLE_MS } from '../dist/revisions/header-cache.js';
import { runPeers } from './peers/run-peers.mjs';

const CLI = fileURLToPath(new URL('../bin/schemigrate.js', import.meta.url));
const FLOOR = fileURLToPath(new URL('./floor.mjs', import.meta.url));
const REVISION_ID = 'a00000000001';

const { values: flags } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    large: { type: 'boolean', default: false },
    tables: { type: 'string' },
    runs: { type: 'string' },
    dialects: { type: 'string' },
    workloads: { type: 'string', default: 'cli,query-types,stall,fleet' },
    json: { type: 'string' },
    peers: { type: 'boolean', default: false },
    'peer-timeout': { type: 'string', default: '300' },
  },
});

const plan = flags.smoke
  ? { tables: [20], runs: 1, cheapRuns: 1, upgradeHistory: 10, history: 200, fleet: { sqlite: 10, schemas: 5 } }
  : { tables: flags.large ? [100, 1000, 5000] : [100, 1000], runs: 3, cheapRuns: 6, upgradeHistory: 100, history: 5000, fleet: { sqlite: 1000, schemas: 200 } };
if (flags.tables) plan.tables = flags.tables.split(',').map(Number);
if (flags.runs) {
  plan.runs = Number(flags.runs);
  plan.cheapRuns = 2 * plan.runs;
}

/** Every measured row: { dialect, workload, n, runs: [...], statements, catalog, error? }. */
const results = [];
/** The write-stall rows: { mode, blocked, rows, longestWriteMs, writes, applyMs }. */
const stalls = [];

function log(message) {
  process.stderr.write(`${message}\n`);
}

/** Measure `runs` times; `prepare` runs before each (not timed) and returns the CLI args. */
async function repeat(row, runs, prepare, { cwd, count = true, expectExit = 0, after } = {}) {
  const entry = { ...row, runs: [] };
  results.push(entry);
  for (let i = 0; i < runs; i++) {
    const nodeArgs = await prepare(i);
    const run = await measure(nodeArgs, { cwd, count });
    if (after) await after(i);
    if (run.exitCode !== expectExit) {
      const message = (run.stderr || run.stdout).trim().split('\n').slice(0, 3).join(' ');
      entry.error = `exit ${run.exitCode}: ${message.length > 300 ? `${message.slice(0, 300)}…` : message}`;
      log(`  ${row.workload} N=${row.n ?? ''} FAILED: ${entry.error}`);
      return entry;
    }
    entry.runs.push(run);
  }
  entry.statements = entry.runs.at(-1)?.statements;
  entry.catalog = entry.runs.at(-1)?.catalog;
  const { median } = summarize(entry.runs.map((run) => run.ms));
  log(`  ${row.dialect ?? ''} ${row.workload} ${row.n ?? ''}: median ${(median / 1000).toFixed(3)} s`);
  return entry;
}

/**
 * The path a user takes after each schema change, from nothing cached: `revision --autogenerate`
 * then `upgrade head` on a fresh database, with jiti's transform cache emptied before each run
 * (it lives in the temporary folder, so each run gets its own). One row; a run's time and CPU
 * are the two commands' sum, its peak memory the larger of the two.
 */
async function coldAutogenerateUpgrade(dialect, n) {
  const dir = scratchDir(`cold-${dialect}-${n}`);
  writeProject(dir, { tables: n, url: 'sqlite:./unused.sqlite3', dialect });
  const cli = (url, ...args) => [CLI, '--url', url, ...args];
  const entry = { dialect, workload: 'cold: revision --autogenerate + upgrade head (fresh db, nothing cached)', n, runs: [] };
  results.push(entry);
  for (let i = 0; i < plan.runs; i++) {
    emptyVersions(dir);
    const database = await createDatabase(dialect);
    const cacheDir = scratchDir('jiti-cache');
    try {
      const env = { TMPDIR: cacheDir };
      const autogenerate = await measure(cli(database.url, 'revision', '-m', 'init', '--autogenerate', '--rev-id', REVISION_ID), { cwd: dir, env });
      const upgrade = autogenerate.exitCode === 0 ? await measure(cli(database.url, 'upgrade', 'head'), { cwd: dir, env }) : autogenerate;
      if (upgrade.exitCode !== 0) {
        entry.error = `exit ${upgrade.exitCode}: ${(upgrade.stderr || upgrade.stdout).trim().split('\n')[0].slice(0, 300)}`;
        log(`  ${entry.workload} N=${n} FAILED: ${entry.error}`);
        return;
      }
      entry.runs.push({ ms: autogenerate.ms + upgrade.ms, cpuMs: autogenerate.cpuMs + upgrade.cpuMs, peakMiB: Math.max(autogenerate.peakMiB, upgrade.peakMiB) });
    } finally {
      await database.drop();
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  rmSync(dir, { recursive: true, force: true });
  log(`  ${dialect} ${entry.workload} ${n}: median ${(summarize(entry.runs.map((run) => run.ms)).median / 1000).toFixed(3)} s`);
}

function emptyVersions(dir) {
  const versions = join(dir, 'migrations', 'versions');
  for (const file of readdirSync(versions)) rmSync(join(versions, file));
}

/** autogenerate, upgrade head, the floor, and check, for N tables on one dialect. */
async function schemaWorkloads(dialect, n) {
  const dir = scratchDir(`${dialect}-${n}`);
  writeProject(dir, { tables: n, url: 'sqlite:./unused.sqlite3', dialect });
  const empty = await createDatabase(dialect);
  const cli = (url, ...args) => [CLI, '--url', url, ...args];
  try {
    // Proving the new revision in a throwaway database (its goal: under 2× plain autogenerate at N=100).
    if (n <= 100) {
      await repeat({ dialect, workload: 'revision --autogenerate --verify (empty db)', n }, plan.runs, () => {
        emptyVersions(dir);
        return cli(empty.url, 'revision', '-m', 'init', '--autogenerate', '--verify', '--rev-id', REVISION_ID);
      }, { cwd: dir });
    }
    const autogenerate = await repeat({ dialect, workload: 'revision --autogenerate (empty db)', n }, plan.runs, () => {
      emptyVersions(dir);
      return cli(empty.url, 'revision', '-m', 'init', '--autogenerate', '--rev-id', REVISION_ID);
    }, { cwd: dir });
    if (autogenerate.error) return;
  } finally {
    await empty.drop();
  }
  const [revisionFile] = readdirSync(join(dir, 'migrations', 'versions'));
  const databases = [];
  try {
    const upgrade = await repeat({ dialect, workload: 'upgrade head (initial revision)', n }, plan.runs, async () => {
      const database = await createDatabase(dialect);
      databases.push(database);
      return cli(database.url, 'upgrade', 'head');
    }, { cwd: dir });
    if (upgrade.error) return;
    const upToDate = databases.at(-1);
    await repeat({ dialect, workload: 'check (up-to-date db)', n }, plan.runs, () => cli(upToDate.url, 'check'), { cwd: dir });

    const script = join(dir, 'floor.sql');
    const statementCount = await writeFloorScript(dialect, join(dir, 'migrations', 'versions', revisionFile), REVISION_ID, script);
    const floor = await repeat({ dialect, workload: 'floor: same DDL as one script', n }, plan.runs, async () => {
      const database = await createDatabase(dialect);
      databases.push(database);
      return [FLOOR, dialect, database.url, script];
    }, { cwd: dir, count: false });
    floor.statements = statementCount;
    floor.note = `${statementCount} statements in 1 round trip`;
  } finally {
    for (const database of databases) await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** upgrade head of a generated linear history, each run on a fresh database. */
async function historyUpgrade(dialect, count) {
  const dir = scratchDir(`${dialect}-history-${count}`);
  writeProject(dir, { tables: 0, url: 'sqlite:./unused.sqlite3' });
  writeHistory(dir, count);
  const databases = [];
  try {
    await repeat({ dialect, workload: `upgrade head (${count}-revision history)`, n: count }, plan.runs, async () => {
      const database = await createDatabase(dialect);
      databases.push(database);
      return [CLI, '--url', database.url, 'upgrade', 'head'];
    }, { cwd: dir });
  } finally {
    for (const database of databases) await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Online mode against the default under load (issue 17): each mode on a fresh table of `rows`
 * rows, then each behind a transaction that holds a read lock on the table for 2.5 s.
 */
async function writeStallWorkloads(rows) {
  const lib = { getDialect, parseDatabaseUrl, renderRevisionFile, loadRevisionModule };
  const online = { lockTimeoutMs: 300, retries: 8, backoffMs: 100 };
  for (const blockMs of [0, 2500]) {
    for (const mode of ['default', 'online']) {
      const database = await createDatabase('postgres');
      try {
        await fillTables(database.url, blockMs ? Math.min(rows, 100_000) : rows);
        const apply = await prepareRevision(lib, database.url, mode === 'online' ? online : undefined);
        const measured = await measureWriteStall(database.url, apply, { blockMs });
        stalls.push({ mode, rows: blockMs ? Math.min(rows, 100_000) : rows, blockMs, ...measured });
        log(`  postgres write stall, ${mode}${blockMs ? ` behind a ${blockMs} ms transaction` : ''}: longest write ${measured.longestWriteMs.toFixed(0)} ms`);
      } finally {
        await database.drop();
      }
    }
  }
}

/**
 * The fleet: one `upgrade head --all-targets` of N SQLite files and of M PostgreSQL schemas
 * (base → 10 revisions each), then `check --all-targets` and a re-run with nothing to do. One
 * run each: every run needs fresh tenants.
 */
async function fleetWorkloads(dialects) {
  const { sqlite, schemas } = plan.fleet;
  const groups = [{ dialect: 'sqlite', sqlite, schemas: 0 }];
  if (dialects.includes('postgres')) groups.push({ dialect: 'postgres', sqlite: 0, schemas });
  for (const group of groups) {
    const database = group.dialect === 'postgres' ? await createDatabase('postgres') : undefined;
    const dir = writeFleetProject({ sqlite: group.sqlite, schemas: group.schemas, postgresUrl: database?.url });
    const n = group.sqlite + group.schemas;
    const what = group.dialect === 'sqlite' ? `${n} SQLite files` : `${n} schemas of one database`;
    const cli = (...args) => () => [CLI, ...args, '--all-targets', '--concurrency', '8'];
    try {
      const upgrade = await repeat({ dialect: group.dialect, workload: `fleet: upgrade head --all-targets (${what}, ${FLEET_REVISIONS} revisions each)`, n, targets: n }, 1, cli('upgrade', 'head'), { cwd: dir, count: false });
      if (upgrade.error) continue;
      await repeat({ dialect: group.dialect, workload: `fleet: check --all-targets (${what})`, n, targets: n }, 1, cli('check'), { cwd: dir, count: false });
      await repeat({ dialect: group.dialect, workload: `fleet: upgrade head --all-targets again (${what}, nothing to do)`, n, targets: n }, 1, cli('upgrade', 'head'), { cwd: dir, count: false });
    } finally {
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** Start-up, history, and the schema workloads on each dialect. */
async function cliWorkloads(dialects) {
  const scratch = scratchDir('help');
  try {
    // The floor for any CLI: Node starting and exiting with nothing to do.
    await repeat({ dialect: '-', workload: 'node -e 0 (Node start-up alone)' }, plan.cheapRuns, () => ['-e', '0'], { cwd: scratch, count: false });
    await repeat({ dialect: '-', workload: 'cold --help' }, plan.cheapRuns, () => [CLI, '--help'], { cwd: scratch, count: false });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const historyDir = scratchDir('history');
  try {
    writeProject(historyDir, { tables: 0, url: 'sqlite:./unused.sqlite3' });
    writeHistory(historyDir, plan.history);
    // As in a real project, the revision files are older than the header cache's settle time
    // (files changed within it are parsed but not cached, see docs/revision-graph.md).
    await sleep(SETTLE_MS + 100);
    await repeat({ dialect: '-', workload: `history (${plan.history} revisions)`, n: plan.history }, plan.cheapRuns, () => [CLI, 'history'], { cwd: historyDir });
  } finally {
    rmSync(historyDir, { recursive: true, force: true });
  }

  for (const dialect of dialects) {
    for (const n of plan.tables) {
      await coldAutogenerateUpgrade(dialect, n);
      await schemaWorkloads(dialect, n);
    }
    await historyUpgrade(dialect, plan.upgradeHistory);
  }
}

/** The 100-revision history and, for comparison, the schema workloads with their floor. */
async function upgradeHistoryWorkloads(dialects) {
  for (const dialect of dialects) {
    for (const n of plan.tables) await schemaWorkloads(dialect, n);
    await historyUpgrade(dialect, plan.upgradeHistory);
  }
}

/** `tsc --noEmit` of the N-table query-types project, derived types vs hand-written, per compiler. */
async function queryTypes(n) {
  for (const variant of ['derived', 'hand-written']) {
    const dir = scratchDir(`query-types-${variant}-${n}`);
    try {
      const { queries } = writeQueryTypesProject(dir, { tables: n, variant });
      const types = variant === 'derived' ? "Database<typeof schema, 'postgres'>" : 'hand-written interfaces';
      for (const compiler of COMPILERS) {
        const row = await repeat({ dialect: '-', workload: `tsc --noEmit, ${types} (${compiler.name})`, n }, plan.runs, () => [compiler.tsc, '-p', dir], { cwd: dir, count: false });
        row.note = `${queries} queries`;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

async function main() {
  const started = performance.now();
  const groups = flags.workloads.split(',');
  const wanted = !['cli', 'cold', 'upgrade-history', 'stall', 'fleet'].some((group) => groups.includes(group)) ? [] : flags.dialects ? flags.dialects.split(',').filter((dialect) => dialect !== 'none') : ['sqlite', 'postgres', 'mysql'];
  const dialects = [];
  const versions = {};
  for (const dialect of wanted) {
    const { usable, reason } = await isUsable(dialect);
    if (usable) {
      dialects.push(dialect);
      versions[dialect] = await serverVersion(dialect);
    } else log(`*** skipping ${dialect}: ${reason}`);
  }
  log(`bench: ${flags.smoke ? 'smoke' : flags.large ? 'large' : 'default'} plan ${JSON.stringify(plan)} on ${dialects.join(', ')}`);
  if (flags.peers) {
    await runPeers({ dialects, tables: plan.tables, history: plan.upgradeHistory, runs: plan.runs, timeoutMs: Number(flags['peer-timeout']) * 1000, json: flags.json, log });
    return;
  }

  if (groups.includes('cli')) await cliWorkloads(dialects);
  else if (groups.includes('cold')) for (const dialect of dialects) for (const n of plan.tables) await coldAutogenerateUpgrade(dialect, n);
  else if (groups.includes('upgrade-history')) await upgradeHistoryWorkloads(dialects);
  if (groups.includes('query-types')) for (const n of plan.tables) await queryTypes(n);
  if (groups.includes('stall') && dialects.includes('postgres')) await writeStallWorkloads(flags.smoke ? 100_000 : 1_000_000);
  if (groups.includes('fleet')) await fleetWorkloads(dialects);

  const totalSeconds = (performance.now() - started) / 1000;
  const report = formatReport(dialects, totalSeconds);
  process.stdout.write(report);
  if (flags.json) {
    mkdirSync(join(flags.json, '..'), { recursive: true });
    writeFileSync(flags.json, JSON.stringify({ plan, machine: machineDescription(versions), totalSeconds, results: results.map(({ runs, ...row }) => ({ ...row, ms: runs.map((r) => Math.round(r.ms)), cpuMs: runs.map((r) => Math.round(r.cpuMs)), peakMiB: runs.map((r) => Math.round(r.peakMiB)) })) }, null, 2));
  }
  if (results.some((row) => row.error)) process.exitCode = 1;

  function formatReport() {
    const lines = [];
    const seconds = (ms) => (ms / 1000).toFixed(3);
    lines.push('', machineDescription(versions).summary, '');
    lines.push('| dialect | workload | N | runs | median s | min s | max s | CPU s (median) | peak MiB | statements (catalog reads) |');
    lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const row of results) {
      if (row.error) {
        lines.push(`| ${row.dialect} | ${row.workload} | ${row.n ?? ''} | - | FAILED: ${row.error} | | | | | |`);
        continue;
      }
      const time = summarize(row.runs.map((run) => run.ms));
      const cpu = summarize(row.runs.map((run) => run.cpuMs));
      const peak = Math.max(...row.runs.map((run) => run.peakMiB));
      const statements = row.note ?? (row.statements === undefined ? '' : `${row.statements} (${row.catalog})`);
      lines.push(`| ${row.dialect} | ${row.workload} | ${row.n ?? ''} | ${row.runs.length} | ${seconds(time.median)} | ${seconds(time.min)} | ${seconds(time.max)} | ${seconds(cpu.median)} | ${peak.toFixed(0)} | ${statements} |`);
    }
    if (dialects.length > 0) lines.push('', 'Scaling (median time ratio; 10× tables for 100 → 1,000, 5× for 1,000 → 5,000):', '');
    for (const dialect of dialects) {
      for (const workload of ['revision --autogenerate (empty db)', 'check (up-to-date db)', 'upgrade head (initial revision)', 'floor: same DDL as one script']) {
        const median = (n) => {
          const row = results.find((r) => r.dialect === dialect && r.workload === workload && r.n === n && !r.error);
          return row ? summarize(row.runs.map((run) => run.ms)).median : undefined;
        };
        const ratios = [[100, 1000], [1000, 5000]]
          .filter(([from, to]) => median(from) && median(to))
          .map(([from, to]) => `${from} → ${to}: ${(median(to) / median(from)).toFixed(2)}×`);
        if (ratios.length > 0) lines.push(`- ${dialect}, ${workload}: ${ratios.join(', ')}`);
      }
      for (const n of plan.tables) {
        const row = (workload) => results.find((r) => r.dialect === dialect && r.workload === workload && r.n === n && !r.error);
        const [verified, plain] = [row('revision --autogenerate --verify (empty db)'), row('revision --autogenerate (empty db)')];
        if (verified && plain) lines.push(`- ${dialect}, autogenerate --verify ÷ autogenerate at N=${n}: ${(summarize(verified.runs.map((r) => r.ms)).median / summarize(plain.runs.map((r) => r.ms)).median).toFixed(2)}×`);
      }
      const upgrade = results.find((r) => r.dialect === dialect && r.workload === 'upgrade head (initial revision)' && r.n === plan.tables.at(-1) && !r.error);
      const floor = results.find((r) => r.dialect === dialect && r.workload === 'floor: same DDL as one script' && r.n === plan.tables.at(-1) && !r.error);
      if (upgrade && floor) {
        const ratio = summarize(upgrade.runs.map((r) => r.ms)).median / summarize(floor.runs.map((r) => r.ms)).median;
        lines.push(`- ${dialect}, upgrade head ÷ floor at N=${upgrade.n}: ${ratio.toFixed(2)}×`);
      }
    }
    const typeRows = (types, compiler, n) => results.find((r) => r.workload === `tsc --noEmit, ${types} (${compiler.name})` && r.n === n && !r.error);
    const typeRatios = plan.tables.flatMap((n) =>
      COMPILERS.flatMap((compiler) => {
        const derived = typeRows("Database<typeof schema, 'postgres'>", compiler, n);
        const hand = typeRows('hand-written interfaces', compiler, n);
        if (!derived || !hand) return [];
        const ratio = (pick) => (pick(derived) / pick(hand)).toFixed(2);
        const time = (row) => summarize(row.runs.map((run) => run.ms)).median;
        const cpu = (row) => summarize(row.runs.map((run) => run.cpuMs)).median;
        const peak = (row) => Math.max(...row.runs.map((run) => run.peakMiB));
        return [`- ${compiler.name}, N=${n}: time ${ratio(time)}×, CPU ${ratio(cpu)}×, peak memory ${ratio(peak)}×`];
      }),
    );
    if (stalls.length > 0) {
      lines.push('', 'Write stall (PostgreSQL): a writer inserts and updates in a loop while a revision adds an index, a foreign key, a check and a NOT NULL to its table:', '');
      lines.push('| mode | rows | long transaction first | longest write ms | writes | revision ms |');
      lines.push('|---|---:|---|---:|---:|---:|');
      for (const row of stalls) {
        lines.push(`| ${row.mode} | ${row.rows.toLocaleString('en')} | ${row.blockMs ? `${row.blockMs} ms` : 'no'} | ${row.longestWriteMs.toFixed(0)} | ${row.writes} | ${row.applyMs.toFixed(0)} |`);
      }
    }
    const fleet = results.filter((row) => row.targets && !row.error);
    if (fleet.length > 0) {
      lines.push('', 'Fleet (one run each; targets per second and the CLI\'s peak memory):', '');
      for (const row of fleet) lines.push(`- ${row.dialect}, ${row.workload}: ${seconds(row.runs[0].ms)} s, ${(row.targets / (row.runs[0].ms / 1000)).toFixed(1)} targets/s, peak ${row.runs[0].peakMiB.toFixed(0)} MiB`);
    }
    if (typeRatios.length > 0) lines.push('', 'Query types, Database<typeof schema> ÷ hand-written interfaces (goal: within 2×):', '', ...typeRatios);
    lines.push('', `Total benchmark time: ${totalSeconds.toFixed(0)} s`, '');
    return lines.join('\n');
  }
}

await main();
