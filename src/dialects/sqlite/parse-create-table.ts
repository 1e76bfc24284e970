/**
 * Reads what the catalog pragmas leave out of a `CREATE TABLE` statement: constraint names,
 * CHECK expressions, AUTOINCREMENT, collations and generated-column expressions.
 */
import { isKeyword, isName, matchingParen, sourceOf, splitTopLevel, tokenize, type Token } from './tokenizer.js';

export interface ParsedColumn {
  readonly name: string;
  /** The type as written (the pragmas upper-case some type names). */
  readonly declaredType: string;
  readonly autoIncrement: boolean;
  readonly collation?: string;
  readonly generated?: { readonly sql: string; readonly stored: boolean };
}

/** A constraint as written, column-level ones turned into their table-level equivalent. */
export type ParsedConstraint =
  | {
      readonly kind: 'primaryKey';
      readonly name?: string;
      readonly columns: readonly string[];
      /** `PRIMARY KEY (id AUTOINCREMENT)`, which SQLite also accepts at table level. */
      readonly autoIncrement: boolean;
    }
  | { readonly kind: 'unique'; readonly name?: string; readonly columns: readonly string[] }
  /** `column` is set for a check written in a column's definition. */
  | { readonly kind: 'check'; readonly name?: string; readonly sql: string; readonly column?: string }
  | {
      readonly kind: 'foreignKey';
      readonly name?: string;
      readonly columns: readonly string[];
      readonly referencedTable: string;
      readonly referencedColumns: readonly string[];
    };

export interface ParsedTable {
  readonly columns: readonly ParsedColumn[];
  /** In declaration order. */
  readonly constraints: readonly ParsedConstraint[];
}

const TABLE_CONSTRAINT_KEYWORDS = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'];

/** Words that end a column's type name and start its constraints. */
const COLUMN_CONSTRAINT_KEYWORDS = [
  'CONSTRAINT', 'PRIMARY', 'NOT', 'NULL', 'UNIQUE', 'CHECK', 'DEFAULT', 'COLLATE', 'REFERENCES', 'GENERATED', 'AS',
];

/**
 * Parse the body of a `CREATE TABLE` statement as stored in `sqlite_master.sql`.
 *
 * @example
 * const parsed = parseCreateTable('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, CONSTRAINT ck CHECK (id > 0))');
 * parsed.columns[0].autoIncrement; // true
 * parsed.constraints; // [{ kind: 'primaryKey', columns: ['id'], autoIncrement: false }, { kind: 'check', name: 'ck', sql: 'id > 0' }]
 */
export function parseCreateTable(source: string): ParsedTable {
  const tokens = tokenize(source);
  const open = tokens.findIndex((t) => t.kind === 'punctuation' && t.value === '(');
  if (open === -1) return { columns: [], constraints: [] };
  const columns: ParsedColumn[] = [];
  const constraints: ParsedConstraint[] = [];
  for (const part of splitTopLevel(tokens, open + 1, matchingParen(tokens, open))) {
    if (TABLE_CONSTRAINT_KEYWORDS.some((keyword) => isKeyword(part[0], keyword))) {
      const constraint = parseTableConstraint(source, part);
      if (constraint) constraints.push(constraint);
    } else if (isName(part[0])) {
      columns.push(parseColumn(source, part, constraints));
    }
  }
  return { columns, constraints };
}

/** A column definition; its column-level constraints are appended to `constraints`. */
function parseColumn(source: string, tokens: readonly Token[], constraints: ParsedConstraint[]): ParsedColumn {
  const name = tokens[0]!.value;
  let autoIncrement = false;
  let collation: string | undefined;
  let generated: ParsedColumn['generated'];
  let constraintName: string | undefined;
  let i = 1;
  while (i < tokens.length && !COLUMN_CONSTRAINT_KEYWORDS.some((keyword) => isKeyword(tokens[i], keyword))) {
    i = isOpenParen(tokens[i]) ? matchingParen(tokens, i) + 1 : i + 1;
  }
  const declaredType = sourceOf(source, tokens.slice(1, i));
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (isKeyword(token, 'CONSTRAINT')) {
      constraintName = tokens[i + 1]?.value;
      i += 2;
      continue;
    }
    const named = constraintName;
    constraintName = undefined;
    if (isKeyword(token, 'PRIMARY')) {
      constraints.push({ kind: 'primaryKey', name: named, columns: [name], autoIncrement: false });
      i += 2;
    } else if (isKeyword(token, 'AUTOINCREMENT')) {
      autoIncrement = true;
      i++;
    } else if (isKeyword(token, 'UNIQUE')) {
      constraints.push({ kind: 'unique', name: named, columns: [name] });
      i++;
    } else if (isKeyword(token, 'CHECK') && isOpenParen(tokens[i + 1])) {
      const close = matchingParen(tokens, i + 1);
      constraints.push({ kind: 'check', name: named, sql: sourceOf(source, tokens.slice(i + 2, close)), column: name });
      i = close + 1;
    } else if (isKeyword(token, 'DEFAULT')) {
      i = skipDefaultValue(tokens, i + 1);
    } else if (isKeyword(token, 'COLLATE')) {
      collation = tokens[i + 1]?.value;
      i += 2;
    } else if (isKeyword(token, 'REFERENCES')) {
      const reference = parseReference(tokens, i + 1);
      constraints.push({ kind: 'foreignKey', name: named, columns: [name], ...reference.value });
      i = reference.next;
    } else if (isKeyword(token, 'AS') && isOpenParen(tokens[i + 1])) {
      const close = matchingParen(tokens, i + 1);
      const stored = isKeyword(tokens[close + 1], 'STORED');
      generated = { sql: sourceOf(source, tokens.slice(i + 2, close)), stored };
      i = close + 1;
    } else if (isOpenParen(token)) {
      i = matchingParen(tokens, i) + 1;
    } else {
      i++;
    }
  }
  return { name, declaredType, autoIncrement, collation, generated };
}

function parseTableConstraint(source: string, tokens: readonly Token[]): ParsedConstraint | undefined {
  let i = 0;
  let name: string | undefined;
  if (isKeyword(tokens[0], 'CONSTRAINT')) {
    name = tokens[1]?.value;
    i = 2;
  }
  const keyword = tokens[i];
  const listStart = tokens.findIndex((t, index) => index > i && isOpenParen(t));
  if (listStart === -1) return undefined;
  const listEnd = matchingParen(tokens, listStart);
  if (isKeyword(keyword, 'CHECK')) {
    return { kind: 'check', name, sql: sourceOf(source, tokens.slice(listStart + 1, listEnd)) };
  }
  const columns = columnList(tokens, listStart);
  if (isKeyword(keyword, 'PRIMARY')) {
    const autoIncrement = tokens.slice(listStart, listEnd).some((t) => isKeyword(t, 'AUTOINCREMENT'));
    return { kind: 'primaryKey', name, columns, autoIncrement };
  }
  if (isKeyword(keyword, 'UNIQUE')) return { kind: 'unique', name, columns };
  if (isKeyword(keyword, 'FOREIGN') && isKeyword(tokens[listEnd + 1], 'REFERENCES')) {
    return { kind: 'foreignKey', name, columns, ...parseReference(tokens, listEnd + 2).value };
  }
  return undefined;
}

/** `table [(columns)] [ON DELETE …] [MATCH …] [[NOT] DEFERRABLE …]` starting at `i`. */
function parseReference(
  tokens: readonly Token[],
  i: number,
): { value: { referencedTable: string; referencedColumns: readonly string[] }; next: number } {
  const referencedTable = tokens[i]?.value ?? '';
  let next = i + 1;
  let referencedColumns: readonly string[] = [];
  if (isOpenParen(tokens[next])) {
    referencedColumns = columnList(tokens, next);
    next = matchingParen(tokens, next) + 1;
  }
  for (;;) {
    if (isKeyword(tokens[next], 'ON')) {
      next += isKeyword(tokens[next + 2], 'SET') || isKeyword(tokens[next + 2], 'NO') ? 4 : 3;
    } else if (isKeyword(tokens[next], 'MATCH')) {
      next += 2;
    } else if (isKeyword(tokens[next], 'NOT') && isKeyword(tokens[next + 1], 'DEFERRABLE')) {
      next += 1;
    } else if (isKeyword(tokens[next], 'DEFERRABLE')) {
      next += isKeyword(tokens[next + 1], 'INITIALLY') ? 3 : 1;
    } else {
      return { value: { referencedTable, referencedColumns }, next };
    }
  }
}

/** The names in an indexed-column list `(a, b DESC, c COLLATE x)` whose `(` is at `open`. */
function columnList(tokens: readonly Token[], open: number): string[] {
  return splitTopLevel(tokens, open + 1, matchingParen(tokens, open))
    .filter((part) => isName(part[0]))
    .map((part) => part[0]!.value);
}

/** Past a default value: a parenthesised expression, a signed number or one literal/keyword. */
function skipDefaultValue(tokens: readonly Token[], i: number): number {
  const token = tokens[i];
  if (isOpenParen(token)) return matchingParen(tokens, i) + 1;
  if (token?.kind === 'punctuation' && (token.value === '-' || token.value === '+')) return i + 2;
  return i + 1;
}

function isOpenParen(token: Token | undefined): boolean {
  return token?.kind === 'punctuation' && token.value === '(';
}
