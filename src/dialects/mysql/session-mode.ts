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
 * and without `NO_BACKSLASH_ESCAPES`, which a server may set globally: mysql2 escapes parameters
 * and schemigrate spells string literals with backslashes (Kysely's MySQL compiler does too), so
 * under that mode `'C:\\tmp'` would be read as two backslashes.
 *
 * The server's mode is wrapped in commas so that the flag is removed as a whole item, then
 * trimmed; `concat_ws` skips the NULL of an empty mode, so no empty element reaches the server.
 */
import { CompiledQuery, type DatabaseConnection } from 'kysely';

/** The statement that sets the session's mode. */
export const SESSION_SQL_MODE =
  "set session sql_mode = concat_ws(',', nullif(trim(both ',' from replace(concat(',', @@session.sql_mode, ','), ',NO_BACKSLASH_ESCAPES,', ',')), ''), 'ANSI_QUOTES', 'STRICT_ALL_TABLES')";

/**
 * Set the session's mode on a new connection (Kysely's `onCreateConnection`).
 *
 * @example
 * new MysqlDialect({ pool, onCreateConnection: setSessionMode });
 */
export async function setSessionMode(connection: DatabaseConnection): Promise<void> {
  await connection.executeQuery(CompiledQuery.raw(SESSION_SQL_MODE));
}
