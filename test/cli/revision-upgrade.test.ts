/**
 * `revision --autogenerate --upgrade`: the revision is written and then applied in the same run,
 * as `revision --autogenerate` followed by `upgrade <the new revision>` would; with nothing to
 * change nothing is written or run, bad input or an unanswered data-loss question changes
 * nothing at all, and a revision that fails to apply is left written as `upgrade` leaves it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { useCliProject } from '../helpers/cli-project.js';
import { forEachDialect } from '../helpers/databases.js';

const NOTES = "import { table, integer, text } from 'schemigrate';\nexport const notes = table('notes', { id: integer().primaryKey(), body: text() });\n";
const WITH_TITLE = NOTES.replace('body: text() }', 'body: text(), title: text() }');
const UNIQUE_BODY = WITH_TITLE.replace('body: text()', 'body: varchar(100).unique()').replace('integer, text', 'integer, text, varchar');

forEachDialect(({ database }) => {
  const { project, cli } = useCliProject(database);
  const versions = () => readdirSync(join(project().dir, 'migrations/versions')).sort();

  test('writes the revision, then applies it: the database is at the new head and matches the schema', () => {
    project().writeSchema({ 'index.ts': NOTES });
    const run = cli('revision', '-m', 'create notes', '--autogenerate', '--upgrade', '--rev-id', 'aaaa00000001');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\+ table notes\nGenerating migrations\/versions\/aaaa00000001_create_notes\.ts \.\.\. done\nRunning upgrade base -> aaaa00000001, create notes \(\d+ ms\)\n$/);
    expect(versions()).toEqual(['aaaa00000001_create_notes.ts']);
    expect(cli('current').stdout.trim()).toBe('aaaa00000001 (head)');
    expect(cli('check').status).toBe(0);
  });

  test('with nothing to change it writes nothing and runs nothing', () => {
    const run = cli('revision', '-m', 'nothing', '--autogenerate', '--upgrade');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('No changes detected');
    expect(run.stdout).not.toContain('Running upgrade');
    expect(versions()).toEqual(['aaaa00000001_create_notes.ts']);
  });

  test('--json gives the revision and the steps that ran', () => {
    project().writeSchema({ 'index.ts': WITH_TITLE });
    const run = cli('revision', '-m', 'add title', '--autogenerate', '--upgrade', '--rev-id', 'bbbb00000002', '--json');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.revision).toBe('bbbb00000002');
    expect(result.summary).toEqual(['+ column notes.title text']);
    expect(result.upgraded).toEqual([expect.objectContaining({ revision: 'bbbb00000002', direction: 'upgrade', from: ['aaaa00000001'], to: ['bbbb00000002'] })]);
    expect(cli('current').stdout.trim()).toBe('bbbb00000002 (head)');
  });

  test('bad input is refused before anything is written or run', () => {
    project().writeSchema({ 'index.ts': NOTES });
    for (const args of [['--upgrade'], ['--autogenerate', '--upgrade', '--dry-run']]) {
      const run = cli('revision', '-m', 'drop title', ...args);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/--upgrade/);
      expect(run.stdout).not.toContain('Running upgrade');
    }
    expect(versions()).toHaveLength(2);
    expect(cli('current').stdout.trim()).toBe('bbbb00000002 (head)');
  });

  test('a column holding data is not dropped without --yes: nothing is written or applied', async () => {
    await project().query((db) => db.insertInto('notes').values({ id: 1, body: 'b', title: 'kept' }).execute());
    const refused = cli('revision', '-m', 'drop title', '--autogenerate', '--upgrade');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/notes\.title/);
    expect(refused.stdout).not.toContain('Running upgrade');
    expect(versions()).toHaveLength(2);
    const rows = await project().query((db) => db.selectFrom('notes').select('title').execute());
    expect(rows).toEqual([{ title: 'kept' }]);
  });

  test('a revision that fails to apply stays written, and the database stays where it was', async () => {
    await project().query((db) => db.insertInto('notes').values({ id: 2, body: 'b', title: 'twin' }).execute());
    project().writeSchema({ 'index.ts': UNIQUE_BODY });
    const failed = cli('revision', '-m', 'unique body', '--autogenerate', '--upgrade', '--rev-id', 'cccc00000003');
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('Generating migrations/versions/cccc00000003_unique_body.ts ... done');
    expect(failed.stderr).toContain('cccc00000003');
    expect(versions()).toContain('cccc00000003_unique_body.ts');
    expect(cli('current').stdout.trim()).toBe('bbbb00000002');
  });
});
