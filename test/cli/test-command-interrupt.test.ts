/**
 * `schemigrate test` interrupted by Ctrl-C: the throwaway database is removed before the process
 * exits (130), on every dialect; killed with SIGKILL, it is left behind and the next run removes
 * it. A seed module names its database and then waits to be killed.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { runCli, spawnCli } from '../helpers/cli.js';
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

  /** Start `test` with the waiting seed; returns the run and its throwaway database's name. */
  async function startHeldTest(): Promise<{ run: ReturnType<typeof spawnCli>; name: string }> {
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
    rmSync(marker, { force: true });
    const run = spawnCli(dir, {}, 'test', 'base:head', '--seed', 'slow-seed.ts');
    const name = await pollUntil(async () => (existsSync(marker) ? readFileSync(marker, 'utf8') : undefined), { what: 'the seed to start' });
    expect(await throwawayExists(name)).toBe(true);
    return { run, name };
  }

  test('the throwaway database is removed on SIGINT', async () => {
    applyNotesAndPosts(cliProject);
    const { run, name } = await startHeldTest();
    run.child.kill('SIGINT');
    expect((await run.done).status).toBe(130);
    expect(await throwawayExists(name)).toBe(false);
  });

  test('killed with SIGKILL, the throwaway database is left behind and the next run removes it', async () => {
    const { run, name } = await startHeldTest();
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');
    expect(await throwawayExists(name)).toBe(true);
    // The server ends the killed run's session, and with it the lock that marks the database as in use.
    await pollUntil(async () => ((await ownerGone(name)) ? true : undefined), { what: "the killed run's session to end" });
    const again = runCli(project().dir, 'test', 'base:head');
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(await throwawayExists(name)).toBe(false);
  });

  /** Whether no live session holds the lock of the throwaway `name` (SQLite: the process is gone already). */
  async function ownerGone(name: string): Promise<boolean> {
    if (dialect === 'sqlite') return true;
    return project().query(async (db) => {
      const key = BigInt.asIntN(64, BigInt(`0x${name.slice(-16)}`));
      const query =
        dialect === 'postgres'
          ? sql<{ n: number }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and objsubid = 1 and ((classid::bigint << 32) | objid::bigint) = ${key.toString()}::bigint`
          : sql<{ n: number }>`select 1 - is_free_lock(${name}) as n`;
      return Number((await query.execute(db)).rows[0]!.n) === 0;
    });
  }

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
