/**
 * How findings print, and the exit status they give, from a real lint run on each dialect.
 */
import { formatFindings, lintExitCode } from '../../src/lint/format.js';
import { DIALECTS } from '../helpers/databases.js';
import { lintLast, type TestRevision } from './revisions.js';

const base: TestRevision = { statements: ['CREATE TABLE users (id integer PRIMARY KEY, bio text, note text)'] };

describe.each(DIALECTS)('%s', (dialect) => {
  test('an error gives exit status 2 and prints the rule, statement, reason and alternative', async () => {
    const findings = await lintLast(dialect, [base, { statements: ["SET lock_timeout = '1s'", 'ALTER TABLE users RENAME COLUMN bio TO about'] }]);
    expect(lintExitCode(findings)).toBe(2);
    const text = formatFindings(findings);
    expect(text).toMatch(/^error rename-column in a00000000002 \(.*a00000000002_r1\.ts\)\n {2}ALTER TABLE users RENAME COLUMN bio TO about\n {2}why: Renaming a column breaks/);
    expect(text).toMatch(/\n {2}instead: Add the new column.*\n\n1 error, 0 warnings\.$/);
  });

  test('warnings alone give exit status 0', async () => {
    const findings = await lintLast(dialect, [base, { statements: ["SET lock_timeout = '1s'", 'ALTER TABLE users DROP COLUMN note'] }]);
    expect(findings.map((finding) => finding.severity)).toEqual(['warning']);
    expect(lintExitCode(findings)).toBe(0);
    expect(formatFindings(findings)).toMatch(/0 errors, 1 warning\.$/);
  });

  test('no findings', async () => {
    const findings = await lintLast(dialect, [base, { statements: ['CREATE TABLE tags (id integer PRIMARY KEY)'] }]);
    expect(lintExitCode(findings)).toBe(0);
    expect(formatFindings(findings)).toBe('No lint findings.');
  });
});
