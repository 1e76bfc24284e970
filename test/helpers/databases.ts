/**
 * One integration suite, every dialect (as Kysely's own tests do): each test file asks for a
 * fresh database per dialect and drops it afterwards, so jest workers never share state.
 *
 * Server URLs come from SCHEMIGRATE_TEST_POSTGRES_URL and SCHEMIGRATE_TEST_MYSQL_URL. Which
 * servers answer is probed once by jest's global setup (test/global-setup.mjs): an unreachable
 * server's suites are declared skipped, with a loud notice, except under CI (CI=true), where
 * it fails the run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { parseDatabaseUrl, type DialectName } from '../../src/config/url.js';
import type { Dialect } from '../../src/dialects/dialect.js';
import { getDialect } from '../../src/dialects/registry.js';

export const POSTGRES_URL = process.env.SCHEMIGRATE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const MYSQL_URL = process.env.SCHEMIGRATE_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

/** The dialects the integration suite runs on. */
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres', 'mysql'];

export interface TestDatabase {
  readonly dialect: DialectName;
  /** A schemigrate URL for the fresh database. */
  readonly url: string;
  /** Drop the database (and its files). */
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `sg_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    dialect: 'postgres',
    url: withDatabase(POSTGRES_URL, name),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

async function createMysqlDatabase(): Promise<TestDatabase> {
  const name = `sg_test_${randomBytes(6).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: MYSQL_URL, connectTimeout: 5000 });
  try {
    await admin.query(`CREATE DATABASE \`${name}\``);
  } finally {
    await admin.end();
  }
  return {
    dialect: 'mysql',
    url: withDatabase(MYSQL_URL, name),
    async drop() {
      const client = await mysql.createConnection({ uri: MYSQL_URL });
      try {
        await client.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await client.end();
      }
    },
  };
}

function createSqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'sg-test-'));
  return {
    dialect: 'sqlite',
    url: `sqlite:${join(dir, 'test.sqlite3')}`,
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh, empty database on `dialect`.
 *
 * @example
 * const database = await createTestDatabase('postgres');
 * try { … database.url … } finally { await database.drop(); }
 */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  switch (dialect) {
    case 'sqlite':
      return createSqliteDatabase();
    case 'postgres':
      return createPostgresDatabase();
    case 'mysql':
      return createMysqlDatabase();
  }
}

const reachability = new Map<DialectName, Promise<boolean>>();

async function probe(dialect: DialectName): Promise<boolean> {
  if (dialect === 'sqlite') return true;
  if (dialect === 'postgres') {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return false;
    }
  }
  try {
    const client = await mysql.createConnection({ uri: MYSQL_URL, connectTimeout: 3000 });
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the dialect's server answered jest's global setup (without it, as when a file is run
 * some other way, every server is assumed and an unreachable one fails its tests).
 *
 * @example
 * (serverAnswers('postgres') ? describe : describe.skip)('postgres only', () => { … });
 */
export function serverAnswers(dialect: DialectName): boolean {
  const servers = process.env.SCHEMIGRATE_TEST_SERVERS;
  return servers === undefined || servers.split(',').includes(dialect);
}

/**
 * `test`, or `test.skip` when the dialect's server did not answer: a test is reported as
 * skipped rather than pass having checked nothing.
 *
 * @example
 * testWithServer('postgres')('pulls a named schema', async () => { … });
 */
export function testWithServer(dialect: DialectName): jest.It {
  return serverAnswers(dialect) ? test : test.skip;
}

/**
 * `describe`, or `describe.skip` when the dialect's server did not answer.
 *
 * @example
 * describeWithServer('mysql')('MariaDB strict sessions', () => { … });
 */
export function describeWithServer(dialect: DialectName): jest.Describe {
  return serverAnswers(dialect) ? describe : describe.skip;
}

/** Whether the dialect's server answers; under CI an unreachable server throws. */
export async function isAvailable(dialect: DialectName): Promise<boolean> {
  if (!reachability.has(dialect)) reachability.set(dialect, probe(dialect));
  const ok = await reachability.get(dialect)!;
  if (!ok) {
    if (process.env.CI === 'true') throw new Error(`The ${dialect} test server cannot be reached, and CI requires it.`);
    console.warn(`\n*** SKIPPING ${dialect} tests: its server cannot be reached. ***\n`);
  }
  return ok;
}

/**
 * Declare the same tests for every dialect, each block with its own fresh database.
 *
 * @example
 * forEachDialect((ctx) => {
 *   test('creates a table', async () => { … ctx.database().url … });
 * });
 */
export function forEachDialect(
  body: (ctx: { readonly dialect: DialectName; database(): TestDatabase }) => void,
  dialects: readonly DialectName[] = DIALECTS,
): void {
  for (const dialect of dialects) {
    (serverAnswers(dialect) ? describe : describe.skip)(dialect, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(dialect);
      });
      afterAll(async () => {
        await database?.drop();
      });
      body({
        dialect,
        database() {
          if (database === undefined) throw new Error(`The ${dialect} test database exists only inside a test.`);
          return database;
        },
      });
    });
  }
}

/**
 * The dialect of a test database and a connection to it (the caller destroys `db`).
 *
 * @example
 * beforeAll(async () => ({ db, dialect } = await connectTestDatabase(database())));
 */
export async function connectTestDatabase(database: TestDatabase): Promise<{ readonly db: Kysely<any>; readonly dialect: Dialect }> {
  const url = parseDatabaseUrl(database.url, process.cwd());
  const dialect = await getDialect(url.dialect);
  return { dialect, db: await dialect.connect(url) };
}
