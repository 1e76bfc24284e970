/**
 * SQLite's table rebuild: create the new definition under a temporary name, copy the rows
 * of the columns both versions share, drop the old table, rename, and re-create indexes.
 */
import type { DdlStyle } from '../dialects/dialect.js';
import type { Table } from '../model/types.js';
import { chain, jsString, rawStatement } from './code.js';
import { createTableChain } from './create-table.js';
import { createIndexStatement } from './indexes.js';

/**
 * The temporary name a rebuilt table is created under.
 *
 * @example
 * rebuildTableName('users'); // '_schemigrate_new_users'
 */
export function rebuildTableName(table: string): string {
  return `_schemigrate_new_${table}`;
}

/** A double-quoted identifier written into the SQL text: rebuilds exist only on SQLite, and the copy reads better than `${sql.id(…)}` pieces. */
function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The statements of one rebuild, preceded by a comment that says why it is needed.
 *
 * @example
 * rebuildTableStatements(before, after, ['alter a column type'], ddl);
 */
export function rebuildTableStatements(from: Table, to: Table, reasons: readonly string[], ddl: DdlStyle): string[] {
  const temporary = rebuildTableName(to.name);
  const kept = new Set(from.columns.map((column) => column.name));
  // Generated columns compute their own values and cannot be inserted into.
  const copied = to.columns.filter((column) => kept.has(column.name) && column.generated === undefined);
  const names = copied.map((column) => quoted(column.name)).join(', ');
  const why = reasons.join(', ').replace(/\s+/g, ' ');
  const statements = [`// Rebuild "${to.name}": SQLite cannot ${why}.`, createTableChain(to, ddl, temporary)];
  if (copied.length > 0) {
    statements.push(
      rawStatement([`INSERT INTO ${quoted(temporary)} (${names}) SELECT ${names} FROM ${quoted(from.name)}`]),
    );
  }
  statements.push(chain([`dropTable(${jsString(from.name)})`]));
  statements.push(chain([`alterTable(${jsString(temporary)})`, `renameTo(${jsString(to.name)})`]));
  for (const index of to.indexes) statements.push(createIndexStatement(to.name, index));
  return statements;
}
