/**
 * `schemigrate squash` through the binary: `--json` output, the files to delete in the text
 * output, and a bad range as a one-paragraph error that writes nothing.
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
    expect(cli('heads').stderr).toMatch(/replaces revisions whose files are still in versions/);
    for (const { file } of result.replaced) if (file !== result.file) rmSync(file);
    expect(JSON.parse(cli('current', '--json').stdout)).toMatchObject({ heads: ['bbbb00000002'], atHeads: true });
    expect(cli('check').status).toBe(0);
    expect(cli('test', 'base:head').status).toBe(0);
  });
});
