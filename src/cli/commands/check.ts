/**
 * `schemigrate check [--lint] [--json]`: exit status 0 when the database matches the schema, 2
 * (printing the operations) when it differs, 1 on any error. For CI. `--lint` also lints every
 * revision, and an error-level finding exits 2 too.
 */
import { lintExitCode } from '../../lint/format.js';
import { findingsText } from '../findings-text.js';
import type { Session } from '../session.js';

/**
 * @example
 * await check(session); // with options.lint to lint every revision too
 */
export async function check({ migrator, options, output, json }: Session): Promise<void> {
  const result = await (await migrator()).check({ lint: options.lint === true });
  const findings = result.findings ?? [];
  if (!result.clean || lintExitCode(findings) === 2) process.exitCode = 2;
  if (json) return output.json(result);
  if (result.clean) {
    output.print('No differences: the database matches the schema.');
  } else {
    output.print(`The database differs from the schema (${result.operations.length} operation(s)):`);
    for (const line of result.summary) output.print(`  ${line}`);
  }
  if (result.findings !== undefined) output.print(findingsText(result.findings));
}
