/**
 * The interactive side of `revision --autogenerate`, answers injected into `prompts`: the API
 * stops with ANSWER_REQUIRED, the CLI's questions (src/cli/questions.ts) ask, and the call runs
 * again with the answers — a rename question answered "rename" or "drop and create", and the
 * data-loss confirmation (drops and lossy changes).
 * The questions do not depend on the dialect, so SQLite is enough here; the binary tests run
 * the non-interactive paths on every dialect.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import prompts from 'prompts';
import type { RevisionOptions } from '../../src/api/revision.js';
import { withAnswers } from '../../src/cli/questions.js';
import { forEachDialect } from '../helpers/databases.js';
import { createProject, type TestProject } from '../helpers/project.js';

const users = (columns: string) =>
  `import { table, integer, text } from 'schemigrate';\nexport const users = table('users', { id: integer().primaryKey(), ${columns} });\n`;

forEachDialect(({ database }) => {
  let project: TestProject;
  /** `revision` as the CLI runs it on a terminal. */
  const interactiveRevision = (options: RevisionOptions) =>
    withAnswers({ renames: {}, dropCreate: [], allowDataLoss: false }, true, (answers) => project.api.revision({ ...options, ...answers }));

  beforeAll(async () => {
    project = createProject(database().url);
    project.writeSchema({ 'index.ts': users('mail: text(), nickname: text()') });
    await project.api.revision({ message: 'create users', autogenerate: true });
    await project.api.upgrade('head');
    await project.query((db) => db.insertInto('users').values({ id: 1, mail: 'a@example.com', nickname: 'a' }).execute());
  });
  afterAll(() => project.remove());
  const versions = () => readdirSync(join(project.dir, 'migrations/versions')).filter((name) => name.endsWith('.ts'));

  test('without a terminal the API stops with ANSWER_REQUIRED, naming the candidate', async () => {
    project.writeSchema({ 'index.ts': users('email: text(), nickname: text()') });
    await expect(project.api.revision({ message: 'rename mail', autogenerate: true })).rejects.toMatchObject({
      code: 'ANSWER_REQUIRED',
      details: { renames: [{ kind: 'column', subject: 'users.mail', to: 'email' }] },
    });
  });

  test('answering "rename" writes a renameColumn', async () => {
    prompts.inject(['rename']);
    const result = await interactiveRevision({ message: 'rename mail', autogenerate: true });
    expect(result.operations).toEqual([{ kind: 'renameColumn', table: 'users', from: 'mail', to: 'email' }]);
    // Not applied: the next test answers the same question the other way.
    rmSync(result.file!);
  });

  test('answering "drop and create" counts as confirming that drop', async () => {
    prompts.inject(['drop']);
    const result = await interactiveRevision({ message: 'replace mail', autogenerate: true });
    expect(result.operations.map((op) => op.kind).sort()).toEqual(['addColumn', 'dropColumn']);
    expect(readFileSync(result.file!, 'utf8')).toContain('dropColumn("mail")');
    await project.api.upgrade('head');
  });

  test('a drop of data is confirmed on the terminal, and a no writes nothing', async () => {
    const before = versions().length;
    project.writeSchema({ 'index.ts': users('email: text()') });
    prompts.inject([false]);
    await expect(interactiveRevision({ message: 'drop nickname', autogenerate: true })).rejects.toMatchObject({
      message: expect.stringMatching(/Not confirmed; nothing was written/),
    });
    expect(versions()).toHaveLength(before);

    prompts.inject([true]);
    const result = await interactiveRevision({ message: 'drop nickname', autogenerate: true });
    expect(result.file).not.toBeNull();
    expect(versions()).toHaveLength(before + 1);
  });

  test('a lossy change is confirmed on the terminal like a drop, and a no writes nothing', async () => {
    await project.api.upgrade('head');
    await project.query((db) => db.insertInto('users').values({ id: 2, email: '0042' }).execute());
    const before = versions().length;
    project.writeSchema({ 'index.ts': users('email: integer()') });
    prompts.inject([false]);
    await expect(interactiveRevision({ message: 'number emails', autogenerate: true })).rejects.toMatchObject({
      message: expect.stringMatching(/^Not confirmed; nothing was written\. To keep the data, declare the column's old type \(or default\) again/),
    });
    expect(versions()).toHaveLength(before);

    prompts.inject([true]);
    const result = await interactiveRevision({ message: 'number emails', autogenerate: true });
    expect(result.file).not.toBeNull();
    await project.api.upgrade('head');
    expect(await project.query((db) => db.selectFrom('users').select('email').where('id', '=', 2).execute())).toEqual([{ email: 42 }]);
  });
}, ['sqlite']);
