/**
 * MySQL/MariaDB scratch databases never outlive the run that made them: a `check` killed with
 * SIGKILL leaves its `schemigrate_scratch_<hex>` behind and the next run drops it; SIGINT and
 * SIGTERM drop it before the process exits with 130 / 143; a scratch database whose owner is
 * alive, and databases that only look like scratch databases, are never dropped.
 *
 * On a private MariaDB (the tests take its global read lock). To hold a run while its scratch
 * database exists, the test waits until the database appears, then takes
 * `FLUSH TABLES WITH READ LOCK`, which stops the run at its next `create table` there; no
 * timing is guessed.
 *
 * PostgreSQL creates its scratch schema in a transaction that is never committed, so a run
 * interrupted there leaves nothing, which the last tests confirm (SQLite canonicalises in an
 * in-memory database: nothing to leave).
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import { runCli, spawnCli } from '../helpers/cli.js';
import { forEachDialect } from '../helpers/databases.js';
import { pollUntil } from '../helpers/poll.js';
import { usePrivateMariadb } from '../helpers/private-mariadb.js';
import { createProject, type TestProject } from '../helpers/project.js';

const server = usePrivateMariadb();

/** Enough tables for the scratch database to be seen while the run is still creating them. */
const TABLES = 100;
const SCRATCH_NAME = /^schemigrate_scratch_[0-9a-f]{16}$/;

/** Tables whose default the server respells (MariaDB `lcase('X')`, PostgreSQL `lower('X'::text)`), so `check` canonicalises each. */
function schemaOf(tables: number): string {
  const lines = Array.from(
    { length: tables },
    (_, i) => `export const t${i} = table('t_${i}', { id: integer().primaryKey(), note: varchar(20).default(sql\`lower('X')\`) });`,
  );
  return `import { table, integer, varchar, sql } from 'schemigrate';\n${lines.join('\n')}\n`;
}

let admin: mysql.Connection;

async function databases(pattern = 'schemigrate_scratch_%'): Promise<string[]> {
  const [rows] = (await admin.query('select schema_name as name from information_schema.schemata where schema_name like ?', [pattern])) as [
    { name: string }[],
    unknown,
  ];
  return rows.map((row) => row.name).sort();
}

async function scratchDatabases(): Promise<string[]> {
  return (await databases()).filter((name) => SCRATCH_NAME.test(name));
}

async function isFreeLock(name: string): Promise<boolean> {
  const [[row]] = (await admin.query('select is_free_lock(?) as free', [name])) as [{ free: number }[], unknown];
  return Number(row!.free) === 1;
}

/** A project on `url`, upgraded to its schema of `tables` tables. */
function upgradedProjectOn(url: string, tables: number): TestProject {
  const project = createProject(url);
  project.writeSchema({ 'index.ts': schemaOf(tables) });
  expect(runCli(project.dir, 'revision', '-m', 'tables', '--autogenerate').status).toBe(0);
  expect(runCli(project.dir, 'upgrade', 'head').status).toBe(0);
  return project;
}

/** The same on a new database of the private server. */
async function upgradedProject(database: string, tables: number): Promise<TestProject> {
  await admin.query(`create database \`${database}\``);
  return upgradedProjectOn(server().urlOf(database), tables);
}

/**
 * Start `check`, wait for its scratch database, and hold the run there with the global read
 * lock; `then` gets the scratch database's name and the run, and the lock is released at the
 * latest when it returns.
 */
async function whileHeldInScratch(
  project: TestProject,
  then: (held: { scratch: string; run: ReturnType<typeof spawnCli>; release: () => Promise<void> }) => Promise<void>,
): Promise<void> {
  const run = spawnCli(project.dir, {}, 'check');
  const holder = await mysql.createConnection({ uri: server().serverUrl });
  let locked = false;
  const release = async () => {
    if (locked) await holder.query('unlock tables');
    locked = false;
  };
  try {
    const scratch = await pollUntil(async () => (await scratchDatabases())[0], { what: 'the scratch database of `check`' });
    await holder.query('flush tables with read lock');
    locked = true;
    // Still there under the lock: the run cannot drop it before we let go.
    expect(await scratchDatabases()).toEqual([scratch]);
    await then({ scratch, run, release });
  } finally {
    await release();
    await holder.end();
    run.child.kill('SIGKILL');
    await run.done;
  }
}

describe('mysql scratch databases', () => {
  let project: TestProject;

  beforeAll(async () => {
    admin = await mysql.createConnection({ uri: server().serverUrl });
    project = await upgradedProject('sg_scratch_big', TABLES);
  }, 180_000);

  afterAll(async () => {
    project?.remove();
    await admin?.end();
  });

  test('a check killed with SIGKILL leaves its scratch database; the next check drops it and succeeds', async () => {
    let left = '';
    await whileHeldInScratch(project, async ({ scratch, run, release }) => {
      run.child.kill('SIGKILL');
      expect((await run.done).signal).toBe('SIGKILL');
      await release();
      left = scratch;
    });
    expect(await scratchDatabases()).toEqual([left]);
    // The server ends the killed run's session (freeing its lock) once its last statement returns.
    await pollUntil(async () => ((await isFreeLock(left)) ? true : undefined), { what: "the killed run's lock to be freed" });
    expect(await scratchDatabases()).toEqual([left]);

    const again = runCli(project.dir, 'check');
    expect(again.stderr).toBe('');
    expect(again.stdout).toContain('No differences');
    expect(again.status).toBe(0);
    expect(await scratchDatabases()).toEqual([]);
  }, 180_000);

  for (const [signal, status] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    test(`${signal} drops the scratch database before the process exits with ${status}, without a stack trace`, async () => {
      await whileHeldInScratch(project, async ({ scratch, run, release }) => {
        run.child.kill(signal);
        // The cleanup's drop waits for the global read lock: seeing it proves the handler runs.
        await pollUntil(
          async () => {
            const [rows] = (await admin.query('select info from information_schema.processlist where info like ?', [`drop database if exists \`${scratch}\`%`])) as [
              unknown[],
              unknown,
            ];
            return rows.length > 0 ? true : undefined;
          },
          { what: `the ${signal} handler to drop ${scratch}` },
        );
        await release();
        const ended = await run.done;
        expect(await scratchDatabases()).toEqual([]);
        expect(ended.signal).toBeNull();
        expect(ended.status).toBe(status);
        expect(ended.stderr).toBe('');
      });
    }, 180_000);
  }

  test('a live run keeps its scratch database; near-miss names are never dropped', async () => {
    const small = await upgradedProject('sg_scratch_small', 1);
    const owner = await mysql.createConnection({ uri: server().serverUrl });
    const live = 'schemigrate_scratch_00000000000000aa';
    const abandoned = 'schemigrate_scratch_00000000000000bb';
    const nearMisses = ['schemigrate_scratch_00000000000000BB', 'schemigrate_scratch_00000000000000cc_x', 'schemigrate_scratch_notours', 'schemigrate_scratchy'];
    try {
      await owner.query('select get_lock(?, 0)', [live]);
      for (const name of [live, abandoned, ...nearMisses]) await admin.query(`create database \`${name}\``);

      const first = runCli(small.dir, 'check');
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(await databases('schemigrate_scratch%')).toEqual([live, ...nearMisses].sort());

      await owner.query('select release_lock(?)', [live]);
      expect(runCli(small.dir, 'check').status).toBe(0);
      expect(await databases('schemigrate_scratch%')).toEqual([...nearMisses].sort());
    } finally {
      await owner.end();
      for (const name of [live, abandoned, ...nearMisses]) await admin.query(`drop database if exists \`${name}\``);
      small.remove();
    }
  }, 120_000);
});

forEachDialect(
  ({ database }) => {
    let project: TestProject;
    beforeAll(() => {
      project = upgradedProjectOn(database().url, TABLES);
    }, 180_000);
    afterAll(() => project?.remove());

    for (const [signal, status] of [
      ['SIGKILL', null],
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      test(`a check ended by ${signal} while canonicalising leaves no scratch schema and no session`, async () => {
        const client = new pg.Client({ connectionString: database().url });
        await client.connect();
        const name = new URL(database().url).pathname.slice(1);
        const count = async (query: string): Promise<number> => Number((await client.query<{ n: string }>(query, [name])).rows[0]!.n);
        try {
          const run = spawnCli(project.dir, {}, 'check');
          // Canonicalisation is under way once the run's transaction creates tables (a batch of
          // the statement pipeline: `savepoint …; create table …`).
          await pollUntil(
            async () =>
              (await count("select count(*) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and query like '%create table %'")) > 0 ? true : undefined,
            { what: 'the check to create tables in its scratch schema' },
          );
          run.child.kill(signal);
          const ended = await run.done;
          expect(ended.status).toBe(status);
          expect(ended.stderr).toBe('');
          await pollUntil(
            async () => ((await count('select count(*) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()')) === 0 ? true : undefined),
            { what: "the server to end the run's sessions" },
          );
          const { rows } = await client.query("select nspname from pg_namespace where nspname like 'schemigrate\\_scratch\\_%'");
          expect(rows).toEqual([]);
        } finally {
          await client.end();
        }
      }, 120_000);
    }
  },
  ['postgres'],
);

forEachDialect(
  ({ database }) => {
    test('a throwaway database whose lock a live session holds is kept, an abandoned one dropped, near misses never', async () => {
      const project = createProject(database().url);
      const client = new pg.Client({ connectionString: database().url });
      await client.connect();
      const live = 'schemigrate_scratch_00000000000000aa';
      const abandoned = 'schemigrate_scratch_00000000000000bb';
      const nearMisses = ['schemigrate_scratch_notours', 'schemigrate_scratch_00000000000000cc_x'];
      const ours = new Set([live, abandoned, ...nearMisses]);
      const listed = async () =>
        (await client.query<{ name: string }>("select datname as name from pg_database where datname like 'schemigrate_scratch%' order by 1")).rows.map((row) => row.name);
      // Other tests' runs on the shared server may hold scratch databases of their own meanwhile.
      // Not this test's, its lock held by another session, or gone once the locks were read: theirs.
      const scratchNames = async () => {
        const names = await listed();
        const { rows } = await client.query<{ key: string }>(
          "select ((classid::bigint << 32) | objid::bigint)::text as key from pg_locks where locktype = 'advisory' and objsubid = 1 and pid <> pg_backend_pid()",
        );
        const held = new Set(rows.map((row) => BigInt.asIntN(64, BigInt(row.key)).toString()));
        const still = new Set(await listed());
        const theirs = (name: string) => /_[0-9a-f]{16}$/.test(name) && (held.has(BigInt.asIntN(64, BigInt(`0x${name.slice(-16)}`)).toString()) || !still.has(name));
        return names.filter((name) => ours.has(name) || !theirs(name));
      };
      try {
        for (const name of [live, abandoned, ...nearMisses]) await client.query(`create database "${name}"`);
        // The lock a run takes for its scratch database: the name's 16 hex digits as the key.
        await client.query('select pg_advisory_lock($1::bigint)', [String(0xaa)]);
        for (const message of ['one', 'two']) expect(runCli(project.dir, 'revision', '-m', message).status).toBe(0);
        expect(runCli(project.dir, 'test', 'base:head').status).toBe(0);
        expect(await scratchNames()).toEqual([live, ...nearMisses].sort());
        await client.query('select pg_advisory_unlock($1::bigint)', [String(0xaa)]);
        expect(runCli(project.dir, 'test', 'base:head').status).toBe(0);
        expect(await scratchNames()).toEqual([...nearMisses].sort());
      } finally {
        for (const name of [live, abandoned, ...nearMisses]) await client.query(`drop database if exists "${name}"`);
        await client.end();
        project.remove();
      }
    }, 120_000);
  },
  ['postgres'],
);
