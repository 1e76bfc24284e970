/**
 * SQLite's lint rules on hand-written revisions: a rebuild of an existing table is a warning
 * (its drop is not reported as a dropped table), drops and renames report their rules.
 */
import { lintLast, ruleIds, type TestRevision } from './revisions.js';

const base: TestRevision = { statements: ['CREATE TABLE "users" ("id" integer PRIMARY KEY, "email" text, "bio" text)'] };

const rebuild: TestRevision = {
  statements: [
    'CREATE TABLE "_schemigrate_new_users" ("id" integer PRIMARY KEY, "email" text NOT NULL, "bio" text)',
    'INSERT INTO "_schemigrate_new_users" ("id", "email", "bio") SELECT "id", "email", "bio" FROM "users"',
    'DROP TABLE "users"',
    'ALTER TABLE "_schemigrate_new_users" RENAME TO "users"',
    'CREATE INDEX "ix_users_email" ON "users" ("email")',
  ],
};

const risky: readonly (readonly [string, TestRevision, readonly string[]])[] = [
  ['a table rebuild', rebuild, ['sqlite/table-rebuild']],
  ['a dropped column', { statements: ['ALTER TABLE "users" DROP COLUMN "bio"'] }, ['drop-column']],
  ['a dropped table', { statements: ['DROP TABLE "users"'] }, ['drop-table']],
  ['a renamed column', { statements: ['ALTER TABLE "users" RENAME COLUMN "bio" TO "about"'] }, ['rename-column']],
  ['a renamed table', { statements: ['ALTER TABLE [users] RENAME TO [people]'] }, ['rename-table']],
];

describe('sqlite lint rules', () => {
  test.each(risky)('%s', async (_name, revision, expected) => {
    expect(ruleIds(await lintLast('sqlite', [base, revision]))).toEqual(expected);
  });

  test('changes SQLite makes in place report nothing', async () => {
    const clean: TestRevision = {
      statements: [
        'ALTER TABLE "users" ADD COLUMN "note" text',
        'CREATE INDEX "ix_users_email" ON "users" ("email")',
        'DROP INDEX "ix_users_email"',
        'CREATE TABLE "tags" ("id" integer PRIMARY KEY, "label" text)',
        'ALTER TABLE "tags" RENAME COLUMN "label" TO "name"',
        'DROP TABLE "tags"',
      ],
    };
    expect(await lintLast('sqlite', [base, clean])).toEqual([]);
  });
});
