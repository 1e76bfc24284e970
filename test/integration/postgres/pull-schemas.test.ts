/**
 * `pull --schema` and `--all-schemas` on PostgreSQL: tables of named schemas go to modules that
 * use `pgSchema(…)`, named after schema and table so that equal table names in two schemas do
 * not clash; `check` then reads those schemas too and finds nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import { createTestDatabase, testWithServer, type TestDatabase } from '../../helpers/databases.js';
import { createProject, replayOnDatabase, type TestProject } from '../../helpers/project.js';
import { codeText } from '../../helpers/code-text.js';

const DDL = `
  create schema audit;
  create schema sales;
  create schema only_views;
  create extension if not exists pg_trgm;
  create table users (id integer primary key, name text not null);
  create table audit.users (id integer primary key, login text);
  create type audit.level as enum ('info', 'error');
  create table audit.events (
    id integer primary key,
    user_id integer references public.users (id) on delete cascade,
    audit_user_id integer references audit.users (id),
    level audit.level not null default 'info'
  );
  create table posts (id integer primary key, event_id integer references audit.events (id));
  create table sales.orders (id integer primary key, placed_at timestamptz not null default now());
  create view only_views.user_names as select name from public.users;
  create schema "odd.name";
  create table "odd.name".things (id integer primary key);
`;

let database: TestDatabase;
let project: TestProject;
const pgTest = testWithServer('postgres');

beforeEach(async () => {
  database = await createTestDatabase('postgres');
  const db = await postgresDialect.connect({ dialect: 'postgres', connectionString: database.url, display: database.url });
  try {
    await sql.raw(DDL).execute(db);
  } finally {
    await db.destroy();
  }
  project = createProject(database.url);
});

afterEach(async () => {
  await project.remove();
  await database.drop();
});

const schemaDir = () => join(project.dir, 'src/db/schema');

describe('postgres: pull --schema', () => {
  pgTest('pulls the named schemas into pgSchema modules; check then reads them and finds nothing', async () => {
    await project.api.pull({ schemas: ['audit', 'public'] });
    expect(readdirSync(schemaDir()).sort()).toEqual(['audit-events.ts', 'audit-users.ts', 'enums.ts', 'index.ts', 'posts.ts', 'users.ts']);
    const events = readFileSync(join(schemaDir(), 'audit-events.ts'), 'utf8');
    expect(codeText(events)).toContain(codeText("export const auditEvents = pgSchema('audit').table('events', {"));
    expect(codeText(events)).toContain(codeText("user_id: integer().references(() => users.columns.id, { onDelete: 'cascade', name: 'events_user_id_fkey' }),"));
    expect(codeText(events)).toContain(codeText("audit_user_id: integer().references(() => auditUsers.columns.id, { name: 'events_audit_user_id_fkey' }),"));
    expect(codeText(events)).toContain(codeText("level: auditLevel().notNull().default('info')"));
    expect(codeText(readFileSync(join(schemaDir(), 'enums.ts'), 'utf8'))).toContain(codeText("export const auditLevel = pgSchema('audit').enumeration('level', ['info', 'error']);"));
    // The view lives in a schema not read.
    expect(project.takeLines()).toEqual(['Wrote 4 tables and 1 enumeration to src/db/schema (6 modules, barrel index.ts).']);
    expect((await project.api.check()).operations).toEqual([]);
  });

  pgTest('--all-schemas reads every user schema, leaving out system and extension-owned ones', async () => {
    await project.api.pull({ allSchemas: true });
    expect(readdirSync(schemaDir()).sort()).toEqual([
      'audit-events.ts', 'audit-users.ts', 'enums.ts', 'index.ts', 'posts.ts', 'sales-orders.ts', 'users.ts',
    ]);
    const lines = project.takeLines();
    expect(lines).toContain('skipped 1 view (out of scope: never touched)');
    expect(lines).toContain("warning: schema odd.name is not pulled: a name holding '.' cannot be declared with pgSchema()");
    expect((await project.api.check()).operations).toEqual([]);
  });

  pgTest('without --schema, a foreign key into a schema not read is left out with a warning', async () => {
    await project.api.pull();
    expect(readdirSync(schemaDir()).sort()).toEqual(['index.ts', 'posts.ts', 'users.ts']);
    expect(project.takeLines()).toContain(
      'warning: foreign key posts.posts_event_id_fkey (→ audit.events) points at a table that is not pulled (tables.exclude, or a schema not read); it is left out of the modules',
    );
  });

  pgTest('--stamp: the baseline creates the pulled schemas, so a fresh database gets them from upgrade head', async () => {
    const config = await project.config();
    await project.api.pull({ schemas: ['audit'], stamp: true });
    const versions = readdirSync(config.versionsDir);
    const baseline = readFileSync(join(config.versionsDir, versions[0]!), 'utf8');
    expect(codeText(baseline)).toContain(codeText("createSchema('audit')"));
    // Only schemas the modules declare: `sales` and `only_views` were not pulled.
    expect(codeText(baseline)).not.toMatch(/createSchema\('(sales|only_views)'\)/);
    expect((await project.api.check()).operations).toEqual([]);

    const fresh = await createTestDatabase('postgres');
    try {
      expect(await replayOnDatabase({ versionsDir: config.versionsDir, schemaDir: schemaDir() }, fresh.url)).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });

  pgTest('a schema the database lacks is refused before anything is written', async () => {
    await expect(project.api.pull({ schemas: ['audit', 'nope'] })).rejects.toMatchObject({
      message: expect.stringMatching(/--schema names 1 schema the database does not have \(nope\); nothing was written\. Its schemas: public, audit, odd\.name, only_views, sales\./),
    });
    await expect(project.api.pull({ schemas: ['odd.name'] })).rejects.toMatchObject({
      message: expect.stringMatching(/^--schema odd\.name: a schema name holding '\.' cannot be declared with pgSchema\(\)/),
    });
    expect(() => readdirSync(schemaDir())).toThrow();
  });
});
