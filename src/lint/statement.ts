/**
 * A recorded statement read as tokens, with the few helpers the rules need: keyword
 * sequences, names (quoted or not, possibly schema-qualified) and the actions of an
 * `ALTER TABLE`. PostgreSQL's dollar-quoted bodies (`DO $$ … $$`) are one string token, so
 * that nothing inside them is read as a statement of its own.
 */
// SQLite's tokenizer reads the quoting of every dialect ("x", `x`, [x], 'it''s'): lint uses it as is.
import { isKeyword, isName, matchingParen, splitTopLevel, tokenize, type Token } from '../dialects/sqlite/tokenizer.js';

export { isKeyword, isName, matchingParen, splitTopLevel, type Token };

/** One statement of a revision, as text and as tokens. */
export interface Statement {
  readonly sql: string;
  readonly tokens: readonly Token[];
}

/**
 * Tokens of `sql`, a dollar-quoted body kept as one `string` token.
 *
 * @example
 * readStatement('DO $$ BEGIN DROP TABLE t; END $$').tokens.map((t) => t.kind); // ['word', 'string']
 */
export function readStatement(sql: string): Statement {
  const tokens: Token[] = [];
  let offset = 0;
  for (;;) {
    const open = findOutsideQuotes(sql, offset);
    if (open === undefined) break;
    tokens.push(...tokenize(sql.slice(offset, open.index)).map((token) => shift(token, offset)));
    const close = sql.indexOf(open.tag, open.index + open.tag.length);
    const end = close === -1 ? sql.length : close + open.tag.length;
    tokens.push({ kind: 'string', value: sql.slice(open.index + open.tag.length, close === -1 ? sql.length : close), start: open.index, end });
    offset = end;
  }
  const tail = tokenize(sql.slice(offset));
  // Most statements have no dollar-quoted body: their tokens need no shifting.
  if (offset === 0) return { sql, tokens: tail };
  for (const token of tail) tokens.push(shift(token, offset));
  return { sql, tokens };
}

/** The first `$tag$` at or after `from` that is not inside a quoted string or identifier. */
function findOutsideQuotes(sql: string, from: number): { index: number; tag: string } | undefined {
  let quote: string | undefined;
  for (let i = from; i < sql.length; i++) {
    const c = sql[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') {
      quote = c;
    } else if (c === '$' && !/[\w$]/.test(sql[i - 1] ?? '')) {
      const match = /^\$([A-Za-z_]\w*)?\$/.exec(sql.slice(i));
      if (match) return { index: i, tag: match[0] };
    }
  }
  return undefined;
}

function shift(token: Token, by: number): Token {
  return { ...token, start: token.start + by, end: token.end + by };
}

/**
 * Whether the tokens from `at` are these keywords, in order.
 *
 * @example
 * keywordsAt(readStatement('create unique index x').tokens, 0, 'CREATE', 'UNIQUE'); // true
 */
export function keywordsAt(tokens: readonly Token[], at: number, ...keywords: string[]): boolean {
  return keywords.every((keyword, i) => isKeyword(tokens[at + i], keyword));
}

/** The index of the first token that is `keyword`, from `from`, or -1. */
export function findKeyword(tokens: readonly Token[], keyword: string, from = 0): number {
  for (let i = from; i < tokens.length; i++) if (isKeyword(tokens[i], keyword)) return i;
  return -1;
}

/** Whether any token is `keyword`. */
export function hasKeyword(tokens: readonly Token[], keyword: string): boolean {
  return findKeyword(tokens, keyword) !== -1;
}

/** A name as the database folds it: unquoted words to lower case, quoted ones as written. */
function foldName(token: Token): string {
  return token.kind === 'word' ? token.value.toLowerCase() : token.value;
}

/**
 * The (possibly schema-qualified) name starting at `at`: its folded key (`audit.events`) and
 * the index just past it; undefined when no name is there.
 *
 * @example
 * readName(readStatement('"Audit"."Events" add').tokens, 0); // { key: 'Audit.Events', next: 3 }
 */
export function readName(tokens: readonly Token[], at: number): { readonly key: string; readonly next: number } | undefined {
  const parts: string[] = [];
  let i = at;
  for (;;) {
    const token = tokens[i];
    if (!isName(token) || token.kind === 'string') break;
    parts.push(foldName(token));
    i++;
    if (tokens[i]?.kind === 'punctuation' && tokens[i]!.value === '.') i++;
    else break;
  }
  return parts.length === 0 ? undefined : { key: parts.join('.'), next: i };
}

/** Skip optional keywords (`IF EXISTS`, `ONLY`, …) at `at`, returning the index past them. */
export function skipKeywords(tokens: readonly Token[], at: number, ...sequences: readonly string[][]): number {
  let i = at;
  let moved = true;
  while (moved) {
    moved = false;
    for (const sequence of sequences) {
      if (keywordsAt(tokens, i, ...sequence)) {
        i += sequence.length;
        moved = true;
      }
    }
  }
  return i;
}

/**
 * The table a `CREATE [TEMP | UNLOGGED] TABLE [IF NOT EXISTS] name …` creates, and the index
 * just past its name; undefined for any other statement.
 *
 * @example
 * readCreateTable(readStatement('create table if not exists "t" (id int)'))?.key; // 't'
 */
export function readCreateTable({ tokens }: Statement): { readonly key: string; readonly next: number } | undefined {
  if (!isKeyword(tokens[0], 'CREATE')) return undefined;
  const at = skipKeywords(tokens, 1, ['TEMP'], ['TEMPORARY'], ['UNLOGGED']);
  if (!isKeyword(tokens[at], 'TABLE')) return undefined;
  return readName(tokens, skipKeywords(tokens, at + 1, ['IF', 'NOT', 'EXISTS']));
}

/** The target and actions of `ALTER TABLE name action, action, …`. */
export interface AlterTable {
  readonly table: string;
  /** Each comma-separated action's tokens. */
  readonly actions: readonly (readonly Token[])[];
}

/**
 * Read an `ALTER TABLE` statement; undefined for any other.
 *
 * @example
 * readAlterTable(readStatement('alter table "t" add column "a" int, drop column "b"'))?.actions.length; // 2
 */
export function readAlterTable(statement: Statement): AlterTable | undefined {
  const { tokens } = statement;
  if (!keywordsAt(tokens, 0, 'ALTER', 'TABLE')) return undefined;
  const at = skipKeywords(tokens, 2, ['IF', 'EXISTS'], ['ONLY']);
  const name = readName(tokens, at);
  if (!name) return undefined;
  let next = name.next;
  if (tokens[next]?.value === '*') next++;
  return { table: name.key, actions: splitTopLevel(tokens, next, tokens.length).filter((action) => action.length > 0) };
}

/** The source text of a run of tokens, one space between tokens, words in lower case: for comparing types. */
export function normalizedText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => (token.kind === 'word' ? token.value.toLowerCase() : token.kind === 'quoted' ? `"${token.value}"` : token.value))
    .join(' ')
    .replace(/ ?([(),.]) ?/g, '$1');
}

/**
 * The bare words of a run of tokens, lower case, one space apart: what a clause says, without
 * the names and strings it holds.
 *
 * @example
 * keywordText(readStatement("int default 'stored' not null").tokens); // 'int default not null'
 */
export function keywordText(tokens: readonly Token[]): string {
  return tokens
    .filter((token) => token.kind === 'word')
    .map((token) => token.value.toLowerCase())
    .join(' ');
}
