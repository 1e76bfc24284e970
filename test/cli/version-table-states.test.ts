/**
 * Version-table states that cannot be right are refused (issue 13, item 6), through the built
 * binary on every dialect: a revision listed with its ancestor, or a row that no file defines,
 * makes `current`, `check`, `revision --autogenerate`, `upgrade` and `downgrade` exit 1 with one
 * paragraph saying what is wrong and how to repair it, changing nothing (counted with the
 * database's own driver); `stamp --purge head` repairs the table, and the project works again.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyNotesAndPosts, useCliProject } from '../helpers/cli-project.js';
import { forEachDialect } from '../helpers/databases.js';
import { databaseState, directExecute } from '../helpers/direct-client.js';

/** Every command that reads the version table to act on it. */
const COMMANDS: readonly (readonly string[])[] = [
  ['current'],
  ['check'],
  ['revision', '-m', 'more', '--autogenerate'],
  ['upgrade', 'head'],
  ['downgrade', '-1'],
  ['downgrade', 'base'],
];

/** Each state, made by adding one row to the table at bbbb00000002: the refusal, and a hint from its repair advice. */
const STATES = [
  {
    name: 'a revision listed with its ancestor',
    row: 'aaaa00000001',
    message: 'error: The version table schemigrate_version cannot be right: it lists both aaaa00000001 and bbbb00000002, but bbbb00000002 builds on aaaa00000001',
    advice: '`schemigrate stamp --purge bbbb00000002`',
  },
  {
    name: 'a row that no file defines',
    row: 'dead00000000',
    message: "error: The version table schemigrate_version cannot be right: it lists 'dead00000000', which no file in versions/ defines.",
    advice: 'If a revision file is missing (another branch, a deleted file), restore it.',
  },
];

forEachDialect(({ database }) => {
  const setup = useCliProject(database);
  const { cli } = setup;
  const versionFiles = () => readdirSync(join(setup.project().dir, 'migrations/versions')).sort();

  test('two revisions, applied, with rows', async () => {
    applyNotesAndPosts(setup);
    await directExecute(database(), ["insert into notes (id, body) values (1, 'kept')"]);
  });

  for (const { name, row, message, advice } of STATES) {
    test(`${name} is refused everywhere, changing nothing; stamp --purge head repairs it`, async () => {
      await directExecute(database(), [`insert into schemigrate_version (version_num) values ('${row}')`]);
      const [before, files] = [await databaseState(database()), versionFiles()];
      for (const command of COMMANDS) {
        const run = cli(...command);
        expect({ command, status: run.status }).toEqual({ command, status: 1 });
        expect(run.stderr.trim().split('\n').filter((line) => !line.startsWith('warning: '))).toEqual([expect.stringContaining(message)]);
        expect(run.stderr).toContain(advice);
        expect(await databaseState(database())).toEqual(before);
        expect(versionFiles()).toEqual(files);
      }

      const stamp = cli('stamp', '--purge', 'head');
      expect(stamp.status).toBe(0);
      expect(stamp.stdout.trim()).toBe(`Stamped: removed ${row}; recorded nothing.`);
      expect(await databaseState(database())).toMatchObject({ 'notes rows': 1, versions: ['bbbb00000002'] });
      // Usable again: a round trip down and up, then check.
      expect(cli('current').stdout.trim()).toBe('bbbb00000002 (head)');
      expect(cli('check').status).toBe(0);
      expect(cli('downgrade', '-1').status).toBe(0);
      expect(cli('upgrade', 'head').status).toBe(0);
      expect(cli('check').status).toBe(0);
    });
  }
});
