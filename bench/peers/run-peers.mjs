/**
 * The `--peers` mode of bench/run.mjs: install the peers on first use, compare, print the
 * table (and with `json`, write every run's figures there).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { serverVersion } from '../databases.mjs';
import { machineDescription } from '../machine.mjs';
import { findAlembicPython } from './alembic-project.mjs';
import { ensurePeersInstalled } from './install.mjs';
import { formatPeersReport } from './report.mjs';
import { compareWithPeers, PEER_DIALECTS } from './side-by-side.mjs';

/**
 * Run the side-by-side comparison on the `dialects` it supports; sets a failing exit code when
 * a tool fails a workload.
 *
 * @example
 * await runPeers({ dialects: ['postgres'], tables: [100], history: 100, runs: 3, timeoutMs: 300_000, log: console.error });
 */
export async function runPeers({ dialects, tables, history, runs, timeoutMs, json, log }) {
  ensurePeersInstalled(log);
  const started = performance.now();
  const python = findAlembicPython();
  if (!python) log('bench --peers: Alembic skipped (python3 cannot import alembic and sqlalchemy; on Debian: apt-get install python3-alembic python3-psycopg2)');
  const compared = dialects.filter((dialect) => PEER_DIALECTS.includes(dialect));
  const rows = await compareWithPeers({ dialects: compared, tables, history, runs, timeoutMs, python, log });
  const machine = machineDescription(Object.fromEntries(await Promise.all(compared.map(async (dialect) => [dialect, await serverVersion(dialect)]))));
  const totalSeconds = (performance.now() - started) / 1000;
  process.stdout.write(`\n${machine.summary}\n${formatPeersReport(rows, { timeoutMs, runs })}\nTotal benchmark time: ${totalSeconds.toFixed(0)} s\n`);
  if (json) {
    mkdirSync(dirname(json), { recursive: true });
    writeFileSync(json, JSON.stringify({ tables, history, runs, timeoutMs, machine, totalSeconds, rows }, null, 2));
  }
  if (rows.some((row) => row.floor?.error || Object.values(row.tools).some((tool) => tool.error))) process.exitCode = 1;
}
