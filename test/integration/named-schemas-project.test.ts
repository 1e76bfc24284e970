/**
 * Named schemas through a real project: `revision --autogenerate` writes the revision file,
 * `upgrade head` runs it, `check` is clean, a change gets its own revision, and `downgrade base`
 * takes everything back, the schema included; a table in an undeclared schema stays. SQLite and
 * MySQL refuse a declared named schema with a clear error and write nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { forEachDialect } from '../helpers/databases.js';
import { createProject, type TestProject } from '../helpers/project.js';

const barrel = (withNote: boolean) => `import { index, integer, pgSchema, table, text } from 'schemigrate';
export const users = table('users', { id: integer().primaryKey() });
const audit = pgSchema('audit');
export const level = audit.enumeration('level', ['info', 'error']);
export const events = audit.table('events', {
  id: integer().primaryKey(),
  userId: integer().references(() => users.columns.id),
  level: level().notNull().default('info'),${withNote ? '\n  note: text(),' : ''}
}, (t) => [index().on(t.userId)]);
`;

forEachDialect(({ dialect, database }) => {
  let project: TestProject;
  beforeAll(() => {
    project = createProject(database().url);
  });
  afterAll(() => project?.remove());
  const versions = () => readdirSync(join(project.dir, 'migrations/versions')).filter((name) => name.endsWith('.ts'));

  if (dialect !== 'postgres') {
    test('a declared named schema is refused and nothing is written', async () => {
      project.writeSchema({ 'index.ts': barrel(false) });
      await expect(project.api.revision({ message: 'audit', autogenerate: true })).rejects.toMatchObject({
        message: expect.stringMatching(/Table audit\.events: named schemas \(pgSchema\) are PostgreSQL-only/),
      });
      expect(versions()).toEqual([]);
    });
    return;
  }

  test('autogenerate, upgrade, check, change, downgrade base', async () => {
    await project.query((db) => sql`create schema other; create table other.keep (id integer)`.execute(db));
    project.writeSchema({ 'index.ts': barrel(false) });
    const first = await project.api.revision({ message: 'audit', autogenerate: true });
    const code = readFileSync(first.file!, 'utf8');
    expect(code).toContain('.createSchema("audit")');
    expect(code).toContain('.createTable("audit.events")');
    expect(code).toContain('.dropSchema("audit")');
    await project.api.upgrade('head');
    expect((await project.api.check()).operations).toEqual([]);

    project.writeSchema({ 'index.ts': barrel(true) });
    const second = await project.api.revision({ message: 'note', autogenerate: true });
    expect(second.operations).toEqual([expect.objectContaining({ kind: 'addColumn', table: 'audit.events' })]);
    await project.api.upgrade('head');
    expect((await project.api.check()).operations).toEqual([]);

    await project.api.downgrade('base');
    const left = await project.query(async (db) => ({
      audit: (await sql`select 1 from pg_namespace where nspname = 'audit'`.execute(db)).rows.length,
      other: (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'other'`.execute(db)).rows,
    }));
    expect(left).toEqual({ audit: 0, other: [{ name: 'keep' }] });
  });
});
