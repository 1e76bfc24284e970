/**
 * The fleet from the API (createFleet, createMigrator({ target })): SQLite files and PostgreSQL
 * schemas of one database, the config's targets() called once per fleet, reports in finishing
 * order, forEach with the target's migrator, and the refusals of bad targets and options.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFleet } from '../../src/api/fleet.js';
import { createMigrator } from '../../src/api/migrator.js';
import { createTestDatabase, isAvailable, type TestDatabase } from '../helpers/databases.js';

const REVISION = `/**
 * items
 *
 * Revision ID: e00000000001
 * Revises:
 * Create Date: 2026-12-04T00:00:00.000Z
 */
import type { Kysely } from 'schemigrate';
export const revision = 'e00000000001';
export const downRevision: string | string[] | null = null;
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;
export async function upgrade(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('items').addColumn('id', 'integer', (c) => c.notNull()).addPrimaryKeyConstraint('pk_items', ['id']).execute();
}
export async function downgrade(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('items').execute();
}
`;

let dir: string;
let postgres: TestDatabase;

/** A config whose targets() returns `targets` (as source text) and logs each call in `<config>.calls`. */
function writeConfig(targets: string): string {
  const path = join(dir, `schemigrate.config.${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(
    path,
    `import { appendFileSync } from 'node:fs';\n` +
      `export default { schema: './schema.ts', migrations: './migrations', targets: () => { appendFileSync(${JSON.stringify(`${path}.calls`)}, 'call\\n'); return ${targets}; } };\n`,
  );
  return path;
}

beforeAll(async () => {
  if (!(await isAvailable('postgres'))) throw new Error('The PostgreSQL test server cannot be reached.');
  postgres = await createTestDatabase('postgres');
  dir = mkdtempSync(join(tmpdir(), 'sg-fleet-api-'));
  mkdirSync(join(dir, 'migrations/versions'), { recursive: true });
  writeFileSync(join(dir, 'schema.ts'), "import { integer, table } from 'schemigrate';\nexport const items = table('items', { id: integer().primaryKey() });\n");
  writeFileSync(join(dir, 'migrations/versions/e00000000001_items.ts'), REVISION);
});

afterAll(async () => {
  await postgres.drop();
  rmSync(dir, { recursive: true, force: true });
});

test('createFleet upgrades every target once; forEach hands each target its migrator; createMigrator({ target }) picks one', async () => {
  const config = writeConfig(
    `[...[1, 2, 3, 4].map((i) => ({ name: 'file-' + i, url: 'sqlite:./file-' + i + '.sqlite3' })), { name: 'schema-a', url: ${JSON.stringify(postgres.url)}, schema: 'tenant_a' }, { name: 'schema-b', url: ${JSON.stringify(postgres.url)}, schema: 'tenant_b' }]`,
  );
  const fleet = await createFleet({ config, cwd: dir });
  expect(fleet.targets.map((target) => target.name)).toEqual(['file-1', 'file-2', 'file-3', 'file-4', 'schema-a', 'schema-b']);
  const finished: string[] = [];
  const report = await fleet.upgrade('head', { concurrency: 2, onTargetDone: (target) => finished.push(target.target) });
  expect(report).toMatchObject({ ok: true, failed: [], skipped: [] });
  expect(report.targets.map((target) => target.target)).toEqual(finished);
  expect(report.targets.map((target) => [target.from, target.to, target.steps]).every(([from, to, steps]) => JSON.stringify([from, to, steps]) === '[[],["e00000000001"],1]')).toBe(true);

  const where = await fleet.forEach(async (migrator, target) => `${target.name}@${migrator.config.url?.replace(/^.*\//, '')}`, { concurrency: 6 });
  expect(where.targets.map((target) => target.result).sort()).toEqual([
    'file-1@file-1.sqlite3',
    'file-2@file-2.sqlite3',
    'file-3@file-3.sqlite3',
    'file-4@file-4.sqlite3',
    `schema-a@${new URL(postgres.url).pathname.slice(1)}?options=-c%20search_path%3Dtenant_a`,
    `schema-b@${new URL(postgres.url).pathname.slice(1)}?options=-c%20search_path%3Dtenant_b`,
  ]);
  // One call of targets() for the fleet, however many commands it runs and targets it has.
  expect(readFileSync(`${config}.calls`, 'utf8')).toBe('call\n');

  const migrator = await createMigrator({ config, cwd: dir, target: 'schema-b' });
  try {
    expect(migrator.target).toEqual({ name: 'schema-b', url: postgres.url, schema: 'tenant_b' });
    expect(await migrator.downgrade('base')).toHaveLength(1);
  } finally {
    await migrator.close();
  }
  const current = await fleet.current();
  expect(current.targets.map((target) => [target.target, target.to])).toEqual(
    expect.arrayContaining([['schema-a', ['e00000000001']], ['schema-b', []]]),
  );
}, 60_000);

test('bad targets and options are refused with one message', async () => {
  const duplicate = writeConfig(`[{ name: 'a', url: 'sqlite:./a.sqlite3' }, { name: 'a', url: 'sqlite:./b.sqlite3' }, { name: '', url: 'x' }, { name: 'm', url: 'mysql://root@127.0.0.1/x', schema: 's' }, { name: 'p', url: ${JSON.stringify(postgres.url)}, schema: 'Bad Name' }]`);
  await expect(createFleet({ config: duplicate, cwd: dir })).rejects.toMatchObject({
    code: 'CONFIG_INVALID',
    message: expect.stringMatching(
      /^The config's targets are invalid: the name 'a' is used by more than one target; target #3 needs a 'name' \(a non-empty string\); target 'm' has a 'schema', but schemas per target need PostgreSQL \(its url is mysql\); .*target 'p' has the schema "Bad Name": write a plain lower-case name/,
    ),
  });
  const failing = writeConfig(`(() => { throw new Error('control database unreachable'); })()`);
  await expect(createFleet({ config: failing, cwd: dir })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: "The config's targets() failed: control database unreachable" });
  const fine = writeConfig(`[{ name: 'a', url: 'sqlite:./a.sqlite3' }]`);
  await expect(createFleet({ config: fine, cwd: dir, only: ['b'] })).rejects.toMatchObject({ code: 'UNKNOWN_TARGET', message: "Unknown target 'b'. The config's targets are: a." });
  const fleet = await createFleet({ config: fine, cwd: dir });
  await expect(fleet.upgrade('head', { concurrency: 65 })).rejects.toMatchObject({ message: '--concurrency must be a whole number from 1 to 64, not 65.' });
  await expect(fleet.upgrade('head', { canary: 2 })).rejects.toMatchObject({ message: '--canary must be a whole number from 0 to 1, not 2.' });
  await expect(createMigrator({ config: fine, cwd: dir, target: 'a', url: 'sqlite:./c.sqlite3' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
}, 60_000);

test('a revision graph that cannot be read is refused before any target runs', async () => {
  const config = writeConfig(`[{ name: 'a', url: 'sqlite:./graph-a.sqlite3' }, { name: 'b', url: 'sqlite:./graph-b.sqlite3' }]`);
  const orphan = join(dir, 'migrations/versions/e00000000009_orphan.ts');
  writeFileSync(orphan, REVISION.replaceAll('e00000000001', 'e00000000009').replace("downRevision: string | string[] | null = null", "downRevision: string | string[] | null = 'e0000000dead'"));
  try {
    const fleet = await createFleet({ config, cwd: dir });
    const finished: string[] = [];
    await expect(fleet.upgrade('head', { onTargetDone: (report) => finished.push(report.target) })).rejects.toMatchObject({ code: 'INVALID_GRAPH' });
    expect(finished).toEqual([]);
  } finally {
    rmSync(orphan);
  }
}, 60_000);
