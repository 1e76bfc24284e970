/**
 * The side-by-side table of `npm run bench -- --peers`: per workload, each tool's median wall
 * time, median CPU time and peak RSS, and the ratios schemigrate ÷ drizzle-kit and
 * schemigrate ÷ floor of the medians.
 */
import { summarize } from '../measure.mjs';

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const median = (row) => summarize(row.runs.map((run) => run.ms)).median;

function cell(row, timeoutMs) {
  if (!row) return '–';
  if (row.timedOut) return `> ${timeoutMs / 1000} s (stopped)`;
  if (row.error) return `FAILED: ${row.error.replaceAll('|', '\\|')}`;
  const cpu = summarize(row.runs.map((run) => run.cpuMs)).median;
  const peak = Math.max(...row.runs.map((run) => run.peakMiB));
  return `${seconds(median(row))} (CPU ${seconds(cpu)}), ${peak.toFixed(0)} MiB`;
}

function ratio(row, other) {
  if (!row || !other || row.error || other.error || row.timedOut) return '–';
  if (other.timedOut) return `< ${(median(row) / other.timeoutMs).toFixed(3)}×`;
  return `**${(median(row) / median(other)).toFixed(2)}×**`;
}

/**
 * A Markdown table of the rows `compareWithPeers` returned.
 *
 * @example
 * process.stdout.write(formatPeersReport(rows, { timeoutMs: 300_000, runs: 3 }));
 */
export function formatPeersReport(rows, { timeoutMs, runs }) {
  for (const row of rows) if (row.drizzle?.timedOut) row.drizzle.timeoutMs = timeoutMs;
  const lines = [
    '',
    `Side by side with drizzle-kit (${runs} run${runs === 1 ? '' : 's'} each; median wall time, median CPU time, the largest peak RSS of the runs):`,
    '',
    '| dialect | workload | N | drizzle-kit | schemigrate | schemigrate ÷ drizzle-kit | schemigrate, first run | floor | schemigrate ÷ floor |',
    '|---|---|---:|---|---|---:|---:|---|---:|',
  ];
  for (const { dialect, n, workload, schemigrate, drizzle, floor } of rows) {
    const first = schemigrate.runs[0] ? seconds(schemigrate.runs[0].ms) : '–';
    lines.push(`| ${dialect} | ${workload} | ${n} | ${cell(drizzle, timeoutMs)} | ${cell(schemigrate, timeoutMs)} | ${ratio(schemigrate, drizzle)} | ${first} | ${cell(floor, timeoutMs)} | ${ratio(schemigrate, floor)} |`);
  }
  lines.push(
    '',
    'drizzle-kit: `generate` (no database), `migrate` of the generated SQL, `push` with nothing to change, `push --force` on a fresh database.',
    "schemigrate's first run loads the new schema or revision before the loader has cached it (cold); the median includes it.",
    'Alembic is not part of --peers (see docs/benchmarks.md).',
    '',
  );
  return lines.join('\n');
}
