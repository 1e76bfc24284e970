/**
 * Findings as the CLI prints them (`lint`, `check --lint`, and after `revision --autogenerate`):
 * one block per finding, then a count. `--json` prints the finding objects themselves.
 */
import type { Finding } from './lint.js';

/**
 * The text of `findings`, or a line saying there are none.
 *
 * @example
 * formatFindings(findings);
 * // 'error pg/index-not-concurrent in a00000000002 (migrations/versions/a00000000002_x.ts)\n  CREATE INDEX …\n  why: …\n  instead: …\n\n1 error, 0 warnings.'
 */
export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No lint findings.';
  const blocks = findings.map((finding) =>
    [
      `${finding.severity} ${finding.rule} in ${finding.revision} (${finding.file})`,
      `  ${finding.statement.replace(/\s+/g, ' ')}`,
      `  why: ${finding.reason}`,
      `  instead: ${finding.safeAlternative}`,
    ].join('\n'),
  );
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  return `${blocks.join('\n\n')}\n\n${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`;
}

/**
 * The exit status of `schemigrate lint`: 2 when an error-level finding remains, else 0.
 *
 * @example
 * lintExitCode([]); // 0
 */
export function lintExitCode(findings: readonly Finding[]): 0 | 2 {
  return findings.some((finding) => finding.severity === 'error') ? 2 : 0;
}
