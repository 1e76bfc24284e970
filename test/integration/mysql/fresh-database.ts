/**
 * A fresh MySQL/MariaDB database per test file, opened through the dialect's own `connect`.
 */
import type { Kysely } from 'kysely';
import type { DatabaseUrl } from '../../../src/config/url.js';
import { mysqlDialect } from '../../../src/dialects/mysql/index.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/databases.js';

export interface FreshDatabase {
  readonly url: Extract<DatabaseUrl, { dialect: 'postgres' | 'mysql' }>;
  /** The database's name on the server. */
  readonly name: string;
  readonly db: Kysely<any>;
}

/**
 * Register hooks that create a database before the file's tests and drop it after them.
 *
 * @example
 * const fresh = useFreshDatabase();
 * test('…', async () => { await sql`select 1`.execute(fresh().db); });
 */
export function useFreshDatabase(): () => FreshDatabase {
  let database: TestDatabase | undefined;
  let fresh: FreshDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase('mysql');
    const url: FreshDatabase['url'] = { dialect: 'mysql', connectionString: database.url, display: database.url };
    fresh = { url, name: new URL(database.url).pathname.slice(1), db: await mysqlDialect.connect(url) };
  });
  afterAll(async () => {
    await fresh?.db.destroy();
    await database?.drop();
  });
  return () => {
    if (!fresh) throw new Error('The MySQL test database exists only inside a test.');
    return fresh;
  };
}
