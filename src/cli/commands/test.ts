/**
 * `schemigrate test [range] [--seed <file>] [--json]`: prove revisions by an upgrade, downgrade,
 * upgrade round trip in a throwaway database (docs/testing-revisions.md). Exit status 0 when
 * every revision passes, 2 when one fails its round trip, 1 on any error.
 */
import type { RevisionTest } from '../../api/types.js';
import type { Session } from '../session.js';

/**
 * @example
 * await test(session, 'base:head');
 */
export async function test({ migrator, options, output, json }: Session, range?: string): Promise<void> {
  const result = await (await migrator()).test({ range, seed: options.seed as string | undefined });
  if (!result.ok) process.exitCode = 2;
  if (json) return output.json(result);
  if (result.revisions.length === 0) return output.print('No revision to test: the range is empty (by default it holds the pending revisions; base:head tests them all).');
  for (const revision of result.revisions) for (const line of revisionLines(revision)) output.print(line);
  const failed = result.revisions.filter((revision) => revision.status === 'failed').length;
  output.print(result.ok ? `${result.revisions.length} revision(s) passed the round trip.` : `${failed} revision(s) failed the round trip.`);
}

/**
 * What one revision's round trip printed as.
 *
 * @example
 * revisionLines({ revision: '9c1e4b7a2f3d', message: 'add age', status: 'failed', step: 'downgrade', differences: ['+ column users.age integer'], … });
 * // ['FAILED 9c1e4b7a2f3d add age: downgrade', '  + column users.age integer']
 */
export function revisionLines(revision: RevisionTest): string[] {
  const name = `${revision.revision}${revision.message ? ` ${revision.message}` : ''}`;
  if (revision.status === 'ok') return [`ok      ${name}`];
  if (revision.status === 'skipped') return [`skipped ${name} (an earlier revision failed)`];
  return [`FAILED  ${name}: ${stepText(revision)}`, ...(revision.differences ?? []).map((line) => `  ${line}`), ...(revision.error ? [`  ${revision.error}`] : [])];
}

function stepText(revision: RevisionTest): string {
  switch (revision.step) {
    case 'upgrade':
      return 'the upgrade failed';
    case 'downgrade':
      return revision.error ? 'the downgrade failed' : "after the downgrade the schema differs from the parent's; it would need";
    case 'rows':
      return 'the downgrade lost rows';
    default:
      return revision.error ? 'the second upgrade failed' : 'after the second upgrade the schema differs from the first; it would need';
  }
}
