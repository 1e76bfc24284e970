/**
 * What the revisions before a statement left behind, as far as the recorded SQL tells: each
 * table's column types. Type rules need the old type of a changed column (varchar(20) →
 * varchar(40) needs no rewrite; integer → bigint does). It is rebuilt from every revision from
 * base, so a column created outside the revisions has no known type (rules then assume the worst).
 */
import {
  isKeyword,
  isName,
  keywordsAt,
  matchingParen,
  normalizedText,
  readAlterTable,
  readCreateTable,
  readName,
  skipKeywords,
  splitTopLevel,
  type Statement,
  type Token,
} from './statement.js';

/** Words that end a column's type in its definition. */
const TYPE_ENDS = new Set([
  'NOT', 'NULL', 'DEFAULT', 'PRIMARY', 'UNIQUE', 'CHECK', 'REFERENCES', 'CONSTRAINT', 'GENERATED', 'COLLATE',
  'AUTO_INCREMENT', 'AUTOINCREMENT', 'COMMENT', 'AS', 'ON', 'FIRST', 'AFTER', 'INVISIBLE', 'VISIBLE', 'USING', 'KEY',
]);

/** Words that start a table constraint rather than a column in `CREATE TABLE (…)`. */
const CONSTRAINT_STARTS = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN', 'KEY', 'INDEX', 'FULLTEXT', 'SPATIAL', 'EXCLUDE', 'LIKE']);

/** A column definition: its name and normalised type (`varchar(20)`, `numeric(10,2)`). */
export interface ColumnDefinition {
  readonly name: string;
  readonly type: string;
  /** The tokens after the type: constraints, default, generation. */
  readonly rest: readonly Token[];
}

/**
 * Read `name type …` from a column definition's tokens.
 *
 * @example
 * readColumnDefinition(readStatement('"price" numeric(10, 2) not null').tokens)?.type; // 'numeric(10,2)'
 */
export function readColumnDefinition(tokens: readonly Token[]): ColumnDefinition | undefined {
  const name = tokens[0];
  if (!isName(name) || name.kind === 'string') return undefined;
  let end = 1;
  while (end < tokens.length) {
    const token = tokens[end]!;
    if (token.kind === 'word' && TYPE_ENDS.has(token.value.toUpperCase())) break;
    if (isKeyword(token, 'CHARACTER') && isKeyword(tokens[end + 1], 'SET')) break;
    if (token.kind === 'punctuation' && token.value === '(') end = matchingParen(tokens, end) + 1;
    else end++;
  }
  return {
    name: name.kind === 'word' ? name.value.toLowerCase() : name.value,
    type: canonicalType(normalizedText(tokens.slice(1, end))),
    rest: tokens.slice(end),
  };
}

/** Spellings of one type folded together, so that equal types compare equal. */
function canonicalType(type: string): string {
  return type
    .replace(/^character varying\b/, 'varchar')
    .replace(/^(int4|int)$/, 'integer')
    .replace(/^int8$/, 'bigint')
    .replace(/^int2$/, 'smallint')
    .replace(/^decimal\b/, 'numeric');
}

/** Column types per table, as the revisions so far made them. */
export class Catalog {
  readonly #tables = new Map<string, Map<string, string>>();

  /** The type of `table.column`, if the revisions so far tell it. */
  columnType(table: string, column: string): string | undefined {
    return this.#tables.get(table)?.get(column);
  }

  /** Take in the effect of one statement. */
  apply(statement: Statement): void {
    const { tokens } = statement;
    if (keywordsAt(tokens, 0, 'CREATE')) this.#createTable(statement);
    else if (keywordsAt(tokens, 0, 'DROP', 'TABLE')) {
      let at = skipKeywords(tokens, 2, ['IF', 'EXISTS']);
      for (let name = readName(tokens, at); name; name = readName(tokens, at)) {
        this.#tables.delete(name.key);
        at = tokens[name.next]?.value === ',' ? name.next + 1 : tokens.length;
      }
    } else if (keywordsAt(tokens, 0, 'RENAME', 'TABLE')) {
      const from = readName(tokens, 2);
      const to = from && readName(tokens, from.next + 1);
      if (from && to) this.#renameTable(from.key, to.key);
    } else {
      const alter = readAlterTable(statement);
      if (alter) for (const action of alter.actions) this.#alter(alter.table, action);
    }
  }

  #createTable(statement: Statement): void {
    const { tokens } = statement;
    const name = readCreateTable(statement);
    if (!name || tokens[name.next]?.value !== '(') return;
    const columns = new Map<string, string>();
    for (const part of splitTopLevel(tokens, name.next + 1, matchingParen(tokens, name.next))) {
      if (part[0]?.kind === 'word' && CONSTRAINT_STARTS.has(part[0].value.toUpperCase())) continue;
      const column = readColumnDefinition(part);
      if (column) columns.set(column.name, column.type);
    }
    this.#tables.set(name.key, columns);
  }

  #renameTable(from: string, to: string): void {
    const columns = this.#tables.get(from);
    this.#tables.delete(from);
    if (columns) this.#tables.set(to, columns);
  }

  #alter(table: string, action: readonly Token[]): void {
    const columns = this.#tables.get(table) ?? new Map<string, string>();
    this.#tables.set(table, columns);
    const verb = action[0]?.value.toUpperCase();
    if (verb === 'ADD' && !startsConstraint(action[1])) {
      const column = readColumnDefinition(action.slice(skipKeywords(action, 1, ['COLUMN'], ['IF', 'NOT', 'EXISTS'])));
      if (column) columns.set(column.name, column.type);
    } else if (verb === 'DROP' && !startsConstraint(action[1])) {
      const name = readName(action, skipKeywords(action, 1, ['COLUMN'], ['IF', 'EXISTS']));
      if (name) columns.delete(name.key);
    } else if (verb === 'MODIFY') {
      const column = readColumnDefinition(action.slice(skipKeywords(action, 1, ['COLUMN'])));
      if (column) columns.set(column.name, column.type);
    } else if (verb === 'CHANGE') {
      const at = skipKeywords(action, 1, ['COLUMN']);
      const old = readName(action, at);
      const column = old && readColumnDefinition(action.slice(old.next));
      if (old && column) {
        columns.delete(old.key);
        columns.set(column.name, column.type);
      }
    } else if (verb === 'ALTER') {
      const name = readName(action, skipKeywords(action, 1, ['COLUMN']));
      if (!name) return;
      const typeAt = skipKeywords(action, name.next, ['SET', 'DATA']);
      if (isKeyword(action[typeAt], 'TYPE')) {
        const column = readColumnDefinition([action[name.next - 1]!, ...action.slice(typeAt + 1)]);
        if (column) columns.set(name.key, column.type);
      }
    } else if (verb === 'RENAME') {
      this.#renameInAlter(table, columns, action);
    }
  }

  #renameInAlter(table: string, columns: Map<string, string>, action: readonly Token[]): void {
    if (isKeyword(action[1], 'TO') || isKeyword(action[1], 'AS')) {
      const to = readName(action, 2);
      if (to) this.#renameTable(table, to.key);
      return;
    }
    const from = readName(action, skipKeywords(action, 1, ['COLUMN']));
    const to = from && isKeyword(action[from.next], 'TO') ? readName(action, from.next + 1) : undefined;
    const type = from && columns.get(from.key);
    if (from && to && type !== undefined) {
      columns.delete(from.key);
      columns.set(to.key, type);
    }
  }
}

/** Whether an `ADD`/`DROP` action is about a constraint or index rather than a column. */
export function startsConstraint(token: Token | undefined): boolean {
  return (
    token?.kind === 'word' &&
    ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN', 'INDEX', 'KEY', 'FULLTEXT', 'SPATIAL', 'EXCLUDE'].includes(token.value.toUpperCase())
  );
}

/**
 * Whether a statement changes a column's type (PostgreSQL `ALTER COLUMN … TYPE`, MySQL `MODIFY`
 * or `CHANGE`): the rules then need the old type from the catalog.
 *
 * @example
 * changesColumnType(readStatement('alter table "t" alter column "a" type bigint')); // true
 */
export function changesColumnType(statement: Statement): boolean {
  return (readAlterTable(statement)?.actions ?? []).some((action) => {
    const verb = action[0]?.value.toUpperCase();
    if (verb === 'MODIFY' || verb === 'CHANGE') return true;
    if (verb !== 'ALTER') return false;
    const name = readName(action, skipKeywords(action, 1, ['COLUMN']));
    return name !== undefined && isKeyword(action[skipKeywords(action, name.next, ['SET', 'DATA'])], 'TYPE');
  });
}
