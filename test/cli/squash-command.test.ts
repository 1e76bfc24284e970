/**
 * `schemigrate squash` through the binary: `--json` output, the files to delete in the text
 * output, the old files used until they are deleted, and a bad range as a one-paragraph error
 * that writes nothing.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { applyNotesAndPosts, useCliProject } from '../helpers/cli-project.js';
import { forEachDialect } from '../helpers/databases.js';

forEachDialect(({ database }) => {
  const cliProject = useCliProject(database);
  const { project, cli } = cliProject;
  const versions = () => readdirSync(join(project().dir, 'migrations/versions')).filter((file) => file.endsWith('.ts'));

  test('a bad range is an error and writes nothing', () => {
    applyNotesAndPosts(cliProject);
    const run = cli('squash', 'bbbb00000002', '-m', 'all');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Invalid squash range 'bbbb00000002'/);
    expect(versions()).toHaveLength(2);
  });

  test('the text output says the squash was proved and lists the files to delete once no database is inside the range', () => {
    const before = versions();
    const run = cli('squash', 'base:bbbb00000002', '-m', 'notes and posts');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/proved in a throwaway database/);
    expect(run.stdout).toMatch(/Delete them once every database is at bbbb00000002 or later/);
    for (const file of before) expect(run.stdout).toContain(file);
    // Squashing the same range again while this one waits is refused.
    const again = cli('squash', 'base:bbbb00000002', '-m', 'once more');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already squashed by/);
    for (const file of versions()) if (!before.includes(file)) rmSync(join(project().dir, 'migrations/versions', file));
  });

  test('squash --json names the revision and the files to delete; current and check agree after', () => {
    const run = cli('squash', 'base:bbbb00000002', '-m', 'notes and posts', '--json');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      revision: 'bbbb00000002',
      replaced: [{ revision: 'aaaa00000001' }, { revision: 'bbbb00000002' }],
      summary: [expect.stringMatching(/notes/), expect.stringMatching(/posts/)],
      dataStatements: [],
    });
    // Until the old files are deleted they are the graph, and the squash revision waits.
    expect(cli('heads').stdout).toMatch(/bbbb00000002/);
    expect(cli('history').stdout).toMatch(/aaaa00000001.*\(squashed into bbbb00000002_notes_and_posts\.ts, which waits for this file to be deleted\)/);
    for (const { file } of result.replaced) if (file !== result.file) rmSync(file);
    expect(JSON.parse(cli('current', '--json').stdout)).toMatchObject({ heads: ['bbbb00000002'], atHeads: true });
    expect(cli('check').status).toBe(0);
    expect(cli('test', 'base:head').status).toBe(0);
    expect(cli('history').stdout).not.toMatch(/aaaa00000001/);
  });
});
