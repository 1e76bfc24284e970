/**
 * `schemigrate lint [range] [--json]`: the safe-migration findings of the revisions in a range
 * (docs/lint.md). Exit status 2 when an error-level finding remains, 0 otherwise.
 */
import { lintExitCode } from '../../lint/format.js';
import { findingsText } from '../findings-text.js';
import type { Session } from '../session.js';

/**
 * @example
 * await lint(session, '3f2a9c1b7d4e:head');
 */
export async function lint({ migrator, output, json }: Session, range?: string): Promise<void> {
  const findings = await (await migrator()).lint(range);
  process.exitCode = lintExitCode(findings);
  if (json) return output.json(findings);
  output.print(findingsText(findings));
}
