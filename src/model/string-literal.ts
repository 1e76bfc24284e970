/**
 * SQL string literals. Each dialect spells them with one function, `Dialect.stringLiteral`:
 * the standard spelling below (PostgreSQL, whose `standard_conforming_strings` is on by default,
 * and SQLite, where a backslash is an ordinary character), or MySQL's, which also doubles
 * backslashes (`dialects/mysql/types.ts`).
 */

/** Writes a string as a SQL literal, quotes included. */
export type StringLiteral = (value: string) => string;

/**
 * The standard SQL spelling: in single quotes, each quote doubled, nothing else escaped.
 *
 * @example
 * standardStringLiteral("it's C:\\tmp\\"); // "'it''s C:\\tmp\\'"
 */
export function standardStringLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
