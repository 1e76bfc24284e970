/**
 * MySQL identifiers: quoting and the length limit.
 */

/** MySQL and MariaDB refuse longer table, column, index and constraint names. */
export const MAX_IDENTIFIER_LENGTH = 64;

/**
 * An identifier in backticks, with embedded backticks doubled (valid with or without ANSI_QUOTES).
 *
 * @example
 * quoteIdentifier('order'); // → '`order`'
 */
export function quoteIdentifier(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}
