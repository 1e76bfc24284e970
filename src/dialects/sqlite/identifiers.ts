/**
 * SQLite identifier quoting, for SQL text schemigrate writes itself (enumeration checks, rebuilds);
 * string literals are `standardStringLiteral` (src/model/string-literal.ts).
 */

/**
 * A double-quoted identifier, embedded quotes doubled.
 *
 * @example
 * quoteIdentifier('odd "t"'); // '"odd ""t"""'
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
