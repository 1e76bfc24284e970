/**
 * Fresh, empty databases for each measured run: SQLite temp files, and `CREATE DATABASE` on the
 * PostgreSQL and MySQL servers (URLs from SCHEMIGRATE_TEST_POSTGRES_URL / SCHEMIGRATE_TEST_MYSQL_URL,
 * as in the test suite).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const POSTGRES_URL = process.env.SCHEMIGRATE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const MYSQL_URL = process.env.SCHEMIGRATE_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

function withDatabase(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onPostgres(statement) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}

async function onMysql(statement) {
  const { default: mysql } = await import('mysql2/promise');
  const connection = await mysql.createConnection({ uri: MYSQL_URL, connectTimeout: 5000 });
  try {
    return await connection.query(statement);
  } finally {
    await connection.end();
  }
}

/**
 * A fresh database on `dialect`: its schemigrate URL, and `drop()`.
 *
 * @example
 * const database = await createDatabase('postgres');
 * try { … database.url … } finally { await database.drop(); }
 */
export async function createDatabase(dialect) {
  const name = `sg_bench_${randomBytes(5).toString('hex')}`;
  switch (dialect) {
    case 'sqlite': {
      const dir = mkdtempSync(join(tmpdir(), 'sg-bench-db-'));
      return { dialect, url: `sqlite:${join(dir, 'bench.sqlite3')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    }
    case 'postgres':
      await onPostgres(`CREATE DATABASE ${name}`);
      // Flush what earlier runs left dirty, so a measured run does not pay for their writes.
      await onPostgres('CHECKPOINT');
      return { dialect, url: withDatabase(POSTGRES_URL, name), drop: () => onPostgres(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
    case 'mysql':
      await onMysql(`CREATE DATABASE ${name}`);
      return { dialect, url: withDatabase(MYSQL_URL, name), drop: () => onMysql(`DROP DATABASE IF EXISTS ${name}`) };
    default:
      throw new Error(`Unknown dialect ${dialect}`);
  }
}

/**
 * The server's version string, for the report (`sqlite` reports the bundled library).
 *
 * @example
 * await serverVersion('postgres'); // 'PostgreSQL 15.20 …'
 */
export async function serverVersion(dialect) {
  switch (dialect) {
    case 'sqlite': {
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(':memory:');
      try {
        return `SQLite ${db.prepare('select sqlite_version() as v').get().v} (better-sqlite3)`;
      } finally {
        db.close();
      }
    }
    case 'postgres':
      return (await onPostgres('select version() as v')).rows[0].v.split(' on ')[0];
    case 'mysql': {
      const [rows] = await onMysql('select version() as v');
      return rows[0].v;
    }
  }
}

/**
 * Whether `dialect` can run here: its server answers and schemigrate's registry has it.
 *
 * @example
 * if (await isUsable('postgres')) …
 */
export async function isUsable(dialect) {
  try {
    const { getDialect } = await import('../dist/dialects/registry.js');
    await getDialect(dialect);
    if (dialect !== 'sqlite') await serverVersion(dialect);
    return { usable: true };
  } catch (error) {
    return { usable: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
