/**
 * `createTable` with its columns and constraints inline, followed by its indexes and
 * comments; also used, under a temporary name, by SQLite rebuilds.
 */
import type { DdlStyle } from '../dialects/dialect.js';
import { qualifiedName } from '../model/qualified-name.js';
import { describeTableOptions, tableOptions } from '../model/table-options.js';
import type { Table } from '../model/types.js';
import { chain, jsString, literal, sqlTemplate } from './code.js';
import { columnArguments, columnCommentStatement, commentsInline, tableCommentStatement } from './columns.js';
import { checkCall, foreignKeyCall, primaryKeyCall, uniqueCall } from './constraints.js';
import { createIndexStatement } from './indexes.js';

/**
 * The single auto-increment primary key column that must carry `.primaryKey()` itself
 * (SQLite's AUTOINCREMENT, MySQL's AUTO_INCREMENT); identity dialects keep a named key.
 */
function columnLevelPrimaryKey(table: Table, ddl: DdlStyle): string | undefined {
  const key = table.primaryKey;
  if (!key || key.columns.length !== 1 || ddl.autoIncrement !== 'modifier') return undefined;
  const column = table.columns.find((candidate) => candidate.name === key.columns[0]);
  return column?.autoIncrement ? column.name : undefined;
}

/**
 * The `createTable` chain alone, under `name` (the table's own name unless rebuilding).
 *
 * @example
 * createTableChain(users, ddl, '_schemigrate_new_users');
 */
export function createTableChain(table: Table, ddl: DdlStyle, name: string = qualifiedName(table)): string {
  const pkColumn = columnLevelPrimaryKey(table, ddl);
  const calls = [`createTable(${jsString(name)})`];
  for (const column of table.columns) {
    calls.push(`addColumn(${columnArguments(column, ddl, { primaryKey: column.name === pkColumn })})`);
  }
  if (table.primaryKey && pkColumn === undefined) calls.push(primaryKeyCall(table.name, table.primaryKey));
  for (const unique of table.uniques) calls.push(uniqueCall(unique));
  for (const check of table.checks) calls.push(checkCall(check));
  for (const fk of table.foreignKeys) calls.push(foreignKeyCall(fk));
  if (table.comment !== undefined && commentsInline(ddl)) {
    calls.push(`modifyEnd(${sqlTemplate(['comment = ', literal(table.comment)])})`);
  }
  // SQLite's table options follow the closing parenthesis (other dialects refuse them at validation).
  const options = tableOptions(table);
  if (options.strict || options.withoutRowid) calls.push(`modifyEnd(${sqlTemplate([describeTableOptions(options)])})`);
  return chain(calls);
}

/**
 * The statements that create a table: the chain, its indexes, then its comments where
 * they are separate statements.
 *
 * @example
 * createTableStatements(users, ddl); // ['await db.schema\n  .createTable(…)…', …]
 */
export function createTableStatements(table: Table, ddl: DdlStyle): string[] {
  const identity = qualifiedName(table);
  const statements = [createTableChain(table, ddl)];
  for (const index of table.indexes) statements.push(createIndexStatement(identity, index));
  if (!commentsInline(ddl)) {
    if (table.comment !== undefined) statements.push(tableCommentStatement(identity, table.comment, ddl));
    for (const column of table.columns) {
      if (column.comment !== undefined) statements.push(columnCommentStatement(identity, column.name, column.comment));
    }
  }
  return statements;
}
