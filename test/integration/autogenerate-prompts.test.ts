/**
 * The interactive side of `revision --autogenerate`, answers injected into `prompts`: a rename
 * question answered "rename" or "drop and create", and the data-loss confirmation (drops and
 * lossy changes).
 * The questions do not depend on the dialect, so SQLite is enough here; the binary tests run
 * the non-interactive paths on every dialect.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import prompts from 'prompts';
import { withConnection } from '../../src/commands/project.js';
import { createRevision } from '../../src/commands/revision.js';
import { migrate } from '../../src/commands/migrate.js';
import { forEachDialect } from '../helpers/databases.js';
import { createProject, type TestProject } from '../helpers/project.js';

const users = (columns: string) =>
  `import { table, integer, text } from 'schemigrate';\nexport const users = table('users', { id: integer().primaryKey(), ${columns} });\n`;

forEachDialect(({ database }) => {
  let project: TestProject;
  beforeAll(async () => {
    project = createProject(database().url);
    project.writeSchema({ 'index.ts': users('mail: text(), nickname: text()') });
    const config = await project.config();
    await createRevision(config, { message: 'create users', autogenerate: true, interactive: true }, project.reporter);
    await migrate(config, 'upgrade', 'head', project.reporter);
    await withConnection(config, ({ db }) => db.insertInto('users').values({ id: 1, mail: 'a@example.com', nickname: 'a' }).execute());
  });
  afterAll(() => project.remove());
  const versions = () => readdirSync(join(project.dir, 'migrations/versions')).filter((name) => name.endsWith('.ts'));

  test('answering "rename" writes a renameColumn', async () => {
    project.writeSchema({ 'index.ts': users('email: text(), nickname: text()') });
    prompts.inject(['rename']);
    const result = await createRevision(await project.config(), { message: 'rename mail', autogenerate: true, interactive: true, dryRun: true }, project.reporter);
    expect(result.operations).toEqual([{ kind: 'renameColumn', table: 'users', from: 'mail', to: 'email' }]);
  });

  test('answering "drop and create" counts as confirming that drop', async () => {
    prompts.inject(['drop']);
    const config = await project.config();
    const result = await createRevision(config, { message: 'replace mail', autogenerate: true, interactive: true }, project.reporter);
    expect(result.operations.map((op) => op.kind).sort()).toEqual(['addColumn', 'dropColumn']);
    expect(readFileSync(result.file!, 'utf8')).toContain('dropColumn("mail")');
    await migrate(config, 'upgrade', 'head', project.reporter);
  });

  test('a drop of data is confirmed on the terminal, and a no writes nothing', async () => {
    const before = versions().length;
    project.writeSchema({ 'index.ts': users('email: text()') });
    const config = await project.config();
    prompts.inject([false]);
    await expect(createRevision(config, { message: 'drop nickname', autogenerate: true, interactive: true }, project.reporter)).rejects.toMatchObject({
      message: expect.stringMatching(/Not confirmed; nothing was written/),
    });
    expect(versions()).toHaveLength(before);

    prompts.inject([true]);
    const result = await createRevision(config, { message: 'drop nickname', autogenerate: true, interactive: true}, project.reporter);
    expect(result.file).toBeDefined();
    expect(versions()).toHaveLength(before + 1);
  });

  test('a lossy change is confirmed on the terminal like a drop, and a no writes nothing', async () => {
    const config = await project.config();
    await migrate(config, 'upgrade', 'head', project.reporter);
    await withConnection(config, ({ db }) => db.insertInto('users').values({ id: 2, email: '0042' }).execute());
    const before = versions().length;
    project.writeSchema({ 'index.ts': users('email: integer()') });
    prompts.inject([false]);
    await expect(createRevision(config, { message: 'number emails', autogenerate: true, interactive: true }, project.reporter)).rejects.toMatchObject({
      message: expect.stringMatching(/^Not confirmed; nothing was written\. To keep the data, declare the column's old type \(or default\) again/),
    });
    expect(versions()).toHaveLength(before);

    prompts.inject([true]);
    const result = await createRevision(config, { message: 'number emails', autogenerate: true, interactive: true }, project.reporter);
    expect(result.file).toBeDefined();
    await migrate(config, 'upgrade', 'head', project.reporter);
    expect(await withConnection(config, ({ db }) => db.selectFrom('users').select('email').where('id', '=', 2).execute())).toEqual([{ email: 42 }]);
  });
}, ['sqlite']);
