/**
 * The programmatic API on every dialect, as an application uses it: no config file (the keys
 * inline), autogenerate → upgrade → check → downgrade → history, progress events, errors by
 * their code, offline SQL and a merge without a database, and the application's own Kysely
 * instance (left open by `close()`).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createMigrator, SchemigrateError, type Migrator, type MigratorEvent } from '../../src/api/index.js';
import { parseDatabaseUrl } from '../../src/config/url.js';
import { getDialect } from '../../src/dialects/registry.js';
import { forEachDialect } from '../helpers/databases.js';

const USERS = (columns: string) =>
  `import { table, integer, text } from 'schemigrate';\nexport const users = table('users', { id: integer().primaryKey(), name: text()${columns} });\n`;

forEachDialect(({ dialect, database }) => {
  let dir: string;
  let migrator: Migrator;
  const events: MigratorEvent[] = [];
  const writeSchema = (columns: string) => writeFileSync(join(dir, 'schema/index.ts'), USERS(columns));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sg-api-'));
    mkdirSync(join(dir, 'schema'));
    writeSchema('');
    migrator = await createMigrator({ url: database().url, schema: './schema/index.ts', migrations: './migrations', cwd: dir, onEvent: (event) => events.push(event) });
  });
  afterAll(async () => {
    await migrator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('autogenerate, upgrade, check: the results are plain objects and the steps are reported as they run', async () => {
    const created = await migrator.revision({ message: 'create users', autogenerate: true, revId: 'aaaa00000001' });
    expect(created).toEqual({ revision: 'aaaa00000001', file: expect.stringMatching(/aaaa00000001_create_users\.ts$/), operations: [expect.objectContaining({ kind: 'createTable' })], summary: ['+ table users'], findings: [] });
    expect(JSON.parse(JSON.stringify(created))).toEqual(created);

    events.length = 0;
    const steps = await migrator.upgrade('head');
    expect(steps).toEqual([{ revision: 'aaaa00000001', direction: 'upgrade', from: [], to: ['aaaa00000001'], message: 'create users', file: created.file, ms: expect.any(Number) }]);
    expect(events.map((event) => event.type)).toEqual(['revision-start', 'revision-done']);
    expect(await migrator.check()).toEqual({ clean: true, operations: [], summary: [], pending: [] });
    expect(await migrator.current()).toMatchObject({ heads: ['aaaa00000001'], pending: [], atHeads: true });
  });

  test('a drop of data needs allowDataLoss; the error lists what needs an answer', async () => {
    const { db, close } = await connect(database().url);
    try {
      await db.insertInto('users').values({ id: 1, name: 'ada' }).execute();
    } finally {
      await close();
    }
    writeSchema(', email: text()');
    const drift = await migrator.check();
    expect(drift.clean).toBe(false);
    expect(drift.summary).toEqual(['+ column users.email text']);
    // name → email looks like a rename once name is gone: renames are never guessed.
    writeFileSync(join(dir, 'schema/index.ts'), `import { table, integer, text } from 'schemigrate';\nexport const users = table('users', { id: integer().primaryKey() });\n`);
    await expect(migrator.revision({ message: 'drop name', autogenerate: true })).rejects.toMatchObject({
      code: 'ANSWER_REQUIRED',
      details: { dataLoss: { drops: [{ kind: 'column', table: 'users', column: 'name', holdsData: true }] } },
    });
    const dropped = await migrator.revision({ message: 'drop name', autogenerate: true, allowDataLoss: true, revId: 'bbbb00000002' });
    expect(dropped.summary).toEqual(['- column users.name']);
    await expect(migrator.revision({ message: 'again', autogenerate: true })).rejects.toMatchObject({ code: 'PENDING_REVISIONS', details: { pending: ['bbbb00000002'] } });
    expect(await migrator.current()).toMatchObject({ atHeads: false, pending: ['bbbb00000002'] });
  });

  test('renames are answered ahead of time, never asked', async () => {
    await migrator.upgrade();
    writeFileSync(join(dir, 'schema/index.ts'), `import { table, integer } from 'schemigrate';\nexport const people = table('people', { id: integer().primaryKey() });\n`);
    await expect(migrator.revision({ message: 'rename', autogenerate: true })).rejects.toMatchObject({
      code: 'ANSWER_REQUIRED',
      details: { renames: [{ kind: 'table', subject: 'users', to: 'people' }] },
    });
    const renamed = await migrator.revision({ message: 'rename', autogenerate: true, renames: { users: 'people' }, revId: 'cccc00000003' });
    // PostgreSQL also renames the primary key after its table (pk_users → pk_people).
    expect(renamed.operations[0]).toEqual({ kind: 'renameTable', from: 'users', to: 'people' });
    expect(await migrator.upgrade('head')).toHaveLength(1);
    expect((await migrator.check()).clean).toBe(true);
  });

  test('downgrade, history, heads, show, branches, stamp', async () => {
    const down = await migrator.downgrade('-1');
    expect(down).toEqual([expect.objectContaining({ revision: 'cccc00000003', direction: 'downgrade', from: ['cccc00000003'], to: ['bbbb00000002'] })]);
    const history = await migrator.history({ indicateCurrent: true });
    expect(history.map((info) => [info.revision, info.isHead, info.isCurrent])).toEqual([
      ['cccc00000003', true, false],
      ['bbbb00000002', false, true],
      ['aaaa00000001', false, false],
    ]);
    expect((await migrator.heads()).map((info) => info.revision)).toEqual(['cccc00000003']);
    expect(await migrator.show('bbbb')).toMatchObject({ revision: 'bbbb00000002', downRevision: 'aaaa00000001', message: 'drop name' });
    expect(await migrator.branches()).toEqual([]);
    expect(await migrator.stamp('head')).toEqual({ removed: ['bbbb00000002'], recorded: ['cccc00000003'] });
    expect(await migrator.stamp('bbbb00000002')).toEqual({ removed: ['cccc00000003'], recorded: ['bbbb00000002'] });
  });

  test('offline SQL has the statements of each revision', async () => {
    const script = await migrator.sql('base:head');
    expect(script.steps.map((step) => step.revision)).toEqual(['aaaa00000001', 'bbbb00000002', 'cccc00000003']);
    expect(script.steps[0]!.statements.join('\n')).toMatch(/create table/i);
    expect(script.sql).toContain(script.steps[2]!.statements[0]!);
  });

  test('errors carry a stable code', async () => {
    await expect(migrator.show('ffff')).rejects.toMatchObject({ code: 'UNKNOWN_REVISION' });
    await expect(migrator.upgrade('haed')).rejects.toMatchObject({ code: 'UNKNOWN_REVISION', details: { suggestion: 'head' } });
    await expect(migrator.show('ffff')).rejects.toBeInstanceOf(SchemigrateError);
    await expect(createMigrator({ cwd: tmpdir() + '/sg-nowhere-' + dialect })).rejects.toMatchObject({ code: 'CONFIG_NOT_FOUND' });
    const broken = join(dir, 'broken.ts');
    writeFileSync(broken, 'export const = ;\n');
    const badSchema = await createMigrator({ url: database().url, schema: './broken.ts', migrations: './migrations', cwd: dir });
    await expect(badSchema.check()).rejects.toMatchObject({ code: 'SCHEMA_LOAD_FAILED' });
    await badSchema.close();
  });

  test("the application's own Kysely instance: used as it is, left open by close()", async () => {
    const { db, close } = await connect(database().url);
    try {
      const own = await createMigrator({ db, schema: './schema/index.ts', migrations: './migrations', cwd: dir });
      expect(await own.current()).toMatchObject({ heads: ['bbbb00000002'], atHeads: false });
      expect(await own.upgrade('head')).toHaveLength(1);
      expect((await own.check()).clean).toBe(true);
      await own.close();
      expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toHaveLength(1);
    } finally {
      await close();
    }
  });
});

test('merge and revision without operations need no database URL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-api-nourl-'));
  try {
    const migrator = await createMigrator({ schema: './schema/index.ts', migrations: './migrations', cwd: dir });
    await migrator.revision({ message: 'root', revId: 'aaaa00000001' });
    await migrator.revision({ message: 'left', revId: 'bbbb00000001', head: 'aaaa00000001' });
    await migrator.revision({ message: 'right', revId: 'cccc00000001', head: 'aaaa00000001', splice: true });
    await expect(migrator.merge(['heads'], { message: 'join', branchLabels: ['head'] })).rejects.toMatchObject({ message: expect.stringMatching(/Invalid branch label 'head'/) });
    const merged = await migrator.merge(['heads'], { message: 'join', revId: 'dddd00000001' });
    expect(merged).toEqual({ revision: 'dddd00000001', parents: ['bbbb00000001', 'cccc00000001'], file: expect.stringMatching(/dddd00000001_join\.ts$/) });
    await expect(migrator.current()).rejects.toMatchObject({ code: 'NO_DATABASE_URL' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a SQLite file that does not exist is reported by read-only methods, not created', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-api-missing-'));
  try {
    const migrator = await createMigrator({ url: 'sqlite:./missing.sqlite3', schema: './schema/index.ts', migrations: './migrations', cwd: dir });
    await expect(migrator.current()).rejects.toMatchObject({ code: 'DATABASE_NOT_FOUND' });
    await expect(migrator.check()).rejects.toMatchObject({ code: 'DATABASE_NOT_FOUND' });
    await expect(migrator.history({ indicateCurrent: true })).rejects.toMatchObject({ code: 'DATABASE_NOT_FOUND' });
    await migrator.close();
    expect(existsSync(join(dir, 'missing.sqlite3'))).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a server that does not answer is CONNECTION_FAILED', async () => {
  const migrator = await createMigrator({ url: 'postgres://postgres@127.0.0.1:1/nowhere', schema: './s.ts', migrations: './m', cwd: tmpdir() });
  await expect(migrator.current()).rejects.toMatchObject({ code: 'CONNECTION_FAILED' });
  await migrator.close();
});

/** A connection of the test's own. */
async function connect(url: string): Promise<{ db: Kysely<any>; close: () => Promise<void> }> {
  const parsed = parseDatabaseUrl(url, process.cwd());
  const db = await (await getDialect(parsed.dialect)).connect(parsed);
  return { db, close: () => db.destroy() };
}
