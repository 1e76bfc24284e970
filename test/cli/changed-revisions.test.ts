/**
 * A changed revision file never runs silently (issue 13, item 3), through the built binary on
 * every dialect: `downgrade` of an applied revision whose file was edited, and `upgrade` of a
 * revision with a checksum left behind, refuse with exit 1 and change nothing (counted with the
 * database's own driver); `--allow-changed` runs the file as it is now, and `rechecksum`
 * accepts the edit.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyNotesAndPosts, useCliProject } from '../helpers/cli-project.js';
import { forEachDialect } from '../helpers/databases.js';
import { databaseState, directExecute, directRows } from '../helpers/direct-client.js';

const DOWNGRADE = 'export async function downgrade(db: Kysely<any>): Promise<void> {';

forEachDialect(({ database }) => {
  const setup = useCliProject(database);
  const { cli } = setup;
  const fileOf = (id: string) => {
    const versions = join(setup.project().dir, 'migrations/versions');
    const name = readdirSync(versions).find((file) => file.startsWith(id))!;
    return { name, path: join(versions, name) };
  };
  /** Make the downgrade of `id` also create `marker`, so that a run of the edited text shows. */
  const editDowngrade = (id: string, marker: string) => {
    const { path } = fileOf(id);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(DOWNGRADE);
    writeFileSync(path, text.replace(DOWNGRADE, `${DOWNGRADE}\n  await db.schema.createTable('${marker}').addColumn('id', 'integer').execute();`));
  };
  const checksumOf = async (id: string) =>
    (await directRows(database(), `select checksum from schemigrate_version_checksums where revision = '${id}'`)).map((row) => String(row.checksum).trim());

  test('two revisions, applied, with rows', async () => {
    applyNotesAndPosts(setup);
    await directExecute(database(), ["insert into notes (id, body) values (1, 'kept')", "insert into posts (id, title) values (1, 'kept')"]);
    expect(await databaseState(database())).toMatchObject({ 'notes rows': 1, 'posts rows': 1, versions: ['bbbb00000002'] });
  });

  test('downgrade -1 of an edited file refuses, naming the revision, the file and both ways forward; nothing changes', async () => {
    editDowngrade('bbbb00000002', 'marker_edited');
    const before = await databaseState(database());
    const refused = cli('downgrade', '-1');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(`error: Refusing to downgrade: the file of revision bbbb00000002 (${fileOf('bbbb00000002').path}) has changed since schemigrate_version_checksums recorded it`);
    expect(refused.stderr).toContain('so the database ran other text than the file now holds');
    expect(refused.stderr).toContain('`schemigrate rechecksum bbbb00000002`');
    expect(refused.stderr).toContain('--allow-changed');
    expect(await databaseState(database())).toEqual(before);
  });

  test('--allow-changed runs the edited downgrade, with a warning', async () => {
    const allowed = cli('downgrade', '-1', '--allow-changed');
    expect(allowed.status).toBe(0);
    expect(allowed.stderr).toContain(`warning: Running revision bbbb00000002 although its file (migrations/versions/${fileOf('bbbb00000002').name}) changed`);
    expect(allowed.stdout).toContain('Running downgrade bbbb00000002 -> aaaa00000001');
    const after = await databaseState(database());
    expect(after).toMatchObject({ 'notes rows': 1, 'marker_edited rows': 0, versions: ['aaaa00000001'] });
    expect(after).not.toHaveProperty('posts rows');
    expect(await checksumOf('bbbb00000002')).toEqual([]);
    await directExecute(database(), ['drop table marker_edited']);
  });

  test('after rechecksum the edited file runs without the flag', async () => {
    expect(cli('upgrade', 'head').status).toBe(0);
    const recorded = await checksumOf('bbbb00000002');
    editDowngrade('bbbb00000002', 'marker_again');
    expect(cli('downgrade', '-1').status).toBe(1);
    const rechecksum = cli('rechecksum', 'bbbb');
    expect(rechecksum.stdout.trim()).toBe('Re-recorded the checksum of bbbb00000002.');
    expect(await checksumOf('bbbb00000002')).not.toEqual(recorded);
    const down = cli('downgrade', '-1');
    expect(down.stderr).toBe('');
    expect(down.status).toBe(0);
    expect(await databaseState(database())).toMatchObject({ 'marker_again rows': 0, 'marker_edited rows': 0, versions: ['aaaa00000001'] });
    await directExecute(database(), ['drop table marker_again', 'drop table marker_edited']);
  });

  test('upgrade of a revision whose checksum was left behind, for other text, refuses; --allow-changed replaces the row', async () => {
    expect(cli('upgrade', 'head').status).toBe(0);
    const recorded = await checksumOf('bbbb00000002');
    // The version table moved back by hand, the checksum row left behind, then the file edited.
    await directExecute(database(), ['drop table posts', "update schemigrate_version set version_num = 'aaaa00000001'"]);
    writeFileSync(fileOf('bbbb00000002').path, `${readFileSync(fileOf('bbbb00000002').path, 'utf8')}// edited on another branch\n`);
    const before = await databaseState(database());
    const refused = cli('upgrade', 'head');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`error: Refusing to upgrade: the file of revision bbbb00000002 (${fileOf('bbbb00000002').path}) has changed`);
    expect(refused.stderr).toContain('--allow-changed');
    expect(refused.stderr).not.toContain('warning:'); // the refused revision is not also reported as a warning
    expect(await databaseState(database())).toEqual(before);

    const allowed = cli('upgrade', 'head', '--allow-changed');
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain('Running upgrade aaaa00000001 -> bbbb00000002');
    const replaced = await checksumOf('bbbb00000002');
    expect(replaced).toHaveLength(1);
    expect(replaced).not.toEqual(recorded);
    expect(cli('current').stderr).toBe(''); // the new row matches the file
  });

  test('rechecksum <rev> forgets a checksum left behind, after which upgrade runs', async () => {
    await directExecute(database(), ['drop table posts', "update schemigrate_version set version_num = 'aaaa00000001'"]);
    writeFileSync(fileOf('bbbb00000002').path, `${readFileSync(fileOf('bbbb00000002').path, 'utf8')}// edited again\n`);
    expect(cli('upgrade', 'head').status).toBe(1);
    const forget = cli('rechecksum', 'bbbb00000002');
    expect(forget.status).toBe(0);
    expect(forget.stdout.trim()).toBe('Forgot the checksum of bbbb00000002: not applied.');
    expect(await checksumOf('bbbb00000002')).toEqual([]);
    const upgrade = cli('upgrade', 'head');
    expect(upgrade.status).toBe(0);
    expect(await databaseState(database())).toMatchObject({ 'notes rows': 1, 'posts rows': 0, versions: ['bbbb00000002'] });
    expect(cli('check').status).toBe(0);
  });
});
