/**
 * `schemigrate test` interrupted by Ctrl-C: the throwaway database is removed before the process
 * exits (130), on every dialect. A seed module names its database and then waits to be killed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { spawnCli } from '../helpers/cli.js';
import { applyNotesAndPosts, useCliProject } from '../helpers/cli-project.js';
import { forEachDialect } from '../helpers/databases.js';
import { pollUntil } from '../helpers/poll.js';

/** Where each dialect says which database a connection is on. */
const CURRENT_DATABASE = {
  sqlite: "(await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db)).rows[0]!.file",
  postgres: '(await sql<{ name: string }>`select current_database() as name`.execute(db)).rows[0]!.name',
  mysql: '(await sql<{ name: string }>`select database() as name`.execute(db)).rows[0]!.name',
};

forEachDialect(({ dialect, database }) => {
  const cliProject = useCliProject(database);
  const { project } = cliProject;

  test('the throwaway database is removed on SIGINT', async () => {
    applyNotesAndPosts(cliProject);
    const dir = project().dir;
    const marker = join(dir, 'throwaway-name');
    writeFileSync(
      join(dir, 'slow-seed.ts'),
      `import { writeFileSync } from 'node:fs';
import { sql, type Kysely } from 'schemigrate';
export async function seed(db: Kysely<any>): Promise<void> {
  writeFileSync(${JSON.stringify(marker)}, ${CURRENT_DATABASE[dialect]});
  await new Promise((resolve) => setTimeout(resolve, 60_000));
}
`,
    );
    const run = spawnCli(dir, {}, 'test', 'base:head', '--seed', 'slow-seed.ts');
    const name = await pollUntil(async () => (existsSync(marker) ? readFileSync(marker, 'utf8') : undefined), { what: 'the seed to start' });
    expect(await throwawayExists(name)).toBe(true);
    run.child.kill('SIGINT');
    expect((await run.done).status).toBe(130);
    expect(await throwawayExists(name)).toBe(false);
  });

  async function throwawayExists(name: string): Promise<boolean> {
    if (dialect === 'sqlite') return existsSync(name);
    return project().query(async (db) => {
      const query =
        dialect === 'postgres'
          ? sql<{ n: number }>`select count(*)::int as n from pg_database where datname = ${name}`
          : sql<{ n: number }>`select count(*) as n from information_schema.schemata where schema_name = ${name}`;
      return Number((await query.execute(db)).rows[0]!.n) === 1;
    });
  }
});
