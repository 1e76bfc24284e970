/**
 * Tamper detection (issue 7, docs/reliability.md): the checksum table records each applied
 * revision file; `upgrade`, `current` and `check` warn, naming the file, when an applied file
 * changed or disappeared; line endings do not count; `rechecksum` re-records on purpose; stamp,
 * downgrade and a failed revision keep the table in step. On every dialect.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { connectTestDatabase, forEachDialect } from '../helpers/databases.js';
import { createProject, type TestProject } from '../helpers/project.js';

const USERS = `import { table, integer, text } from 'schemigrate';
export const users = table('users', { id: integer().primaryKey(), name: text() });
`;

function handRevision(id: string, down: string, up: string): string {
  return `/**\n * ${id}\n */\nimport { sql, type Kysely } from 'schemigrate';\n\n` +
    `export const revision = '${id}';\nexport const downRevision: string | string[] | null = '${down}';\n` +
    `export const branchLabels: string[] | null = null;\nexport const dependsOn: string[] | null = null;\n\n` +
    `export async function upgrade(db: Kysely<any>): Promise<void> {\n  void sql;\n  ${up}\n}\n\n` +
    `export async function downgrade(db: Kysely<any>): Promise<void> {\n  void db;\n}\n`;
}

forEachDialect(({ dialect, database }) => {
  let project: TestProject;
  let db: Kysely<any>;
  const file = (name: string) => join(project.dir, 'migrations/versions', name);
  const A = 'aaaa00000001_create_users.ts';
  const B = 'bbbb00000002_noop.ts';

  beforeAll(async () => {
    project = createProject(database().url);
    ({ db } = await connectTestDatabase(database()));
  });
  afterAll(async () => {
    await db?.destroy();
    await project?.remove();
  });

  const checksumRows = async () =>
    (await db.selectFrom('schemigrate_version_checksums').select(['revision', 'checksum']).orderBy('revision').execute()).map((row) => ({
      revision: String(row.revision),
      checksum: String(row.checksum).trim(),
    }));

  /** Warnings of `current`, `check` and `upgrade head`, in that order. */
  async function warningsOfEveryCommand(): Promise<string[][]> {
    const warnings = () => project.takeLines().filter((line) => line.startsWith('warning: ')).map((line) => line.slice('warning: '.length));
    project.takeLines();
    await project.api.current();
    const current = warnings();
    await project.api.check();
    const check = warnings();
    await project.api.upgrade('head');
    return [current, check, warnings()];
  }

  test('applying records a checksum per revision; nothing is reported while the files are untouched', async () => {
    project.writeSchema({ 'index.ts': USERS });
    await project.api.revision({ message: 'create users', autogenerate: true, revId: 'aaaa00000001' });
    writeFileSync(file(B), handRevision('bbbb00000002', 'aaaa00000001', 'void db;'));
    await project.api.upgrade('head');
    expect((await checksumRows()).map((row) => row.revision)).toEqual(['aaaa00000001', 'bbbb00000002']);
    expect((await checksumRows()).every((row) => /^[0-9a-f]{64}$/.test(row.checksum))).toBe(true);
    expect(await warningsOfEveryCommand()).toEqual([[], [], []]);
  });

  test('CRLF line endings are not an edit', async () => {
    writeFileSync(file(A), readFileSync(file(A), 'utf8').replace(/\n/g, '\r\n'));
    expect(await warningsOfEveryCommand()).toEqual([[], [], []]);
  });

  test('an edited applied file is named by upgrade, current and check; rechecksum accepts the edit', async () => {
    writeFileSync(file(A), `${readFileSync(file(A), 'utf8')}// edited after it was applied\n`);
    const warning = `The file of applied revision aaaa00000001 (migrations/versions/${A}) has changed since it was applied; the database ran the earlier text. Undo the edit, or run \`schemigrate rechecksum aaaa00000001\` if it is intended.`;
    expect(await warningsOfEveryCommand()).toEqual([[warning], [warning], [warning]]);

    expect(await project.api.rechecksum(['aaaa'])).toEqual({ rerecorded: ['aaaa00000001'], forgotten: [] });
    expect(await warningsOfEveryCommand()).toEqual([[], [], []]);
  });

  test('an applied revision whose file disappeared is named; rechecksum forgets it once it is not applied', async () => {
    // As if someone moved the version table back by hand and deleted the newer file.
    await db.updateTable('schemigrate_version').set({ version_num: 'aaaa00000001' }).execute();
    rmSync(file(B));
    project.takeLines();
    await project.api.current();
    expect(project.takeLines()).toEqual([expect.stringMatching(/^warning: Applied revision bbbb00000002 has no file in migrations\/versions: it was deleted or its ID changed/)]);

    await project.api.rechecksum([]);
    expect((await checksumRows()).map((row) => row.revision)).toEqual(['aaaa00000001']);
    project.takeLines();
    expect(await warningsOfEveryCommand()).toEqual([[], [], []]);
  });

  test('downgrade forgets checksums; stamp records and forgets them without running anything', async () => {
    writeFileSync(file(B), handRevision('bbbb00000002', 'aaaa00000001', 'throw new Error("stamp must not run this");'));
    await project.api.stamp(['head'], { purge: false });
    expect((await checksumRows()).map((row) => row.revision)).toEqual(['aaaa00000001', 'bbbb00000002']);
    await project.api.stamp(['aaaa00000001'], { purge: false });
    expect((await checksumRows()).map((row) => row.revision)).toEqual(['aaaa00000001']);
    await project.api.stamp(['head'], { purge: true });
    expect((await checksumRows()).map((row) => row.revision)).toEqual(['aaaa00000001', 'bbbb00000002']);
    await project.api.stamp(['aaaa00000001'], { purge: false });
    await project.api.downgrade('base');
    expect(await checksumRows()).toEqual([]);
  });

  test('a revision that fails halfway leaves the version and checksum tables as they were', async () => {
    writeFileSync(file(B), handRevision('bbbb00000002', 'aaaa00000001', 'await sql`create table half_done (id integer)`.execute(db);\n  await sql`select * from no_such_table`.execute(db);'));
    await project.api.upgrade('aaaa00000001');
    const before = await checksumRows();
    const failure = project.api.upgrade('head');
    if (dialect === 'mysql') {
      await expect(failure).rejects.toMatchObject({ message: expect.stringMatching(/had already run and were not rolled back: create table half_done/) });
      await db.schema.dropTable('half_done').execute();
    } else {
      await expect(failure).rejects.toMatchObject({ message: expect.stringMatching(/rolled back; the database and the version table are as they were before it/) });
      expect((await db.introspection.getTables()).map((table) => table.name)).not.toContain('half_done');
    }
    expect(await checksumRows()).toEqual(before);
    expect((await db.selectFrom('schemigrate_version').select('version_num').execute()).map((row) => row.version_num)).toEqual(['aaaa00000001']);
  });

  test('a checksum row left behind for the same text does not stop the upgrade: it is replaced', async () => {
    writeFileSync(file(B), handRevision('bbbb00000002', 'aaaa00000001', 'void db;'));
    await project.api.upgrade('head');
    const recorded = await checksumRows();
    // The version table moved back by hand; the checksum row of bbbb00000002 stays.
    await db.updateTable('schemigrate_version').set({ version_num: 'aaaa00000001' }).execute();
    project.takeLines();
    await project.api.upgrade('head');
    expect(project.takeLines()).toEqual([expect.stringMatching(/^Running upgrade aaaa00000001 -> bbbb00000002/)]);
    expect(await checksumRows()).toEqual(recorded);
  });

  test('autogenerate never proposes changes to the checksum table', async () => {
    expect((await project.api.check()).operations).toEqual([]);
  });
});
