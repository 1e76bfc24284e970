/**
 * Lint findings as the CLI prints them (`lint`, `check --lint`, after `revision --autogenerate`):
 * `formatFindings`, with each file relative to the working folder.
 */
import { relative } from 'node:path';
import { formatFindings } from '../lint/format.js';
import type { Finding } from '../lint/lint.js';

/**
 * @example
 * output.print(findingsText(await migrator.lint())); // 'No lint findings.' when there are none
 */
export function findingsText(findings: readonly Finding[]): string {
  return formatFindings(findings.map((finding) => ({ ...finding, file: relative(process.cwd(), finding.file) || finding.file })));
}
