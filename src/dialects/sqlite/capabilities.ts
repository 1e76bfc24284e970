/**
 * What the runtime needs to know about SQLite, as plain facts.
 */

/** SQLite has no identifier limit; this keeps generated names tidy. */
export const SQLITE_MAX_IDENTIFIER_LENGTH = 128;

/** DDL runs inside transactions and rolls back with them. */
export const SQLITE_TRANSACTIONAL_DDL = true;
