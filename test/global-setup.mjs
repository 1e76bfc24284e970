/**
 * Jest's global setup: which test servers answer, probed once before any test file loads, so
 * that a suite can be declared skipped (`describe.skip`) rather than pass having checked
 * nothing. Under CI (CI=true) an unreachable server fails the run here.
 */
import mysql from 'mysql2/promise';
import pg from 'pg';

const POSTGRES_URL = process.env.SCHEMIGRATE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MYSQL_URL = process.env.SCHEMIGRATE_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

async function answers(connect) {
  try {
    await connect();
    return true;
  } catch {
    return false;
  }
}

export default async function globalSetup() {
  // Every revision the tests write is laid out both ways and must match prettier (src/render/format.ts).
  process.env.SCHEMIGRATE_CHECK_LAYOUT ??= '1';
  const servers = {
    postgres: await answers(async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
      await client.connect();
      await client.end();
    }),
    mysql: await answers(async () => (await mysql.createConnection({ uri: MYSQL_URL, connectTimeout: 3000 })).end()),
  };
  const missing = Object.keys(servers).filter((name) => !servers[name]);
  if (missing.length > 0 && process.env.CI === 'true') {
    throw new Error(`The ${missing.join(' and ')} test server(s) cannot be reached, and CI requires them.`);
  }
  for (const name of missing) console.warn(`\n*** ${name}: its server cannot be reached; its tests are reported as skipped. ***\n`);
  // Test workers start after this and inherit the variable.
  process.env.SCHEMIGRATE_TEST_SERVERS = ['sqlite', ...Object.keys(servers).filter((name) => servers[name])].join(',');
}
