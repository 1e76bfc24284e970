/**
 * Opening a SQLite database through Kysely and better-sqlite3.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { DatabaseUrl } from '../../config/url.js';
import { SchemigrateError } from '../../util/errors.js';
import { ExecSchemaSqliteDialect } from './exec-schema-dialect.js';

/** How long a writer waits for another process's write lock before failing, in ms. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Open the database file (created when missing; `:memory:` allowed). Its folder must exist.
 *
 * @example
 * const db = await connectSqlite({ dialect: 'sqlite', filename: './dev.sqlite3', display: 'sqlite:./dev.sqlite3' });
 */
export async function connectSqlite(url: DatabaseUrl): Promise<Kysely<any>> {
  if (url.dialect !== 'sqlite') throw new Error(`connectSqlite was given a ${url.dialect} URL.`);
  const isFile = url.filename !== '' && url.filename !== ':memory:';
  if (isFile && !existsSync(dirname(resolve(url.filename)))) {
    throw new SchemigrateError(
      `Cannot open SQLite database ${url.display}: the folder ${dirname(resolve(url.filename))} does not exist.`,
      { code: 'CONNECTION_FAILED' },
    );
  }
  let database: Database.Database;
  try {
    database = new Database(url.filename, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new SchemigrateError(`Cannot open SQLite database ${url.display}: ${(error as Error).message}`, {
      code: 'CONNECTION_FAILED',
      cause: error,
    });
  }
  return new Kysely<any>({ dialect: new ExecSchemaSqliteDialect(database) });
}

/**
 * A throw-away in-memory database, for letting SQLite canonicalise declared objects.
 *
 * @example
 * const scratch = openSqliteMemory();
 * try { … } finally { await scratch.destroy(); }
 */
export function openSqliteMemory(): Kysely<any> {
  return new Kysely<any>({ dialect: new ExecSchemaSqliteDialect(new Database(':memory:')) });
}
