/**
 * PostgreSQL's throwaway database for a user who may not create databases: a scratch schema of
 * the project's database instead, removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { POSTGRES_URL } from '../../helpers/databases.js';
import { createProject, withDatabase, type TestProject } from '../../helpers/project.js';
import { useFreshDatabase } from './fresh-database.js';

const ITEMS = `import type { Kysely } from 'schemigrate';
export const revision = 'd00000000001';
export const downRevision = null;
export const branchLabels = null;
export const dependsOn = null;
export async function upgrade(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('items').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('qty', 'integer').execute();
}
export async function downgrade(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('items').execute();
}
`;
const LEAVES_INDEX = `import type { Kysely } from 'schemigrate';
export const revision = 'd00000000002';
export const downRevision = 'd00000000001';
export const branchLabels = null;
export const dependsOn = null;
export async function upgrade(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('ix_items_qty').on('items').column('qty').execute();
}
export async function downgrade(db: Kysely<any>): Promise<void> {}
`;

const fresh = useFreshDatabase();
const role = `sg_nocreatedb_${randomBytes(4).toString('hex')}`;
let project: TestProject;

beforeAll(async () => {
  const { db, url } = fresh();
  const database = new URL(url.connectionString).pathname.slice(1);
  await sql.raw(`create role ${role} login nocreatedb`).execute(db);
  await sql.raw(`grant create on database ${database} to ${role}`).execute(db);
  const asRole = new URL(url.connectionString);
  asRole.username = role;
  project = createProject(asRole.toString());
  writeFileSync(join(project.dir, 'migrations/versions/d00000000001_items.ts'), ITEMS);
  writeFileSync(join(project.dir, 'migrations/versions/d00000000002_index.ts'), LEAVES_INDEX);
});

// After the fresh database (all the role owned) is dropped: the role is dropped on the server.
afterAll(async () => {
  await project?.remove();
  await withDatabase(POSTGRES_URL, process.cwd(), (db) => sql.raw(`drop role if exists ${role}`).execute(db));
});

test('proves revisions in a scratch schema, names the difference, and drops the schema', async () => {
  const { revisions } = await project.api.test({ range: 'base:head' });
  expect(revisions).toMatchObject([
    { revision: 'd00000000001', status: 'ok' },
    { revision: 'd00000000002', status: 'failed', step: 'downgrade', differences: [expect.stringMatching(/^- index ix_items_qty\b/)] },
  ]);
  const { rows } = await sql<{ name: string }>`select nspname as name from pg_namespace where nspname like 'schemigrate_scratch_%'`.execute(fresh().db);
  expect(rows).toEqual([]);
});
