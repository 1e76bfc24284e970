/**
 * PostgreSQL identifiers: quoting and the length limit.
 */

/** NAMEDATALEN - 1: PostgreSQL truncates longer identifiers (counted in bytes). */
export const MAX_IDENTIFIER_LENGTH = 63;

/**
 * An identifier in double quotes, with embedded quotes doubled.
 *
 * @example
 * quoteIdentifier('Mood'); // → '"Mood"'
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
