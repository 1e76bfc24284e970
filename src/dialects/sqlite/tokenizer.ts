/**
 * A tokenizer for the SQL that SQLite keeps in `sqlite_master.sql`. The catalog pragmas do not
 * tell constraint names, check expressions, AUTOINCREMENT, collations or index expressions, so
 * those are read from the original CREATE statements; every token keeps its offsets so that
 * expressions can be sliced out of the source exactly as written.
 */

export type TokenKind =
  /** A bare word: keyword or unquoted identifier. */
  | 'word'
  /** `"x"`, `` `x` `` or `[x]`; `value` holds the unquoted name. */
  | 'quoted'
  /** `'text'`; `value` holds the unescaped text. */
  | 'string'
  | 'number'
  /** `X'ABCD'`. */
  | 'blob'
  /** `(`, `)`, `,`, `;`, `.` and operators. */
  | 'punctuation';

export interface Token {
  readonly kind: TokenKind;
  /** The unquoted identifier, the unescaped string, or the source text for other kinds. */
  readonly value: string;
  /** Offset of the first character in the source. */
  readonly start: number;
  /** Offset just past the last character in the source. */
  readonly end: number;
}

const OPERATORS = ['||', '<<', '>>', '<=', '>=', '==', '!=', '<>', '->>', '->'];

/**
 * Split SQL into tokens, skipping whitespace and `--` / `/* *\/` comments.
 *
 * @example
 * tokenize(`CREATE TABLE "a b" (x TEXT DEFAULT 'it''s')`).map((t) => t.value);
 * // ['CREATE', 'TABLE', 'a b', '(', 'x', 'TEXT', 'DEFAULT', "it's", ')']
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (source.startsWith('--', i)) {
      const newline = source.indexOf('\n', i);
      i = newline === -1 ? source.length : newline + 1;
    } else if (source.startsWith('/*', i)) {
      const close = source.indexOf('*/', i + 2);
      i = close === -1 ? source.length : close + 2;
    } else if (c === "'") {
      const end = scanQuoted(source, i, "'");
      tokens.push({ kind: 'string', value: unescape(source.slice(i + 1, end - 1), "'"), start: i, end });
      i = end;
    } else if ((c === 'x' || c === 'X') && source[i + 1] === "'") {
      const end = scanQuoted(source, i + 1, "'");
      tokens.push({ kind: 'blob', value: source.slice(i, end), start: i, end });
      i = end;
    } else if (c === '"' || c === '`') {
      const end = scanQuoted(source, i, c);
      tokens.push({ kind: 'quoted', value: unescape(source.slice(i + 1, end - 1), c), start: i, end });
      i = end;
    } else if (c === '[') {
      const close = source.indexOf(']', i + 1);
      const end = close === -1 ? source.length : close + 1;
      tokens.push({ kind: 'quoted', value: source.slice(i + 1, end - 1), start: i, end });
      i = end;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^(0x[0-9a-f]+|(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?)/i.exec(source.slice(i))!;
      tokens.push({ kind: 'number', value: match[0], start: i, end: i + match[0].length });
      i += match[0].length;
    } else if (/[\p{L}_$]/u.test(c)) {
      const match = /^[\p{L}\p{N}_$]+/u.exec(source.slice(i))!;
      tokens.push({ kind: 'word', value: match[0], start: i, end: i + match[0].length });
      i += match[0].length;
    } else {
      const operator = OPERATORS.filter((op) => source.startsWith(op, i)).sort((a, b) => b.length - a.length)[0];
      const text = operator ?? c;
      tokens.push({ kind: 'punctuation', value: text, start: i, end: i + text.length });
      i += text.length;
    }
  }
  return tokens;
}

/** The offset just past the closing quote; a doubled quote is an escaped one. */
function scanQuoted(source: string, open: number, quote: string): number {
  let i = open + 1;
  while (i < source.length) {
    if (source[i] === quote) {
      if (source[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return source.length;
}

function unescape(body: string, quote: string): string {
  return body.split(quote + quote).join(quote);
}

/**
 * Whether a token is the given keyword (case-insensitive; quoted identifiers never are).
 *
 * @example
 * isKeyword(tokenize('unique')[0], 'UNIQUE'); // true
 */
export function isKeyword(token: Token | undefined, keyword: string): boolean {
  return token?.kind === 'word' && token.value.toUpperCase() === keyword;
}

/**
 * Whether a token can name something: a bare word or a quoted identifier (or a string, which
 * SQLite accepts as a name).
 *
 * @example
 * isName(tokenize('[my table]')[0]); // true
 * isName(tokenize('(')[0]); // false
 */
export function isName(token: Token | undefined): token is Token {
  return token?.kind === 'word' || token?.kind === 'quoted' || token?.kind === 'string';
}

/**
 * The index of the `)` that closes the `(` at `open`, honouring nesting.
 *
 * @example
 * const tokens = tokenize('(a, (b))');
 * matchingParen(tokens, 0); // 6
 */
export function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const value = tokens[i]!.kind === 'punctuation' ? tokens[i]!.value : '';
    if (value === '(') depth++;
    else if (value === ')' && --depth === 0) return i;
  }
  return tokens.length;
}

/**
 * Split tokens `[from, to)` at top-level commas.
 *
 * @example
 * const tokens = tokenize('a, f(b, c), d');
 * splitTopLevel(tokens, 0, tokens.length).length; // 3
 */
export function splitTopLevel(tokens: readonly Token[], from: number, to: number): Token[][] {
  const parts: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (token.kind === 'punctuation' && token.value === '(') depth++;
    if (token.kind === 'punctuation' && token.value === ')') depth--;
    if (depth === 0 && token.kind === 'punctuation' && token.value === ',') {
      parts.push(current);
      current = [];
    } else {
      current.push(token);
    }
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/**
 * The source text a run of tokens covers, comments and spacing inside it kept as written.
 *
 * @example
 * const sql = 'CHECK (price > 0)';
 * sourceOf(sql, tokenize(sql).slice(2, 5)); // 'price > 0'
 */
export function sourceOf(source: string, tokens: readonly Token[]): string {
  if (tokens.length === 0) return '';
  return source.slice(tokens[0]!.start, tokens[tokens.length - 1]!.end);
}
