/**
 * What a dialect's rules report about one statement, and the rules every dialect shares:
 * dropping or renaming tables and columns that the running application still uses.
 */
import type { RuleId } from './rules.js';
import type { RevisionScope } from './scope.js';
import { isKeyword, keywordsAt, readName, skipKeywords, type Statement, type Token } from './statement.js';
import { startsConstraint } from './catalog.js';

/** One rule a statement breaks, with what in the statement breaks it. */
export interface Hit {
  readonly rule: RuleId;
  readonly detail?: string;
}

/** A dialect's rules: what `statement` breaks, given what the revision did before it. */
export type StatementRules = (statement: Statement, scope: RevisionScope) => Hit[];

/**
 * The tables a `DROP TABLE` names.
 *
 * @example
 * droppedTables(readStatement('drop table if exists "a", b')); // ['a', 'b']
 */
export function droppedTables({ tokens }: Statement): string[] {
  if (!keywordsAt(tokens, 0, 'DROP', 'TABLE')) return [];
  const names: string[] = [];
  let at = skipKeywords(tokens, 2, ['IF', 'EXISTS']);
  for (let name = readName(tokens, at); name; name = readName(tokens, at)) {
    names.push(name.key);
    at = tokens[name.next]?.value === ',' ? name.next + 1 : tokens.length;
  }
  return names;
}

/** `drop-table` for each existing table a `DROP TABLE` names. */
export function dropTableHits(statement: Statement, scope: RevisionScope): Hit[] {
  return droppedTables(statement)
    .filter((table) => scope.isExisting(table))
    .map((table) => ({ rule: 'drop-table', detail: `drops ${table}` }));
}

/**
 * `drop-column`, `rename-column` and `rename-table` for one `ALTER TABLE` action on an existing
 * table. MySQL's `DROP name` (no COLUMN) drops a column too; `CHANGE old new …` renames when
 * the names differ.
 */
export function dropOrRenameHits(table: string, action: readonly Token[]): Hit[] {
  const verb = action[0]?.value.toUpperCase();
  if (verb === 'DROP' && !startsConstraint(action[1])) {
    const column = readName(action, skipKeywords(action, 1, ['COLUMN'], ['IF', 'EXISTS']));
    return column ? [{ rule: 'drop-column', detail: `drops ${table}.${column.key}` }] : [];
  }
  if (verb === 'RENAME') {
    if (isKeyword(action[1], 'TO') || isKeyword(action[1], 'AS')) return [{ rule: 'rename-table', detail: `renames ${table}` }];
    if (isKeyword(action[1], 'INDEX') || isKeyword(action[1], 'KEY') || isKeyword(action[1], 'CONSTRAINT')) return [];
    const column = readName(action, skipKeywords(action, 1, ['COLUMN']));
    return column ? [{ rule: 'rename-column', detail: `renames ${table}.${column.key}` }] : [];
  }
  if (verb === 'CHANGE') {
    const old = readName(action, skipKeywords(action, 1, ['COLUMN']));
    const renamed = old && readName(action, old.next);
    return old && renamed && renamed.key !== old.key ? [{ rule: 'rename-column', detail: `renames ${table}.${old.key}` }] : [];
  }
  return [];
}
