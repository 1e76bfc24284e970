/**
 * The `sql_mode` every schemigrate session runs with, online (each new pool connection) and in
 * `--sql` scripts (their first statement): the server's own mode plus
 *
 * - `ANSI_QUOTES`: schema expressions carry identifiers in double quotes (`sql.ref('title')` →
 *   `"title"`, see src/schema/sql-text.ts), which MySQL otherwise reads as strings. Kysely's own
 *   backtick quoting is valid either way.
 * - `STRICT_ALL_TABLES`: a statement that would truncate or coerce a value (`varchar(200)` →
 *   `varchar(20)` over longer values, `text` → `integer` over `'abc'`, nullable → NOT NULL over
 *   NULLs) fails instead of rewriting rows with a warning, on a server whose global mode is not
 *   strict too. Valid on MariaDB (tested) and MySQL 8 (from its manual, untested).
 *
 * `concat_ws` skips the NULL of an empty mode, so no empty element reaches the server.
 * `NO_BACKSLASH_ESCAPES` must never be added: mysql2 escapes parameters with backslashes.
 */
import { CompiledQuery, type DatabaseConnection } from 'kysely';

/** The statement that sets the session's mode. */
export const SESSION_SQL_MODE = "set session sql_mode = concat_ws(',', nullif(@@session.sql_mode, ''), 'ANSI_QUOTES', 'STRICT_ALL_TABLES')";

/**
 * Set the session's mode on a new connection (Kysely's `onCreateConnection`).
 *
 * @example
 * new MysqlDialect({ pool, onCreateConnection: setSessionMode });
 */
export async function setSessionMode(connection: DatabaseConnection): Promise<void> {
  await connection.executeQuery(CompiledQuery.raw(SESSION_SQL_MODE));
}
