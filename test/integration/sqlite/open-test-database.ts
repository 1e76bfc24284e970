/**
 * A fresh SQLite test database opened through the dialect, and a way to run hand-written DDL.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js';
import type { DatabaseUrl } from '../../../src/config/url.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/databases.js';

export interface OpenSqliteDatabase {
  readonly database: TestDatabase;
  readonly url: DatabaseUrl;
  readonly db: Kysely<any>;
  close(): Promise<void>;
}

/** A fresh database file, connected with `sqliteDialect.connect`. */
export async function openTestDatabase(): Promise<OpenSqliteDatabase> {
  const database = await createTestDatabase('sqlite');
  const url = sqliteUrl(database.url);
  const db = await sqliteDialect.connect(url);
  return {
    database,
    url,
    db,
    async close() {
      await db.destroy();
      await database.drop();
    },
  };
}

/** The dialect's URL object for a `sqlite:<path>` string. */
export function sqliteUrl(url: string): DatabaseUrl {
  const filename = url.replace(/^sqlite:/, '');
  return { dialect: 'sqlite', filename, display: url };
}

/** Run a script of `;`-separated statements (none of which contains a `;` itself). */
export async function runScript(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(';').map((s) => s.trim()).filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}
