/**
 * A fresh PostgreSQL database per test file, opened through the dialect's own `connect`.
 */
import type { Kysely } from 'kysely';
import type { DatabaseUrl } from '../../../src/config/url.js';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/databases.js';

export interface FreshDatabase {
  readonly url: Extract<DatabaseUrl, { dialect: 'postgres' | 'mysql' }>;
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
    database = await createTestDatabase('postgres');
    const url: FreshDatabase['url'] = { dialect: 'postgres', connectionString: database.url, display: database.url };
    fresh = { url, db: await postgresDialect.connect(url) };
  });
  afterAll(async () => {
    await fresh?.db.destroy();
    await database?.drop();
  });
  return () => {
    if (!fresh) throw new Error('The PostgreSQL test database exists only inside a test.');
    return fresh;
  };
}
