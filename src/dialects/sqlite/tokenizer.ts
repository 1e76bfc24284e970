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

/** Two-character operators; `->>` is the one three characters long. */
const OPERATORS = new Set(['||', '<<', '>>', '<=', '>=', '==', '!=', '<>', '->']);

// Sticky patterns, matched where the scan stands (no copy of the rest of the source per token).
const WORD = /[\p{L}\p{N}_$]+/uy;
const NUMBER = /0x[0-9a-f]+|(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?/iy;
const WORD_START = /[\p{L}_$]/u;
const SPACE = /\s/;

/** The text `pattern` (sticky) matches at `at` in `source`. */
function matchAt(pattern: RegExp, source: string, at: number): string {
  pattern.lastIndex = at;
  return pattern.exec(source)![0];
}

const isDigit = (code: number) => code >= 48 && code <= 57;

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
    const code = source.charCodeAt(i);
    if (code === 32 || (code >= 9 && code <= 13) || (code > 127 && SPACE.test(c))) {
      i++;
    } else if (c === '-' && source[i + 1] === '-') {
      const newline = source.indexOf('\n', i);
      i = newline === -1 ? source.length : newline + 1;
    } else if (c === '/' && source[i + 1] === '*') {
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
    } else if (isDigit(code) || (c === '.' && isDigit(source.charCodeAt(i + 1)))) {
      const text = matchAt(NUMBER, source, i);
      tokens.push({ kind: 'number', value: text, start: i, end: i + text.length });
      i += text.length;
    } else if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || c === '_' || c === '$' || (code > 127 && WORD_START.test(c))) {
      const text = matchAt(WORD, source, i);
      tokens.push({ kind: 'word', value: text, start: i, end: i + text.length });
      i += text.length;
    } else {
      const pair = source.slice(i, i + 2);
      const text = source.startsWith('->>', i) ? '->>' : OPERATORS.has(pair) ? pair : c;
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
  return body.includes(quote + quote) ? body.split(quote + quote).join(quote) : body;
}

/**
 * Whether a token is the given keyword (ASCII case-insensitive, as SQLite's keywords are; quoted identifiers never are).
 *
 * @example
 * isKeyword(tokenize('unique')[0], 'UNIQUE'); // true
 */
export function isKeyword(token: Token | undefined, keyword: string): boolean {
  return token?.kind === 'word' && token.value.length === keyword.length && token.value.toUpperCase() === keyword;
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
