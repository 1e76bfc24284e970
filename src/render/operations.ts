/**
 * Operations → the body of an `upgrade`/`downgrade` function: Kysely schema-builder code,
 * plain JavaScript using only `db` and `sql`, so that it runs both inside a revision file
 * and directly through `new AsyncFunction('db', 'sql', body)`.
 */
import type { DdlStyle } from '../dialects/dialect.js';
import { qualifiedName, splitQualified } from '../model/qualified-name.js';
import type { Operation } from '../operations/types.js';
import { alterColumnStatements } from './alter-column.js';
import { chain, jsString } from './code.js';
import { columnArguments, columnCommentStatement, commentsInline, tableCommentStatement } from './columns.js';
import {
  addForeignKeyStatement,
  alterTableStatement,
  checkCall,
  dropConstraintByKind,
  primaryKeyCall,
  primaryKeyName,
  uniqueCall,
} from './constraints.js';
import { createTableStatements } from './create-table.js';
import { alterEnumStatements, createEnumStatement, dropEnumStatement } from './enums.js';
import { createIndexStatement, dropIndexStatement } from './indexes.js';
import { rebuildTableStatements } from './rebuild.js';

/**
 * The statements (each one or more lines) for one operation.
 *
 * @example
 * renderOperation({ kind: 'dropTable', table: users }, ddl); // ["await db.schema\n  .dropTable('users')\n  .execute();"]
 */
export function renderOperation(op: Operation, ddl: DdlStyle): string[] {
  switch (op.kind) {
    case 'createSchema':
      return [chain([`createSchema(${jsString(op.schema)})`, 'ifNotExists()'])];
    case 'dropSchema':
      return [chain([`dropSchema(${jsString(op.schema)})`])];
    case 'createTable':
      return createTableStatements(op.table, ddl);
    case 'dropTable':
      return [chain([`dropTable(${jsString(qualifiedName(op.table))})`])];
    case 'renameTable':
      // RENAME TO takes a bare name: the table stays in its schema.
      return [alterTableStatement(op.from, `renameTo(${jsString(splitQualified(op.to).name)})`)];
    case 'addColumn': {
      const statements = [alterTableStatement(op.table, `addColumn(${columnArguments(op.column, ddl)})`)];
      if (op.column.comment !== undefined && !commentsInline(ddl)) {
        statements.push(columnCommentStatement(op.table, op.column.name, op.column.comment));
      }
      return statements;
    }
    case 'dropColumn':
      return [alterTableStatement(op.table, `dropColumn(${jsString(op.column.name)})`)];
    case 'renameColumn':
      return [alterTableStatement(op.table, `renameColumn(${jsString(op.from)}, ${jsString(op.to)})`)];
    case 'alterColumn':
      return alterColumnStatements(op.table, op.from, op.to, ddl);
    case 'addPrimaryKey':
      return [alterTableStatement(op.table, primaryKeyCall(op.table, op.primaryKey))];
    case 'dropPrimaryKey':
      return [dropConstraintByKind(op.table, 'primaryKey', primaryKeyName(op.table, op.primaryKey), ddl)];
    case 'createIndex':
      return [createIndexStatement(op.table, op.index)];
    case 'dropIndex':
      return [dropIndexStatement(op.table, op.index, ddl)];
    case 'addForeignKey':
      return [addForeignKeyStatement(op.table, op.foreignKey)];
    case 'dropForeignKey':
      return [dropConstraintByKind(op.table, 'foreignKey', op.foreignKey.name, ddl)];
    case 'addUnique':
      return [alterTableStatement(op.table, uniqueCall(op.unique))];
    case 'dropUnique':
      return [dropConstraintByKind(op.table, 'unique', op.unique.name, ddl)];
    case 'addCheck':
      return [alterTableStatement(op.table, checkCall(op.check))];
    case 'dropCheck':
      return [dropConstraintByKind(op.table, 'check', op.check.name, ddl)];
    case 'createEnum':
      return [createEnumStatement(op.enum)];
    case 'dropEnum':
      return [dropEnumStatement(op.enum)];
    case 'alterEnum':
      return alterEnumStatements(op.from, op.to, { recreate: op.recreate ?? false });
    case 'setTableComment':
      return [tableCommentStatement(op.table, op.to, ddl)];
    case 'setTableOptions':
      // Only SQLite has these options, and its `lower` turns every change of them into a rebuild.
      throw new Error(`setTableOptions on ${op.table} must be lowered into a table rebuild before it is rendered.`);
    case 'rebuildTable':
      return rebuildTableStatements(op.from, op.to, op.reasons, ddl);
  }
}

/**
 * The body of an `upgrade` or `downgrade` function, indented two spaces; one blank line
 * between operations.
 *
 * @example
 * renderOperations([], ddl); // '  // No changes.'
 * renderOperations([{ kind: 'dropTable', table: users }], ddl);
 * // "  await db.schema\n    .dropTable('users')\n    .execute();"
 */
export function renderOperations(ops: readonly Operation[], ddl: DdlStyle): string {
  if (ops.length === 0) return '  // No changes.';
  return ops
    .map((op) => renderOperation(op, ddl).join('\n'))
    .join('\n\n')
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n');
}
