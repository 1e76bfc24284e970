/**
 * Reads what `pragma_index_xinfo` leaves out of a `CREATE INDEX` statement: the text of
 * expression parts and the partial-index `WHERE` predicate.
 */
import { isKeyword, matchingParen, sourceOf, splitTopLevel, tokenize, type Token } from './tokenizer.js';

export interface ParsedIndexPart {
  /**
   * The part as written, without its `COLLATE`, `ASC`/`DESC` and parentheses around the whole
   * (the renderer puts those back around every expression, so reading them would add a pair per round trip).
   */
  readonly sql: string;
  readonly descending: boolean;
}

export interface ParsedIndex {
  readonly parts: readonly ParsedIndexPart[];
  readonly where?: string;
}

/**
 * Parse a `CREATE [UNIQUE] INDEX … ON table (parts) [WHERE expr]` statement.
 *
 * @example
 * parseCreateIndex('CREATE INDEX ix ON posts (lower(title) DESC, id) WHERE id > 0');
 * // { parts: [{ sql: 'lower(title)', descending: true }, { sql: 'id', descending: false }], where: 'id > 0' }
 */
export function parseCreateIndex(source: string): ParsedIndex {
  const tokens = tokenize(source);
  const on = tokens.findIndex((t) => isKeyword(t, 'ON'));
  const open = tokens.findIndex((t, i) => i > on && t.kind === 'punctuation' && t.value === '(');
  if (on === -1 || open === -1) return { parts: [] };
  const close = matchingParen(tokens, open);
  const parts = splitTopLevel(tokens, open + 1, close).map((part) => parsePart(source, part));
  const rest = tokens.slice(close + 1).filter((t) => !(t.kind === 'punctuation' && t.value === ';'));
  const where = isKeyword(rest[0], 'WHERE') ? sourceOf(source, rest.slice(1)) : undefined;
  return where === undefined ? { parts } : { parts, where };
}

function parsePart(source: string, tokens: readonly Token[]): ParsedIndexPart {
  let end = tokens.length;
  const descending = isKeyword(tokens[end - 1], 'DESC');
  if (descending || isKeyword(tokens[end - 1], 'ASC')) end--;
  if (end >= 2 && isKeyword(tokens[end - 2], 'COLLATE')) end -= 2;
  let start = 0;
  if (tokens[0]?.kind === 'punctuation' && tokens[0].value === '(' && matchingParen(tokens, 0) === end - 1) {
    start = 1;
    end--;
  }
  return { sql: sourceOf(source, tokens.slice(start, end)), descending };
}
