/**
 * `migrator.test()`: each revision proved by upgrade, downgrade, upgrade in a throwaway
 * database; a wrong downgrade is caught with the difference named, on every dialect.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { forEachDialect } from '../helpers/databases.js';
import { createProject, withDatabase, type TestProject } from '../helpers/project.js';

/** A revision file: `upgrade` and `downgrade` bodies as Kysely code on `db`. */
function revisionFile(id: string, parent: string | null, [upgrade, downgrade]: readonly [string, string]): string {
  return `import { sql, type Kysely } from 'schemigrate';
export const revision = '${id}';
export const downRevision: string | null = ${parent === null ? 'null' : `'${parent}'`};
export const branchLabels = null;
export const dependsOn = null;
export async function upgrade(db: Kysely<any>): Promise<void> {
  void sql;
  ${upgrade}
}
export async function downgrade(db: Kysely<any>): Promise<void> {
  ${downgrade}
}
`;
}

const CREATE_ITEMS = `await db.schema.createTable('items')
    .addColumn('id', 'integer', (c) => c.notNull().primaryKey())
    .addColumn('qty', 'integer')
    .addColumn('name', 'varchar(50)', (c) => c.defaultTo('x'))
    .execute();`;

const BASE = revisionFile('a00000000001', null, [CREATE_ITEMS, "await db.schema.dropTable('items').execute();"]);

/** Second revisions, each revising the base: the good one, and one per wrong downgrade. */
const SECOND = (dialect: string) => ({
  good: [
    `await db.schema.alterTable('items').addColumn('note', 'varchar(20)', (c) => c.defaultTo('n')).execute();
  await db.schema.createIndex('ix_items_note').on('items').column('note').execute();`,
    `await db.schema.dropIndex('ix_items_note')${dialect === 'mysql' ? ".on('items')" : ''}.execute();
  await db.schema.alterTable('items').dropColumn('note').execute();`,
  ],
  columnNotRestored: [`await db.schema.alterTable('items').dropColumn('qty').execute();`, ''],
  defaultForgotten: [
    `await db.schema.alterTable('items').dropColumn('name').execute();`,
    `await db.schema.alterTable('items').addColumn('name', 'varchar(50)').execute();`,
  ],
  upgradeFails: [`await sql\`select * from no_such_table\`.execute(db);`, ''],
  indexLeftBehind: [`await db.schema.createIndex('ix_items_qty').on('items').column('qty').execute();`, ''],
  rowsLost: [
    `await db.schema.alterTable('items').addColumn('note', 'varchar(20)').execute();`,
    `await db.schema.dropTable('items').execute();
  ${CREATE_ITEMS}`,
  ],
}) as const;

const SEED = "insert into items (id, qty, name) values (1, 10, 'a');\ninsert into items (id, qty, name) values (2, 20, 'b');\n";

forEachDialect(({ dialect, database }) => {
  let project: TestProject;
  let count = 1;
  beforeAll(() => {
    project = createProject(database().url);
    writeFileSync(join(project.dir, 'migrations/versions/a00000000001_items.ts'), BASE);
    writeFileSync(join(project.dir, 'seed.sql'), SEED);
  });
  afterAll(() => project.remove());

  /** Replace the second revision with `kind` (a new ID each time: modules are cached by path). */
  function useSecond(kind: keyof ReturnType<typeof SECOND>): string {
    const versions = join(project.dir, 'migrations/versions');
    for (const file of readdirSync(versions)) if (file.startsWith('b')) rmSync(join(versions, file));
    const id = `b0000000000${++count}`;
    writeFileSync(join(project.dir, `migrations/versions/${id}_${kind}.ts`), revisionFile(id, 'a00000000001', SECOND(dialect)[kind]));
    return id;
  }

  test('correct revisions pass, and the throwaway database is gone afterwards', async () => {
    const id = useSecond('good');
    const result = await project.api.test({ range: 'base:head' });
    expect(result).toMatchObject({ ok: true, revisions: [{ revision: 'a00000000001', status: 'ok' }, { revision: id, status: 'ok' }] });
    expect(await scratchDatabases(dialect, database().url, project.dir)).toEqual([]);
  });

  test('a dropped column the downgrade does not restore', async () => {
    const id = useSecond('columnNotRestored');
    const { ok, revisions } = await project.api.test({ range: 'base:head' });
    expect(ok).toBe(false);
    expect(revisions[1]).toMatchObject({ revision: id, status: 'failed', step: 'downgrade' });
    expect(revisions[1]!.differences).toEqual([expect.stringMatching(/^\+ column items\.qty\b/)]);
  });

  test('a default the downgrade forgets', async () => {
    useSecond('defaultForgotten');
    const { revisions } = await project.api.test({ range: 'base:head' });
    expect(revisions[1]).toMatchObject({ status: 'failed', step: 'downgrade' });
    expect(revisions[1]!.differences).toEqual([expect.stringMatching(/^~ column items\.name: .*default/)]);
  });

  test('an index the downgrade leaves behind', async () => {
    useSecond('indexLeftBehind');
    const { revisions } = await project.api.test({ range: 'base:head' });
    expect(revisions[1]).toMatchObject({ status: 'failed', step: 'downgrade' });
    expect(revisions[1]!.differences).toEqual([expect.stringMatching(/^- index ix_items_qty\b/)]);
  });

  test('an upgrade that fails is named with its error, and the revisions after it are skipped', async () => {
    const id = useSecond('upgradeFails');
    writeFileSync(join(project.dir, 'migrations/versions/b99999999999_after.ts'), revisionFile('b99999999999', id, ['', '']));
    const { ok, revisions } = await project.api.test({ range: 'base:head' });
    expect(ok).toBe(false);
    expect(revisions).toMatchObject([{ status: 'ok' }, { revision: id, status: 'failed', step: 'upgrade', error: expect.stringMatching(/no_such_table/) }, { revision: 'b99999999999', status: 'skipped' }]);
  });

  test('rows the downgrade loses are caught with a seed', async () => {
    useSecond('rowsLost');
    expect((await project.api.test({ range: 'a00000000001:head' })).ok).toBe(true);
    // The seed runs at the start of the range, where the table exists.
    const { revisions } = await project.api.test({ range: 'a00000000001:head', seed: 'seed.sql' });
    expect(revisions.map((revision) => revision.status)).toEqual(['failed']);
    expect(revisions[0]).toMatchObject({ step: 'rows', differences: ['rows of items: 2 before the upgrade, 0 after the downgrade'] });
  });

  test('a correct revision keeps the seeded rows', async () => {
    useSecond('good');
    expect(await project.api.test({ range: 'a00000000001:head', seed: 'seed.sql' })).toMatchObject({ ok: true, revisions: [{ status: 'ok' }] });
  });

  test('by default only the pending revisions are proved, from where the database is', async () => {
    const id = useSecond('good');
    await project.api.upgrade('a00000000001');
    const { revisions } = await project.api.test();
    expect(revisions).toEqual([expect.objectContaining({ revision: id, status: 'ok' })]);
  });
});

/** Scratch databases left on the server (SQLite: none can be left, its folder is removed). */
async function scratchDatabases(dialect: string, url: string, dir: string): Promise<string[]> {
  return withDatabase(url, dir, async (db: Kysely<any>) => {
    if (dialect === 'postgres') {
      const { rows } = await sql<{ name: string }>`select datname as name from pg_database where datname like 'schemigrate_scratch_%'`.execute(db);
      return rows.map((row) => row.name);
    }
    return [];
  });
}
