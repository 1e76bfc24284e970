/**
 * SQLite quoting, for SQL text schemigrate writes itself (enumeration checks, rebuilds).
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

/**
 * A single-quoted string literal, embedded quotes doubled (SQLite has no backslash escapes).
 *
 * @example
 * quoteLiteral("it's"); // "'it''s'"
 */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
