/**
 * `upgrade`, `downgrade`, `stamp`, `current` and `check` with `--all-targets`: the command on
 * every target of the config (createFleet), one line per target as it finishes (with a count),
 * a summary, the report with `--json`, and exit status 1 naming the failed targets.
 */
import { createFleet, type FanOutOptions, type FleetReport, type TargetReport } from '../../api/fleet.js';
import type { CheckResult, CurrentState, StampResult } from '../../api/types.js';
import { SchemigrateError } from '../../util/errors.js';
import type { Session } from '../session.js';

/** The commands that take `--all-targets`. */
export type FleetCommand = 'upgrade' | 'downgrade' | 'stamp' | 'current' | 'check';

const list = (ids: readonly string[] | null): string => (ids === null ? '?' : ids.length > 0 ? ids.join(', ') : 'base');

/** What one finished target's line says after its name, per command. */
const describeResult: Record<FleetCommand, (report: TargetReport<any>) => string> = {
  upgrade: (report) => (report.steps === 0 ? `already at ${list(report.to)}` : `${list(report.from)} -> ${list(report.to)} (${report.steps} revision(s))`),
  downgrade: (report) => (report.steps === 0 ? `already at ${list(report.to)}` : `${list(report.from)} -> ${list(report.to)} (${report.steps} revision(s))`),
  stamp: (report) => {
    const { removed, recorded } = report.result as StampResult;
    return `removed ${removed.length > 0 ? removed.join(', ') : 'nothing'}; recorded ${recorded.length > 0 ? recorded.join(', ') : 'nothing'}`;
  },
  current: (report) => {
    const state = report.result as CurrentState;
    return `${list(state.heads)}${state.atHeads ? ' (head)' : ` (${state.pending.length} pending)`}`;
  },
  check: (report) => {
    const result = report.result as CheckResult;
    return result.clean ? 'no differences' : `differs (${result.operations.length} operation(s): ${result.summary.join('; ')})`;
  },
};

/**
 * `schemigrate <command> … --all-targets [--concurrency N] [--canary N] [--continue-on-error] [--json]`
 *
 * @example
 * await fleet(session, 'upgrade', 'head'); // [1/3] eu: base -> 9c1e4b7a2f3d (2 revision(s)) 41 ms …
 */
export async function fleet({ options, output, json }: Session, command: FleetCommand, ...args: unknown[]): Promise<void> {
  for (const [flag, given] of [['--target', options.target], ['--url', options.url], ['--sql', options.sql]] as const) {
    if (given !== undefined && given !== false) throw new SchemigrateError(`--all-targets runs on every target of the config: it cannot be combined with ${flag}.`);
  }
  const fleet = await createFleet({
    config: options.config,
    onEvent: (event, target) => {
      if (event.type === 'warning') output.warn(`${target.name}: ${event.message}`);
    },
  });
  let finished = 0;
  const fan: FanOutOptions = {
    concurrency: options.concurrency as number | undefined,
    canary: options.canary as number | undefined,
    continueOnError: options.continueOnError === true,
    onTargetDone: (report) => {
      const count = `[${++finished}/${fleet.targets.length}]`;
      if (report.ok) output.info(`${count} ${report.target}: ${describeResult[command](report)} ${report.ms} ms`);
      else output.warn(`${count} ${report.target}: FAILED after ${report.ms} ms [${report.error!.code}] ${report.error!.message}`);
    },
  };
  const report = await run(fleet, command, args, fan, options);
  if (json) output.json(report);
  else output.info(summary(report, fleet.targets.length));
  if (!report.ok) {
    const message = failure(report);
    if (!json) throw new SchemigrateError(message, { code: 'TARGETS_FAILED', details: { failed: report.failed, skipped: report.skipped } });
    output.warn(message);
    process.exitCode = 1;
    return;
  }
  // A finding rather than a failure: drift (check) or pending revisions (current --check-heads).
  const finding =
    (command === 'check' && report.targets.some((target) => !(target.result as CheckResult).clean)) ||
    (command === 'current' && options.checkHeads === true && report.targets.some((target) => !(target.result as CurrentState).atHeads));
  if (finding) process.exitCode = 2;
}

function run(fleet: Awaited<ReturnType<typeof createFleet>>, command: FleetCommand, args: unknown[], fan: FanOutOptions, options: Session['options']): Promise<FleetReport<unknown>> {
  const migrate = { allowChanged: options.allowChanged === true };
  switch (command) {
    case 'upgrade':
      return fleet.upgrade(args[0] as string, { ...fan, ...migrate });
    case 'downgrade':
      return fleet.downgrade(args[0] as string, { ...fan, ...migrate });
    case 'stamp':
      return fleet.stamp(args[0] as string[], { ...fan, purge: options.purge === true });
    case 'current':
      return fleet.current(fan);
    case 'check':
      return fleet.check(fan);
  }
}

function summary(report: FleetReport<unknown>, total: number): string {
  const parts = [`${report.targets.length - report.failed.length} ok`, `${report.failed.length} failed`];
  if (report.skipped.length > 0) parts.push(`${report.skipped.length} not run`);
  return `${total} target(s): ${parts.join(', ')} in ${(report.ms / 1000).toFixed(1)} s.`;
}

/** The error naming the failed targets and those not run. */
function failure(report: FleetReport<unknown>): string {
  const names = (list: readonly string[]) => (list.length > 10 ? `${list.slice(0, 10).join(', ')} and ${list.length - 10} more` : list.join(', '));
  const failed = report.failed.length > 0 ? `${report.failed.length} target(s) failed: ${names(report.failed)}.` : '';
  const skipped =
    report.skipped.length > 0
      ? ` ${report.skipped.length} target(s) were not run after the failure: ${names(report.skipped)}. Fix the failure and run the command again (targets already done do nothing), or pass --continue-on-error.`
      : '';
  return `${failed}${skipped}`.trim();
}
