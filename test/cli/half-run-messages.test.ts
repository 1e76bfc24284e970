/**
 * A revision that fails halfway with nothing to roll it back — MySQL/MariaDB's implicit DDL
 * commits, or `transactional = false` on PostgreSQL and SQLite — is described truthfully
 * (issue 13, item 11), through the built binary: the statements that ran, what the version
 * table records now (for a downgrade: the revision itself), and a way out that works. Checked
 * against the database with its own driver, then the advice is followed.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Run } from '../helpers/cli.js';
import { useCliProject } from '../helpers/cli-project.js';
import { forEachDialect } from '../helpers/databases.js';
import { databaseState, directExecute } from '../helpers/direct-client.js';

/** A hand-written revision on top of aaaa00000001. */
function revision(transactional: boolean, up: string, down: string): string {
  return `/**\n * tags\n */\nimport { sql, type Kysely } from 'schemigrate';\n\n` +
    `export const revision = 'cccc00000003';\nexport const downRevision: string | string[] | null = 'aaaa00000001';\n` +
    `export const branchLabels: string[] | null = null;\nexport const dependsOn: string[] | null = null;\n` +
    (transactional ? '' : 'export const transactional = false;\n') +
    `\nexport async function upgrade(db: Kysely<any>): Promise<void> {\n  ${up}\n}\n\n` +
    `export async function downgrade(db: Kysely<any>): Promise<void> {\n  ${down}\n}\n`;
}

forEachDialect(({ dialect, database }) => {
  const { project, cli } = useCliProject(database);
  const file = () => join(project().dir, 'migrations/versions/cccc00000003_tags.ts');
  // MySQL commits DDL whatever the revision says; elsewhere only a non-transactional revision half-runs.
  const transactional = dialect === 'mysql';

  /** The run failed as one paragraph with exit status 1. */
  function expectOneParagraph(run: Run): string {
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    return run.stderr;
  }

  test('a project at aaaa00000001', () => {
    project().writeSchema({ 'index.ts': "import { table, integer } from 'schemigrate';\nexport const notes = table('notes', { id: integer().primaryKey() });\n" });
    expect(cli('revision', '-m', 'create notes', '--autogenerate', '--rev-id', 'aaaa00000001').status).toBe(0);
    expect(cli('upgrade', 'head').status).toBe(0);
  });

  test('a downgrade failing midway: the revision is still recorded; finishing by hand and stamping recovers', async () => {
    writeFileSync(
      file(),
      revision(
        transactional,
        'await sql`create table tags (id integer)`.execute(db);\n  await sql`create table labels (id integer)`.execute(db);',
        'await sql`drop table tags`.execute(db);\n  await sql`drop table no_such_table`.execute(db);\n  await sql`drop table labels`.execute(db);',
      ),
    );
    expect(cli('upgrade', 'head').status).toBe(0);
    const message = expectOneParagraph(cli('downgrade', '-1'));
    expect(message).toContain('error: The downgrade of revision cccc00000003 (tags) failed');
    expect(message).toContain('Failing statement: drop table no_such_table');
    expect(message).toContain('These statements of the revision had already run and were not rolled back: drop table tags.');
    expect(message).toContain('The version table now lists cccc00000003: revision cccc00000003 is still recorded as applied.');
    expect(message).toContain('record it with `schemigrate stamp aaaa00000001`');
    expect(message).not.toContain('parent(s)');
    const state = await databaseState(database());
    expect(state).toMatchObject({ versions: ['cccc00000003'], 'labels rows': 0 });
    expect(state).not.toHaveProperty('tags rows');

    await directExecute(database(), ['drop table labels']);
    expect(cli('stamp', 'aaaa00000001').status).toBe(0);
    expect(cli('current').stdout.trim()).toBe('aaaa00000001');
    expect(cli('check').status).toBe(0);
  });

  test('an upgrade failing midway: the revision is not recorded; undoing by hand recovers', async () => {
    writeFileSync(file(), revision(transactional, 'await sql`create table tags (id integer)`.execute(db);\n  await sql`select * from nothing_here`.execute(db);', ''));
    const message = expectOneParagraph(cli('upgrade', 'head'));
    expect(message).toContain('error: The upgrade of revision cccc00000003 (tags) failed');
    expect(message).toContain('These statements of the revision had already run and were not rolled back: create table tags (id integer).');
    expect(message).toContain('The version table now lists aaaa00000001: revision cccc00000003 is not recorded as applied.');
    expect(message).toContain('record it with `schemigrate stamp cccc00000003`');
    expect(await databaseState(database())).toMatchObject({ versions: ['aaaa00000001'], 'tags rows': 0 });

    await directExecute(database(), ['drop table tags']);
    rmSync(file());
    expect(cli('check').status).toBe(0);
  });
});
