/**
 * One measured run: a child process under `/usr/bin/time` (peak resident memory and CPU
 * seconds), timed from spawn to exit, with the statement-counting preload when asked. CPU time
 * is the client's own work: it moves far less than wall time when other processes load the
 * machine.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const COUNTER = fileURLToPath(new URL('./count-statements.mjs', import.meta.url));
const GNU_TIME = '/usr/bin/time';

/**
 * Run `node <nodeArgs…>` in `cwd` and measure it. Resolves to `{ ms, cpuMs, peakMiB, statements,
 * catalog, exitCode, stdout, stderr, timedOut }`; `statements` is undefined unless `count` is set.
 * With `timeoutMs`, a run still going then is killed (its whole process group) and resolves
 * with `timedOut: true`. `program` runs another interpreter instead of Node (e.g. `python3`).
 *
 * @example
 * const run = await measure(['bin/schemigrate.js', '--help'], { cwd: process.cwd() });
 */
export async function measure(nodeArgs, { cwd, count = false, env = {}, timeoutMs, program = process.execPath }) {
  const scratch = mkdtempSync(join(tmpdir(), 'sg-bench-run-'));
  const timeFile = join(scratch, 'time');
  const countFile = join(scratch, 'statements.json');
  const preload = count ? ['--import', COUNTER] : [];
  const useTime = existsSync(GNU_TIME);
  const command = useTime ? GNU_TIME : program;
  const args = useTime ? ['-f', '%M %U %S', '-o', timeFile, program, ...preload, ...nodeArgs] : [...preload, ...nodeArgs];
  const started = performance.now();
  let timedOut = false;
  const { exitCode, stdout, stderr } = await new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', BENCH_STATEMENTS_FILE: countFile, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that a timeout ends the measured process under `time` too.
      detached: timeoutMs !== undefined,
    });
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
  const ms = performance.now() - started;
  try {
    if (timedOut) return { ms, cpuMs: NaN, peakMiB: NaN, exitCode, stdout, stderr, timedOut };
    // GNU time prints "Command exited with non-zero status N" first when the command fails.
    const [peakKiB, user, system] = useTime ? readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
    const tally = count && existsSync(countFile) ? JSON.parse(readFileSync(countFile, 'utf8')) : undefined;
    return { ms, cpuMs: (user + system) * 1000, peakMiB: peakKiB / 1024, statements: tally?.statements, catalog: tally?.catalog, exitCode, stdout, stderr, timedOut };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Median, minimum and maximum of a list of numbers.
 *
 * @example
 * summarize([3, 1, 2]); // { median: 2, min: 1, max: 3 }
 */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}
