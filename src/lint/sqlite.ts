/**
 * SQLite's rules. What SQLite cannot ALTER it rebuilds: the new definition is created under a
 * temporary name, the rows copied, the old table dropped and the new one renamed into its
 * place. Offline the linter cannot know how many rows the table has, so a rebuild of an
 * existing table is a warning (a table with rows is write-locked while they are copied); the
 * drop inside the rebuild is not reported as a dropped table.
 */
import { droppedTables, dropOrRenameHits, type Hit } from './hits.js';
import type { RevisionScope } from './scope.js';
import { keywordsAt, readAlterTable, readCreateTable, readName, type Statement } from './statement.js';

/**
 * The existing tables a revision rebuilds: each dropped, then replaced by a table the revision
 * created and renamed to its name.
 *
 * @example
 * rebuiltTables(['create table "_new_t" (…)', 'insert into …', 'drop table "t"', 'alter table "_new_t" rename to "t"'].map(readStatement)); // Set { 't' }
 */
export function rebuiltTables(statements: readonly Statement[]): Set<string> {
  const created = new Set<string>();
  const dropped = new Set<string>();
  const rebuilt = new Set<string>();
  for (const statement of statements) {
    const name = readCreateTable(statement);
    if (name) created.add(name.key);
    for (const table of droppedTables(statement)) if (!created.has(table)) dropped.add(table);
    const alter = readAlterTable(statement);
    const action = alter?.actions.length === 1 ? alter.actions[0]! : undefined;
    if (alter && action && created.has(alter.table) && keywordsAt(action, 0, 'RENAME', 'TO')) {
      const to = readName(action, 2);
      if (to && dropped.has(to.key)) rebuilt.add(to.key);
    }
  }
  return rebuilt;
}

/**
 * The SQLite rules one statement breaks; `rebuilt` are the revision's rebuilt tables.
 *
 * @example
 * sqliteRules(readStatement('drop table "t"'), scope, new Set(['t'])); // [{ rule: 'sqlite/table-rebuild', … }]
 */
export function sqliteRules(statement: Statement, scope: RevisionScope, rebuilt: ReadonlySet<string>): Hit[] {
  const { tokens } = statement;
  if (keywordsAt(tokens, 0, 'DROP', 'TABLE')) {
    return droppedTables(statement)
      .filter((table) => scope.isExisting(table))
      .map((table): Hit => (rebuilt.has(table) ? { rule: 'sqlite/table-rebuild', detail: `rebuilds ${table}` } : { rule: 'drop-table', detail: `drops ${table}` }));
  }
  const alter = readAlterTable(statement);
  if (!alter || !scope.isExisting(alter.table)) return [];
  return alter.actions.flatMap((action) => dropOrRenameHits(alter.table, action));
}
