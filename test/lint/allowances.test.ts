/**
 * Per-revision allowances, on every dialect: an allowed rule is not reported, an allowance
 * needs a known rule and a reason. And an upgrade that cannot run without a database is an
 * error naming its file.
 */
import { DIALECTS } from '../helpers/databases.js';
import { lintLast, ruleIds, type TestRevision } from './revisions.js';

const base: TestRevision = { statements: ['CREATE TABLE users (id integer PRIMARY KEY, bio text, note text)'] };
const drops = ["SET lock_timeout = '2s'", 'ALTER TABLE users DROP COLUMN bio', 'ALTER TABLE users RENAME COLUMN note TO remark'];

describe.each(DIALECTS)('%s allowances', (dialect) => {
  test('an allowed rule is left out, the others stay', async () => {
    const revision: TestRevision = { statements: drops, lint: "{ allow: { 'drop-column': 'the app stopped reading bio in v2.3' } }" };
    expect(ruleIds(await lintLast(dialect, [base, revision]))).toEqual(['rename-column']);
  });

  test('an allowance without a reason is an error', async () => {
    const revision: TestRevision = { statements: drops, lint: "{ allow: { 'drop-column': ' ' } }" };
    await expect(lintLast(dialect, [base, revision])).rejects.toThrow(/allows the lint rule 'drop-column' without a reason/);
  });

  test('an allowance of an unknown rule is an error', async () => {
    const revision: TestRevision = { statements: drops, lint: "{ allow: { 'drop-colum': 'typo' } }" };
    await expect(lintLast(dialect, [base, revision])).rejects.toThrow(/unknown lint rule 'drop-colum'/);
  });
});

describe.each(DIALECTS)('%s revisions that cannot be recorded', (dialect) => {
  test('an upgrade that needs the rows it reads is an error naming its file', async () => {
    const revision: TestRevision = {
      statements: [],
      code: "const [row] = await db.selectFrom('users').select('id').execute(); if (!row) throw new Error('no users');",
    };
    await expect(lintLast(dialect, [base, revision])).rejects.toThrow(/Cannot lint .*a00000000002_r1\.ts: its upgrade failed when run without a database \(no users\)/);
  });
});
