import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Operation } from '../../../src/operations/types.js';
import { executeOperations } from '../../../src/runtime/execute-operations.js';
import { loadRevisionModule } from '../../../src/runtime/load-revision.js';
import { recordStatements } from '../../../src/runtime/statement-recorder.js';
import { SchemigrateError } from '../../../src/util/errors.js';
import { forEachDialect } from '../../helpers/databases.js';
import { tableNames, useOpenDatabase, versionsFolder } from './project.js';

forEachDialect((ctx) => {
  const open = useOpenDatabase(ctx.database);

  test('the recorder sees schema-builder, query-builder and raw sql statements, and which one failed', async () => {
    const { db: recorded, recorder } = recordStatements(open().db);
    await recorded.schema.createTable('recorded').addColumn('id', 'integer').execute();
    await recorded.insertInto('recorded').values({ id: 7 }).execute();
    await sql`update recorded set id = ${8}`.execute(recorded);
    // By shape, not toThrow: better-sqlite3's errors may come from another jest realm.
    await expect(sql`select * from not_a_table`.execute(recorded)).rejects.toMatchObject({ message: expect.stringMatching(/not_a_table/) });

    const placeholder = ctx.dialect === 'postgres' ? '$1' : '?';
    // Kysely quotes identifiers with backticks on MySQL.
    const q = (name: string) => (ctx.dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);
    expect(recorder.statements).toEqual([
      { sql: `create table ${q('recorded')} (${q('id')} integer)`, parameters: [], completed: true },
      { sql: `insert into ${q('recorded')} (${q('id')}) values (${placeholder})`, parameters: [7], completed: true },
      { sql: `update recorded set id = ${placeholder}`, parameters: [8], completed: true },
      { sql: 'select * from not_a_table', parameters: [], completed: false },
    ]);
    expect(recorder.failed?.sql).toBe('select * from not_a_table');
    // The recorder is attached to its own instance only.
    await sql`select 1`.execute(open().db);
    expect(recorder.statements).toHaveLength(4);
  });

  test('without keepCompleted the recorder forgets what completed and still names the failure', async () => {
    const { db: recorded, recorder } = recordStatements(open().db, { keepCompleted: false });
    await recorded.schema.createTable('forgotten').addColumn('id', 'integer').execute();
    await sql`insert into forgotten (id) values (1)`.execute(recorded);
    expect(recorder.statements).toEqual([]);
    await expect(sql`select * from not_a_table_either`.execute(recorded)).rejects.toMatchObject({ message: expect.stringMatching(/not_a_table_either/) });
    expect(recorder.statements).toEqual([{ sql: 'select * from not_a_table_either', parameters: [], completed: false }]);
    expect(recorder.failed?.sql).toBe('select * from not_a_table_either');
  });

  test('executeOperations runs the rendered revision code', async () => {
    const operations: Operation[] = [
      {
        kind: 'createTable',
        table: {
          name: 'from_operations',
          columns: [
            { name: 'id', type: { kind: 'integer' }, nullable: false, autoIncrement: false },
            { name: 'title', type: { kind: 'varchar', length: 50 }, nullable: true, autoIncrement: false },
          ],
          primaryKey: { columns: ['id'] },
          foreignKeys: [],
          uniques: [],
          indexes: [],
          checks: [],
        },
      },
    ];
    await executeOperations(open().db, operations, open().dialect.renderer);
    expect(await tableNames(open().db)).toContain('from_operations');
    await open().db.insertInto('from_operations').values({ id: 1, title: 'x' }).execute();
  });
});

describe('loadRevisionModule', () => {
  const versions = versionsFolder([{ id: 'ffff00000001', up: 'return;', down_: 'return;', extra: 'export const transactional = false;' }]);
  afterAll(() => versions.remove());

  test('loads upgrade, downgrade and transactional', async () => {
    const module = await loadRevisionModule(join(versions.dir, 'ffff00000001_file.ts'));
    expect(module.transactional).toBe(false);
    await expect(module.upgrade(undefined as never)).resolves.toBeUndefined();
  });

  test('a file that does not import is an error naming the file', async () => {
    const file = join(versions.dir, 'broken.ts');
    writeFileSync(file, "export const revision = 'x';\nexport async function upgrade( {\n");
    const error = await loadRevisionModule(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SchemigrateError);
    expect((error as Error).message).toMatch(new RegExp(`Cannot load the revision file ${file}:3: .*Unexpected token`));
  });

  test('a file that throws while loading names the file and line', async () => {
    const file = join(versions.dir, 'throws.ts');
    writeFileSync(file, "export const revision = 'x';\n\nthrow new Error('boom at load');\n");
    const error = await loadRevisionModule(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SchemigrateError);
    expect((error as Error).message).toBe(`Cannot load the revision file ${file}:3: boom at load`);
  });

  test('missing functions and a non-boolean transactional or startsAhead are errors', async () => {
    const noDowngrade = join(versions.dir, 'no-downgrade.ts');
    writeFileSync(noDowngrade, 'export async function upgrade() {}\n');
    await expect(loadRevisionModule(noDowngrade)).rejects.toThrow(/does not export an `async function downgrade\(db\)`/);
    const badFlag = join(versions.dir, 'bad-flag.ts');
    writeFileSync(badFlag, "export async function upgrade() {}\nexport async function downgrade() {}\nexport const transactional = 'no';\n");
    await expect(loadRevisionModule(badFlag)).rejects.toThrow(/`export const transactional` must be true or false/);
    const badAhead = join(versions.dir, 'bad-ahead.ts');
    writeFileSync(badAhead, "export async function upgrade() {}\nexport async function downgrade() {}\nexport const startsAhead = 0;\n");
    await expect(loadRevisionModule(badAhead)).rejects.toThrow(/`export const startsAhead` must be true or false/);
  });
});
