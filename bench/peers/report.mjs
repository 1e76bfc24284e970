/**
 * The side-by-side table of `npm run bench -- --peers`: per workload, each tool's median wall
 * time, median CPU time and largest peak RSS, and schemigrate's median ÷ each peer's and ÷ the
 * floor's.
 */
import { summarize } from '../measure.mjs';

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const median = (row) => summarize(row.runs.map((run) => run.ms)).median;

function cell(row, timeoutMs) {
  if (!row) return '–';
  if (row.skipped) return 'not run (an earlier row failed)';
  if (row.timedOut) return `> ${timeoutMs / 1000} s (stopped)`;
  if (row.error) return `FAILED: ${row.error.replaceAll('|', '\\|')}`;
  const cpu = summarize(row.runs.map((run) => run.cpuMs)).median;
  const peak = Math.max(...row.runs.map((run) => run.peakMiB));
  return `${seconds(median(row))} (CPU ${seconds(cpu)}), ${peak.toFixed(0)} MiB`;
}

function ratio(row, other, timeoutMs) {
  if (!row || !other || row.error || other.error || row.timedOut || row.runs.length === 0) return '–';
  if (other.timedOut) return `< ${(median(row) / timeoutMs).toFixed(3)}×`;
  return `**${(median(row) / median(other)).toFixed(2)}×**`;
}

/**
 * A Markdown table of the rows `compareWithPeers` returned, with a column per tool that ran.
 *
 * @example
 * process.stdout.write(formatPeersReport(rows, { timeoutMs: 300_000, runs: 3 }));
 */
export function formatPeersReport(rows, { timeoutMs, runs }) {
  const peers = [...new Set(rows.flatMap((row) => Object.keys(row.tools)))].filter((name) => name !== 'schemigrate');
  const lines = [
    '',
    `Side by side (${runs} run${runs === 1 ? '' : 's'} each; median wall time, median CPU time, the largest peak RSS of the runs; ratios of the median wall times):`,
    '',
    `| dialect | workload | N | ${peers.join(' | ')} | schemigrate | schemigrate, first run | ${peers.map((peer) => `÷ ${peer}`).join(' | ')} | floor | ÷ floor |`,
    `|---|---|---:|${peers.map(() => '---|').join('')}---|---:|${peers.map(() => '---:|').join('')}---|---:|`,
  ];
  for (const { dialect, n, workload, tools, floor } of rows) {
    const schemigrate = tools.schemigrate;
    const first = schemigrate?.runs[0] ? seconds(schemigrate.runs[0].ms) : '–';
    lines.push(
      `| ${dialect} | ${workload} | ${n} | ${peers.map((peer) => cell(tools[peer], timeoutMs)).join(' | ')} | ${cell(schemigrate, timeoutMs)} | ${first} | ${peers.map((peer) => ratio(schemigrate, tools[peer], timeoutMs)).join(' | ')} | ${cell(floor, timeoutMs)} | ${ratio(schemigrate, floor, timeoutMs)} |`,
    );
  }
  lines.push(
    '',
    'drizzle-kit: `generate` (no database), `migrate` of the generated SQL, `push` with nothing to change, `push --force` (in both autogenerate + upgrade rows); `migrate` of the small steps.',
    'Alembic: `revision --autogenerate`, `upgrade head`, `revision --autogenerate` that must detect nothing (1.8 has no `check`), both (it has no one command for them); `upgrade head` of the small steps.',
    'schemigrate: autogenerate + upgrade is `revision --autogenerate` then `upgrade head`, or in one command `revision --autogenerate --upgrade`.',
    "schemigrate's first run loads the schema or revision before the loader has cached it (cold); the median includes it.",
    '',
  );
  return lines.join('\n');
}
