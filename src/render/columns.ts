/**
 * Column pieces every dialect writes alike: defaults, `alterColumn` builder statements, and the
 * `COMMENT ON` statements of the default renderer.
 */
import type { DefaultValue } from '../model/types.js';
import { chain, id, jsLiteral, jsString, literal, qualifiedId, rawStatement, sqlTemplate, type SqlPiece } from './code.js';

/**
 * Expression defaults go in parentheses (SQLite and MySQL require them for anything but a
 * literal or a bare keyword such as `CURRENT_TIMESTAMP`).
 */
function defaultExpressionSql(expression: string): string {
  const text = expression.trim();
  const simple = /^([A-Za-z_][A-Za-z0-9_]*|-?\d+(\.\d+)?|'([^']|'')*')$/.test(text);
  return simple ? text : `(${text})`;
}

/**
 * The argument of `defaultTo`/`setDefault`: a JavaScript literal Kysely escapes, or `sql`.
 *
 * @example
 * renderDefaultArgument({ kind: 'expression', sql: 'now()' }); // 'sql`(now())`'
 */
export function renderDefaultArgument(value: DefaultValue): string {
  return value.kind === 'literal' ? jsLiteral(value.value) : sqlTemplate([defaultExpressionSql(value.sql)]);
}

/**
 * `alterTable(t).alterColumn(c, (col) => col.<change>)`.
 *
 * @example
 * alterColumnStatement('users', 'email', 'setNotNull()');
 */
export function alterColumnStatement(table: string, column: string, change: string): string {
  return chain([`alterTable(${jsString(table)})`, `alterColumn(${jsString(column)}, (col) => col.${change})`]);
}

/**
 * `COMMENT ON COLUMN`; `undefined` clears the comment.
 *
 * @example
 * columnCommentStatement('users', 'email', 'Login'); // "await sql`COMMENT ON COLUMN …`.execute(db);"
 */
export function columnCommentStatement(table: string, column: string, comment: string | undefined): string {
  return rawStatement(['COMMENT ON COLUMN ', qualifiedId(table), '.', id(column), ' IS ', commentValue(comment)]);
}

/**
 * `COMMENT ON TABLE`; `undefined` clears the comment.
 *
 * @example
 * tableCommentStatement('users', 'People'); // "await sql`COMMENT ON TABLE ${sql.id('users')} IS ${sql.lit('People')}`.execute(db);"
 */
export function tableCommentStatement(table: string, comment: string | undefined): string {
  return rawStatement(['COMMENT ON TABLE ', qualifiedId(table), ' IS ', commentValue(comment)]);
}

function commentValue(comment: string | undefined): SqlPiece {
  return comment === undefined ? 'NULL' : literal(comment);
}
