/**
 * Tamper detection (issue 7, docs/reliability.md): the checksum table records each applied
 * revision file; `upgrade`, `current` and `check` warn, naming the file, when an applied file
 * changed or disappeared; line endings do not count; `rechecksum` re-records on purpose; stamp,
 * downgrade and a failed revision keep the table in step. On every dialect.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { checkSchema } from '../../src/commands/check.js';
import { current } from '../../src/commands/inspect.js';
import { migrate, stamp } from '../../src/commands/migrate.js';
import { createRevision } from '../../src/commands/revision.js';
import { rechecksum } from '../../src/commands/tamper.js';
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
    project?.remove();
  });

  const checksumRows = async () =>
    (await db.selectFrom('schemigrate_version_checksums').select(['revision', 'checksum']).orderBy('revision').execute()).map((row) => ({
      revision: String(row.revision),
      checksum: String(row.checksum).trim(),
    }));

  /** Warnings of `current`, `check` and `upgrade head`, in that order. */
  async function warningsOfEveryCommand(): Promise<string[][]> {
    const config = await project.config();
    const lines: string[] = [];
    await current(config, {}, { print: () => undefined, warn: (line) => lines.push(line) });
    project.takeLines();
    await checkSchema(config, project.reporter);
    const check = project.takeLines().filter((line) => line.startsWith('warning: ')).map((line) => line.slice('warning: '.length));
    await migrate(config, 'upgrade', 'head', project.reporter);
    const upgrade = project.takeLines().filter((line) => line.startsWith('warning: ')).map((line) => line.slice('warning: '.length));
    return [lines, check, upgrade];
  }

  test('applying records a checksum per revision; nothing is reported while the files are untouched', async () => {
    project.writeSchema({ 'index.ts': USERS });
    const config = await project.config();
    await createRevision(config, { message: 'create users', autogenerate: true, revId: 'aaaa00000001' }, project.reporter);
    writeFileSync(file(B), handRevision('bbbb00000002', 'aaaa00000001', 'void db;'));
    await migrate(config, 'upgrade', 'head', project.reporter);
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

    await rechecksum(await project.config(), ['aaaa'], project.reporter);
    expect(project.takeLines()).toEqual(['Re-recorded the checksum of aaaa00000001.']);
    expect(await warningsOfEveryCommand()).toEqual([[], [], []]);
  });

  test('an applied revision whose file disappeared is named; rechecksum forgets it once it is not applied', async () => {
    // As if someone moved the version table back by hand and deleted the newer file.
    await db.updateTable('schemigrate_version').set({ version_num: 'aaaa00000001' }).execute();
    rmSync(file(B));
    const config = await project.config();
    const lines: string[] = [];
    await current(config, {}, { print: () => undefined, warn: (line) => lines.push(line) });
    expect(lines).toEqual([expect.stringMatching(/^Applied revision bbbb00000002 has no file in migrations\/versions: it was deleted or its ID changed/)]);

    await rechecksum(config, [], project.reporter);
    expect((await checksumRows()).map((row) => row.revision)).toEqual(['aaaa00000001']);
    project.takeLines();
    expect(await warningsOfEveryCommand()).toEqual([[], [], []]);
  });

  test('downgrade forgets checksums; stamp records and forgets them without running anything', async () => {
    const config = await project.config();
    writeFileSync(file(B), handRevision('bbbb00000002', 'aaaa00000001', 'throw new Error("stamp must not run this");'));
    await stamp(config, ['head'], { purge: false }, project.reporter);
    expect((await checksumRows()).map((row) => row.revision)).toEqual(['aaaa00000001', 'bbbb00000002']);
    await stamp(config, ['aaaa00000001'], { purge: false }, project.reporter);
    expect((await checksumRows()).map((row) => row.revision)).toEqual(['aaaa00000001']);
    await stamp(config, ['head'], { purge: true }, project.reporter);
    expect((await checksumRows()).map((row) => row.revision)).toEqual(['aaaa00000001', 'bbbb00000002']);
    await stamp(config, ['aaaa00000001'], { purge: false }, project.reporter);
    await migrate(config, 'downgrade', 'base', project.reporter);
    expect(await checksumRows()).toEqual([]);
  });

  test('a revision that fails halfway leaves the version and checksum tables as they were', async () => {
    const config = await project.config();
    writeFileSync(file(B), handRevision('bbbb00000002', 'aaaa00000001', 'await sql`create table half_done (id integer)`.execute(db);\n  await sql`select * from no_such_table`.execute(db);'));
    await migrate(config, 'upgrade', 'aaaa00000001', project.reporter);
    const before = await checksumRows();
    const failure = migrate(config, 'upgrade', 'head', project.reporter);
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
    const config = await project.config();
    writeFileSync(file(B), handRevision('bbbb00000002', 'aaaa00000001', 'void db;'));
    await migrate(config, 'upgrade', 'head', project.reporter);
    const recorded = await checksumRows();
    // The version table moved back by hand; the checksum row of bbbb00000002 stays.
    await db.updateTable('schemigrate_version').set({ version_num: 'aaaa00000001' }).execute();
    project.takeLines();
    await migrate(config, 'upgrade', 'head', project.reporter);
    expect(project.takeLines()).toEqual([expect.stringMatching(/^Running upgrade aaaa00000001 -> bbbb00000002/)]);
    expect(await checksumRows()).toEqual(recorded);
  });

  test('autogenerate never proposes changes to the checksum table', async () => {
    expect(await checkSchema(await project.config(), project.reporter)).toEqual([]);
  });
});
