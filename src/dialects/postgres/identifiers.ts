/**
 * PostgreSQL identifiers: the length limit (they are quoted the standard way, `standardQuotedIdentifier`).
 */

/** NAMEDATALEN - 1: PostgreSQL truncates longer identifiers (counted in bytes). */
export const MAX_IDENTIFIER_LENGTH = 63;
