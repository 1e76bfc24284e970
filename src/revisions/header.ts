/**
 * Reading a revision file's header (SPEC §5) without executing it: graph commands must work
 * even when a revision's code cannot run here. The four header exports must be literals.
 */
import { SchemigrateError } from '../util/errors.js';
import { tokenize, TokenizeError, type Token } from './tokenize.js';

/** What the graph needs to know about one revision file. */
export interface RevisionHeader {
  readonly revision: string;
  /** Empty for a root; several for a merge. */
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  /** First line of the leading doc comment, or `''`. */
  readonly message: string;
  /** Absolute path of the revision file. */
  readonly file: string;
  /** The doc comment's `Create Date:` value, when present. */
  readonly createDate?: string;
  /** A squash revision's optional `replaces`: the IDs of the revisions it stands for, oldest first (docs/revision-graph.md). */
  readonly replaces?: readonly string[];
}

type LiteralValue = string | readonly string[] | null;

interface HeaderExport {
  readonly value: LiteralValue;
  readonly line: number;
}

/**
 * Parse the header exports and doc comment of a revision file's source.
 *
 * @example
 * const header = parseRevisionHeader(
 *   "/** add users *\/\nexport const revision = 'ab12';\nexport const downRevision = null;\n" +
 *     'export const branchLabels = null;\nexport const dependsOn = null;',
 *   '/app/migrations/versions/ab12_add_users.ts',
 * );
 * // { revision: 'ab12', downRevisions: [], branchLabels: [], dependsOn: [], message: 'add users', … }
 */
export function parseRevisionHeader(source: string, file: string): RevisionHeader {
  let tokenized;
  try {
    tokenized = tokenize(source, { until: pastHeader() });
    // A second declaration of a header export further down must still be reported.
    if (tokenized.end < source.length && HEADER_DECLARATION.test(source.slice(tokenized.end))) tokenized = tokenize(source);
  } catch (error) {
    if (error instanceof TokenizeError) {
      throw new SchemigrateError(`Cannot read the revision header of ${file}:${error.line}: ${error.message}.`, { code: 'INVALID_REVISION_FILE' });
    }
    throw error;
  }
  const exports = readHeaderExports(tokenized.tokens, file);

  const revision = requireExport(exports, 'revision', file);
  if (typeof revision.value !== 'string' || revision.value === '') {
    throw headerError(file, 'revision', revision.line, 'must be a non-empty string literal');
  }
  const downRevision = requireExport(exports, 'downRevision', file);
  const branchLabels = requireExport(exports, 'branchLabels', file);
  const dependsOn = requireExport(exports, 'dependsOn', file);
  const replaces = exports.get('replaces');
  const docComment = tokenized.leadingDocComment === undefined ? [] : docCommentLines(tokenized.leadingDocComment);
  const createDate = docComment.find((line) => line.startsWith('Create Date:'))?.slice('Create Date:'.length).trim();

  return {
    revision: revision.value,
    downRevisions: toList(downRevision, 'downRevision', file),
    branchLabels: toList(branchLabels, 'branchLabels', file),
    dependsOn: toList(dependsOn, 'dependsOn', file),
    // The renderer writes `*/` in a message as `*\/` so that it cannot close the comment.
    message: (docComment.find((line) => line !== '') ?? '').replaceAll('*\\/', '*/'),
    file,
    ...(createDate ? { createDate } : {}),
    ...(replaces ? { replaces: toList(replaces, 'replaces', file) } : {}),
  };
}

const REQUIRED_NAMES = ['revision', 'downRevision', 'branchLabels', 'dependsOn'] as const;
/** `replaces` is optional: only squash revisions have it. */
const HEADER_NAMES = [...REQUIRED_NAMES, 'replaces'] as const;
type HeaderName = (typeof HEADER_NAMES)[number];

const HEADER_DECLARATION = /\bexport\s+(?:const|let|var)\s+(?:revision|downRevision|branchLabels|dependsOn|replaces)\b/;

/**
 * A `tokenize` stop condition: true at the first top-level `function` or `class` keyword once
 * all four header names have been declared, so the (much longer) revision bodies are not read.
 */
function pastHeader(): (token: Token) => boolean {
  const declared = new Set<string>();
  let depth = 0;
  let previous: Token[] = [];
  return (token) => {
    if (token.kind === 'punctuation' && ['{', '(', '['].includes(token.text)) depth++;
    if (token.kind === 'punctuation' && ['}', ')', ']'].includes(token.text)) depth--;
    const [exported, keyword] = previous;
    if (depth === 0 && exported?.text === 'export' && ['const', 'let', 'var'].includes(keyword?.text ?? '') && isHeaderName(token.text)) {
      declared.add(token.text);
    }
    previous = [...previous, token].slice(-2);
    return depth === 0 && REQUIRED_NAMES.every((name) => declared.has(name)) && token.kind === 'identifier' && (token.text === 'function' || token.text === 'class');
  };
}

/** Find every top-level `export const <header name> … = <literal>` declaration. */
function readHeaderExports(tokens: readonly Token[], file: string): Map<HeaderName, HeaderExport> {
  const found = new Map<HeaderName, HeaderExport>();
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'punctuation' && ['{', '(', '['].includes(token.text)) depth++;
    if (token.kind === 'punctuation' && ['}', ')', ']'].includes(token.text)) depth--;
    if (depth !== 0 || token.text !== 'export' || token.kind !== 'identifier') continue;
    const keyword = tokens[i + 1];
    const nameToken = tokens[i + 2];
    if (keyword?.text !== 'const' && keyword?.text !== 'let' && keyword?.text !== 'var') continue;
    if (nameToken?.kind !== 'identifier' || !isHeaderName(nameToken.text)) continue;
    const name = nameToken.text;
    if (found.has(name)) {
      throw headerError(file, name, nameToken.line, `is declared twice (first on line ${found.get(name)!.line})`);
    }
    if (keyword.text !== 'const') throw headerError(file, name, nameToken.line, 'must be declared with `const`');
    const { value, next } = readDeclaration(tokens, i + 3, file, name, nameToken.line);
    found.set(name, { value, line: nameToken.line });
    i = next - 1;
  }
  return found;
}

function isHeaderName(name: string): name is HeaderName {
  return (HEADER_NAMES as readonly string[]).includes(name);
}

/** Read `[: type] = literal [as const]` and check that the statement ends there. */
function readDeclaration(
  tokens: readonly Token[],
  start: number,
  file: string,
  name: HeaderName,
  line: number,
): { value: LiteralValue; next: number } {
  let i = start;
  if (tokens[i]?.text === ':') i = skipTypeAnnotation(tokens, i + 1);
  if (tokens[i]?.text !== '=') throw headerError(file, name, line, 'must be initialised with a literal');
  const literal = readLiteral(tokens, i + 1);
  if (!literal) throw headerError(file, name, line, `must be a literal ${expectation(name)}`);
  i = literal.next;
  if (tokens[i]?.text === 'as' && tokens[i + 1]?.text === 'const') i += 2;
  const after = tokens[i];
  const statementEnds = after === undefined || after.text === ';' || after.line > tokens[i - 1]!.line;
  if (!statementEnds || (after?.kind === 'punctuation' && after.text !== ';')) {
    throw headerError(file, name, line, `must be a literal ${expectation(name)}, not an expression`);
  }
  return { value: literal.value, next: i };
}

/** Skip a type annotation up to the `=` that is not nested in brackets. */
function skipTypeAnnotation(tokens: readonly Token[], start: number): number {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const text = tokens[i]!.text;
    if (tokens[i]!.kind !== 'punctuation') continue;
    if (['(', '[', '{', '<'].includes(text)) depth++;
    else if ([')', ']', '}', '>'].includes(text)) depth--;
    else if (depth === 0 && (text === '=' || text === ';')) return i;
  }
  return tokens.length;
}

/** A string, `null`, or an array of strings; `undefined` when the tokens are anything else. */
function readLiteral(tokens: readonly Token[], start: number): { value: LiteralValue; next: number } | undefined {
  const first = tokens[start];
  if (!first) return undefined;
  const single = stringValue(first);
  if (single !== undefined) return { value: single, next: start + 1 };
  if (first.kind === 'identifier' && first.text === 'null') return { value: null, next: start + 1 };
  if (first.text !== '[' || first.kind !== 'punctuation') return undefined;
  const items: string[] = [];
  let i = start + 1;
  while (tokens[i]?.text !== ']') {
    const item = tokens[i] && stringValue(tokens[i]!);
    if (item === undefined) return undefined;
    items.push(item);
    i++;
    if (tokens[i]?.text === ',') i++;
    else if (tokens[i]?.text !== ']') return undefined;
  }
  return { value: items, next: i + 1 };
}

function stringValue(token: Token): string | undefined {
  if (token.kind === 'string') return token.value;
  if (token.kind === 'template') return token.value;
  return undefined;
}

function requireExport(exports: Map<HeaderName, HeaderExport>, name: HeaderName, file: string): HeaderExport {
  const found = exports.get(name);
  if (!found) {
    throw new SchemigrateError(
      `The revision file ${file} has no \`export const ${name}\` (${expectation(name)}); every revision file needs revision, downRevision, branchLabels and dependsOn as literals.`,
      { code: 'INVALID_REVISION_FILE' },
    );
  }
  return found;
}

/** `null` → none; a string → one; an array → as is (SPEC allows a single string for dependsOn too). */
function toList(header: HeaderExport, name: HeaderName, file: string): readonly string[] {
  const list = header.value === null ? [] : typeof header.value === 'string' ? [header.value] : header.value;
  const empty = list.find((item) => item === '');
  if (empty !== undefined) throw headerError(file, name, header.line, 'contains an empty string');
  const duplicate = list.find((item, index) => list.indexOf(item) !== index);
  if (duplicate !== undefined) throw headerError(file, name, header.line, `lists '${duplicate}' twice`);
  return list;
}

function expectation(name: HeaderName): string {
  return name === 'revision' ? 'string' : 'string, array of strings, or null';
}

function headerError(file: string, name: HeaderName, line: number, problem: string): SchemigrateError {
  return new SchemigrateError(`In the revision file ${file}:${line}, \`export const ${name}\` ${problem}.`, { code: 'INVALID_REVISION_FILE' });
}

/** The comment's lines without the `/**`, `*\/` and leading `*` decoration, trimmed. */
function docCommentLines(comment: string): string[] {
  return comment
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^\*\s?/, '').trim());
}
