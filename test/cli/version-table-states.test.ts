/**
 * Version-table states that cannot be right are refused (issue 13, item 6), through the built
 * binary on every dialect: a revision listed with its ancestor, or a row that no file defines,
 * makes `current`, `check`, `revision --autogenerate`, `upgrade` and `downgrade` exit 1 with one
 * paragraph saying what is wrong and how to repair it, changing nothing (counted with the
 * database's own driver); `stamp --purge head` repairs the table, and the project works again.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type Run } from '../helpers/cli.js';
import { forEachDialect } from '../helpers/databases.js';
import { databaseState, directExecute } from '../helpers/direct-client.js';
import { createProject, type TestProject } from '../helpers/project.js';

const SCHEMA = "import { table, integer, text } from 'schemigrate';\nexport const notes = table('notes', { id: integer().primaryKey(), body: text() });\n";
const POSTS = "export const posts = table('posts', { id: integer().primaryKey(), title: text() });\n";

/** Every command that reads the version table to act on it. */
const COMMANDS: readonly (readonly string[])[] = [
  ['current'],
  ['check'],
  ['revision', '-m', 'more', '--autogenerate'],
  ['upgrade', 'head'],
  ['downgrade', '-1'],
  ['downgrade', 'base'],
];

forEachDialect(({ database }) => {
  let project: TestProject;
  beforeAll(() => {
    project = createProject(database().url);
  });
  afterAll(() => project.remove());
  const cli = (...args: string[]): Run => runCli(project.dir, ...args);
  const versionFiles = () => readdirSync(join(project.dir, 'migrations/versions')).sort();

  /** Each command refuses with `message`, as one paragraph, and changes neither the database nor versions/. */
  async function expectEveryCommandRefused(message: string, repair: string): Promise<void> {
    const [before, files] = [await databaseState(database()), versionFiles()];
    for (const command of COMMANDS) {
      const run = cli(...command);
      expect({ command, status: run.status }).toEqual({ command, status: 1 });
      expect(run.stderr.trim().split('\n').filter((line) => !line.startsWith('warning: '))).toEqual([expect.stringContaining(message)]);
      expect(run.stderr).toContain(repair);
      expect(await databaseState(database())).toEqual(before);
      expect(versionFiles()).toEqual(files);
    }
  }

  /** After the repair, the project is usable again: a round trip down and up, then check. */
  function expectWorking(): void {
    expect(cli('current').stdout.trim()).toBe('bbbb00000002 (head)');
    expect(cli('check').status).toBe(0);
    expect(cli('downgrade', '-1').status).toBe(0);
    expect(cli('upgrade', 'head').status).toBe(0);
    expect(cli('check').status).toBe(0);
  }

  test('two revisions, applied, with rows', async () => {
    project.writeSchema({ 'index.ts': SCHEMA });
    expect(cli('revision', '-m', 'create notes', '--autogenerate', '--rev-id', 'aaaa00000001').status).toBe(0);
    expect(cli('upgrade', 'head').status).toBe(0);
    project.writeSchema({ 'index.ts': SCHEMA + POSTS });
    expect(cli('revision', '-m', 'create posts', '--autogenerate', '--rev-id', 'bbbb00000002').status).toBe(0);
    expect(cli('upgrade', 'head').status).toBe(0);
    await directExecute(database(), ["insert into notes (id, body) values (1, 'kept')"]);
  });

  test('a revision listed with its ancestor is refused everywhere; stamp --purge head repairs it', async () => {
    await directExecute(database(), ["insert into schemigrate_version (version_num) values ('aaaa00000001')"]);
    await expectEveryCommandRefused(
      'error: The version table schemigrate_version cannot be right: it lists both aaaa00000001 and bbbb00000002, but bbbb00000002 builds on aaaa00000001',
      '`schemigrate stamp --purge bbbb00000002`',
    );
    const stamp = cli('stamp', '--purge', 'head');
    expect(stamp.status).toBe(0);
    expect(stamp.stdout.trim()).toBe('Stamped: removed aaaa00000001; recorded nothing.');
    expect(await databaseState(database())).toMatchObject({ 'notes rows': 1, versions: ['bbbb00000002'] });
    expectWorking();
  });

  test('a row that no file defines is refused everywhere; stamp --purge head repairs it', async () => {
    await directExecute(database(), ["insert into schemigrate_version (version_num) values ('dead00000000')"]);
    await expectEveryCommandRefused(
      "error: The version table schemigrate_version cannot be right: it lists 'dead00000000', which no file in versions/ defines.",
      'If a revision file is missing (another branch, a deleted file), restore it.',
    );
    const stamp = cli('stamp', '--purge', 'head');
    expect(stamp.status).toBe(0);
    expect(stamp.stdout.trim()).toBe('Stamped: removed dead00000000; recorded nothing.');
    expect(await databaseState(database())).toMatchObject({ 'notes rows': 1, versions: ['bbbb00000002'] });
    expectWorking();
  });
});
