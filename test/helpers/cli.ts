/**
 * Running the built binary as a user would, without colours.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/schemigrate.js', import.meta.url));

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Run `schemigrate <args>` in `cwd` and collect its exit status and output.
 *
 * @example
 * expect(runCli(dir, 'check').status).toBe(0);
 */
export function runCli(cwd: string, ...args: string[]): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * stderr without the lint report `revision --autogenerate` prints after writing a revision
 * (docs/lint.md), for tests about everything else a revision says.
 *
 * @example
 * expect(withoutLintReport(cli('revision', '-m', 'x', '--autogenerate').stderr)).toBe('');
 */
export function withoutLintReport(stderr: string): string {
  return stderr.replace(/^warning: the new revision has lint findings;[\s\S]*?^\d+ errors?, \d+ warnings?\.\n/m, '');
}

export interface SpawnedRun {
  readonly child: ChildProcess;
  /** Resolves when the process exits, with `signal` set when a signal ended it. */
  readonly done: Promise<Run & { readonly signal: NodeJS.Signals | null }>;
}

/**
 * Start `schemigrate <args>` in `cwd` without waiting for it, for runs that race or get killed.
 *
 * @example
 * const runs = Array.from({ length: 8 }, () => spawnCli(dir, {}, 'upgrade', 'head'));
 * const results = await Promise.all(runs.map((run) => run.done));
 */
export function spawnCli(cwd: string, env: Record<string, string>, ...args: string[]): SpawnedRun {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<Run & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
  return { child, done };
}
