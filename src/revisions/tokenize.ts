/**
 * A small JavaScript/TypeScript tokenizer: just enough to read a revision file's header
 * exports without executing it. Strings, template literals (with nested `${…}`), regular
 * expression literals and comments are recognised so that their contents never look like
 * code.
 */

export type Token =
  | { readonly kind: 'identifier'; readonly text: string; readonly line: number }
  | { readonly kind: 'string'; readonly text: string; readonly value: string; readonly line: number }
  /** A template literal without substitutions is a plain string value. */
  | { readonly kind: 'template'; readonly text: string; readonly value: string | undefined; readonly line: number }
  | { readonly kind: 'number'; readonly text: string; readonly line: number }
  | { readonly kind: 'regex'; readonly text: string; readonly line: number }
  | { readonly kind: 'punctuation'; readonly text: string; readonly line: number };

export interface TokenizedSource {
  readonly tokens: readonly Token[];
  /** The first doc comment (`/** … *\/`), when it comes before any code. */
  readonly leadingDocComment: string | undefined;
  /** Where tokenizing stopped: the source's length, or just after the token `until` accepted. */
  readonly end: number;
}

export interface TokenizeOptions {
  /** Stop after the first token for which this returns true (the rest is not read at all). */
  readonly until?: (token: Token) => boolean;
}

const PUNCTUATION = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=',
  '&=', '|=', '^=', '**', '<<', '>>',
];

/** The multi-character punctuators by their first character, longest first. */
const PUNCTUATION_BY_FIRST_CHAR = new Map<string, string[]>();
for (const punctuator of PUNCTUATION) {
  PUNCTUATION_BY_FIRST_CHAR.set(punctuator[0]!, [...(PUNCTUATION_BY_FIRST_CHAR.get(punctuator[0]!) ?? []), punctuator]);
}

const IDENTIFIER_START = /[A-Za-z_$]/;
/** Sticky: matches exactly at `lastIndex`, without slicing the source. */
const IDENTIFIER = /[A-Za-z0-9_$]+/y;

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** Keywords after which a `/` starts a regular expression rather than a division. */
const KEYWORDS_BEFORE_EXPRESSION = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/** Thrown for input the tokenizer cannot read (an unterminated string or comment). */
export class TokenizeError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Split source text into tokens, dropping whitespace and comments.
 *
 * @example
 * tokenize("export const revision = 'ab12';").tokens.map((t) => t.text);
 * // ['export', 'const', 'revision', '=', "'ab12'", ';']
 */
export function tokenize(source: string, options: TokenizeOptions = {}): TokenizedSource {
  const tokens: Token[] = [];
  let checked = 0;
  let leadingDocComment: string | undefined;
  let line = 1;
  let i = 0;
  /** For each open `${` of a template literal: the brace depth at which it closes. */
  const templateDepths: number[] = [];
  let braceDepth = 0;

  const advanceLines = (text: string) => {
    for (const ch of text) if (ch === '\n') line++;
  };

  while (i < source.length) {
    // Each pass adds at most one token: offer it to `until` once.
    if (options.until && tokens.length > checked) {
      checked = tokens.length;
      if (options.until(tokens[checked - 1]!)) return { tokens, leadingDocComment, end: i };
    }
    const ch = source[i]!;
    if (ch === '\n') {
      line++;
      i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || /\s/.test(ch)) {
      i++;
      continue;
    }
    if (source.startsWith('//', i)) {
      const end = source.indexOf('\n', i);
      i = end === -1 ? source.length : end;
      continue;
    }
    if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end === -1) throw new TokenizeError('unterminated comment', line);
      const text = source.slice(i, end + 2);
      if (leadingDocComment === undefined && tokens.length === 0 && text.startsWith('/**')) leadingDocComment = text;
      advanceLines(text);
      i = end + 2;
      continue;
    }
    const startLine = line;
    if (ch === "'" || ch === '"') {
      const { value, end } = readQuoted(source, i, ch, startLine);
      tokens.push({ kind: 'string', text: source.slice(i, end), value, line: startLine });
      i = end;
      continue;
    }
    if (ch === '`' || (ch === '}' && templateDepths.at(-1) === braceDepth)) {
      if (ch === '}') templateDepths.pop();
      const { end, value, opensSubstitution } = readTemplateChunk(source, i + 1, startLine);
      const text = source.slice(i, end);
      advanceLines(text);
      if (opensSubstitution) templateDepths.push(braceDepth);
      // Only a whole template without substitutions has a static value.
      const whole = ch === '`' && !opensSubstitution;
      tokens.push({ kind: 'template', text, value: whole ? value : undefined, line: startLine });
      i = end;
      continue;
    }
    if (IDENTIFIER_START.test(ch)) {
      IDENTIFIER.lastIndex = i;
      const text = IDENTIFIER.exec(source)![0];
      tokens.push({ kind: 'identifier', text, line: startLine });
      i += text.length;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^(?:0[xXoObB][0-9a-fA-F_]+n?|[0-9_]*\.?[0-9_]+(?:[eE][+-]?[0-9]+)?n?)/.exec(source.slice(i, i + 256))!;
      const text = match[0] || ch;
      tokens.push({ kind: 'number', text, line: startLine });
      i += text.length;
      continue;
    }
    if (ch === '/' && regexAllowedAfter(tokens.at(-1))) {
      const end = readRegex(source, i, startLine);
      tokens.push({ kind: 'regex', text: source.slice(i, end), line: startLine });
      i = end;
      continue;
    }
    const punctuation = PUNCTUATION_BY_FIRST_CHAR.get(ch)?.find((p) => source.startsWith(p, i)) ?? ch;
    if (punctuation === '{') braceDepth++;
    if (punctuation === '}') braceDepth--;
    tokens.push({ kind: 'punctuation', text: punctuation, line: startLine });
    i += punctuation.length;
  }
  return { tokens, leadingDocComment, end: source.length };
}

function regexAllowedAfter(previous: Token | undefined): boolean {
  if (!previous) return true;
  if (previous.kind === 'identifier') return KEYWORDS_BEFORE_EXPRESSION.has(previous.text);
  if (previous.kind === 'punctuation') return ![')', ']', '}', '++', '--'].includes(previous.text);
  return false;
}

function readQuoted(source: string, start: number, quote: string, line: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === quote) return { value, end: i + 1 };
    if (ch === '\n') break;
    if (ch === '\\') {
      const { text, length } = readEscape(source, i + 1);
      value += text;
      i += 1 + length;
      continue;
    }
    value += ch;
    i++;
  }
  throw new TokenizeError('unterminated string literal', line);
}

function readEscape(source: string, at: number): { text: string; length: number } {
  const ch = source[at] ?? '';
  if (ch in SIMPLE_ESCAPES) return { text: SIMPLE_ESCAPES[ch]!, length: 1 };
  if (ch === 'x') return { text: String.fromCharCode(parseInt(source.slice(at + 1, at + 3), 16)), length: 3 };
  if (ch === 'u' && source[at + 1] === '{') {
    const close = source.indexOf('}', at);
    return { text: String.fromCodePoint(parseInt(source.slice(at + 2, close), 16)), length: close - at + 1 };
  }
  if (ch === 'u') return { text: String.fromCharCode(parseInt(source.slice(at + 1, at + 5), 16)), length: 5 };
  // A backslash before a line break continues the string; before anything else it is dropped.
  if (ch === '\r' && source[at + 1] === '\n') return { text: '', length: 2 };
  if (ch === '\n') return { text: '', length: 1 };
  return { text: ch, length: 1 };
}

/** Read from just after a backquote or a substitution's `}` to the closing backquote or the next `${`. */
function readTemplateChunk(source: string, start: number, line: number): { end: number; value: string; opensSubstitution: boolean } {
  let value = '';
  let i = start;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '`') return { end: i + 1, value, opensSubstitution: false };
    if (ch === '$' && source[i + 1] === '{') return { end: i + 2, value, opensSubstitution: true };
    if (ch === '\\') {
      const { text, length } = readEscape(source, i + 1);
      value += text;
      i += 1 + length;
      continue;
    }
    value += ch;
    i++;
  }
  throw new TokenizeError('unterminated template literal', line);
}

function readRegex(source: string, start: number, line: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\n') break;
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (ch === '/' && !inClass) {
      i++;
      while (/[a-z]/i.test(source[i] ?? '')) i++;
      return i;
    }
    i++;
  }
  throw new TokenizeError('unterminated regular expression', line);
}
