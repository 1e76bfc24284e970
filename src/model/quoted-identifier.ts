/**
 * SQL identifiers that schemigrate writes into SQL text itself. The standard spelling serves
 * every dialect: PostgreSQL and SQLite read it, and so does MySQL, whose sessions schemigrate
 * opens with `ANSI_QUOTES`. Statements of MySQL's own folder may use backticks
 * (`dialects/mysql/identifiers.ts`), valid with or without that mode.
 */

/**
 * The standard SQL spelling of an identifier: in double quotes, each double quote doubled.
 *
 * @example
 * standardQuotedIdentifier('odd "t"'); // '"odd ""t"""'
 */
export function standardQuotedIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
