/**
 * Which names an SQL expression (a check, a generated column, an index expression or predicate,
 * a default) may use, without parsing it. Deciding what must run first only needs an upper
 * bound: a word that is really a function or a keyword costs nothing, while a column that is
 * missed would let an operation run before the column exists. So the scan errs towards more.
 *
 * String literals are skipped, but dialects escape quotes in them differently: PostgreSQL and
 * SQLite double them (`'it''s'`), MySQL also takes a backslash (`'it\'s'`), and a PostgreSQL
 * standard string may end in one (`'C:\'`). A scan with the wrong rule would swallow the rest
 * of the expression as a string, so the text is scanned both ways and the names of both kept.
 */
/**
 * Every identifier that may occur in `sql` outside string literals, lower-cased: bare words
 * (keywords and function names included), and `"…"`, `` `…` `` and `[…]` quoted names.
 *
 * @example
 * identifiersIn(`length("Name") > 0 AND note <> 'price'`); // Set { 'length', 'name', 'and', 'note' }
 */
export function identifiersIn(sql: string): Set<string> {
  return new Set([...scan(sql, false), ...scan(sql, true)]);
}

/**
 * Whether `sql` may use the column `name` (compared without case, as unquoted names are).
 *
 * @example
 * mayUseColumn('"c0"::numeric >= 0', 'c0'); // true
 */
export function mayUseColumn(sql: string, name: string): boolean {
  return identifiersIn(sql).has(name.toLowerCase());
}

const CLOSING: Readonly<Record<string, string>> = { '"': '"', '`': '`', '[': ']' };

function scan(sql: string, backslashEscapes: boolean): string[] {
  const names: string[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (sql.startsWith('--', i)) {
      const newline = sql.indexOf('\n', i);
      i = newline < 0 ? sql.length : newline + 1;
    } else if (sql.startsWith('/*', i)) {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (c === "'") {
      i = endOfQuoted(sql, i, "'", backslashEscapes);
    } else if (c in CLOSING) {
      const end = endOfQuoted(sql, i, CLOSING[c]!, false);
      names.push(sql.slice(i + 1, end - 1).replaceAll(CLOSING[c]! + CLOSING[c]!, CLOSING[c]!).toLowerCase());
      i = end;
    } else if (/[0-9]/.test(c)) {
      i += /^[0-9a-z_.]+/i.exec(sql.slice(i))![0].length;
    } else if (/[\p{L}_]/u.test(c)) {
      const word = /^[\p{L}\p{N}_$]+/u.exec(sql.slice(i))![0];
      names.push(word.toLowerCase());
      i += word.length;
    } else {
      i++;
    }
  }
  return names;
}

/** The offset just past the quote that closes the one at `open` (a doubled quote is a quote). */
function endOfQuoted(sql: string, open: number, quote: string, backslashEscapes: boolean): number {
  let i = open + 1;
  while (i < sql.length) {
    if (backslashEscapes && sql[i] === '\\') i += 2;
    else if (sql[i] !== quote) i++;
    else if (sql[i + 1] === quote) i += 2;
    else return i + 1;
  }
  return sql.length;
}
