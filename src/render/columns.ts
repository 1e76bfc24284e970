/**
 * Column definitions in Kysely's `addColumn(name, type, (col) => …)` form, and the
 * statements that carry column comments where the dialect has no inline syntax.
 */
import type { DdlStyle } from '../dialects/dialect.js';
import type { Column, ColumnType, DefaultValue } from '../model/types.js';
import { id, jsLiteral, jsString, literal, qualifiedId, rawStatement, sqlTemplate, type SqlPiece } from './code.js';

/**
 * Whether column and table comments go inline (MySQL's `COMMENT '…'`, recognisable by its
 * `modify` style of altering columns) rather than in separate `COMMENT ON` statements.
 *
 * @example
 * commentsInline(postgresDialect.ddl); // false
 */
export function commentsInline(ddl: DdlStyle): boolean {
  return ddl.alterColumn === 'modify';
}

/**
 * The data type argument of `addColumn`: a string Kysely accepts, or an `sql` template.
 *
 * @example
 * renderTypeArgument({ kind: 'integer' }, ddl); // "'integer'"
 */
export function renderTypeArgument(type: ColumnType, ddl: DdlStyle): string {
  const rendered = ddl.renderType(type);
  return rendered.kind === 'builtin' ? jsString(rendered.name) : sqlTemplate([rendered.sql]);
}

/**
 * The type as raw SQL text, for statements written with `sql`.
 *
 * @example
 * typeSql({ kind: 'varchar', length: 20 }, ddl); // 'varchar(20)'
 */
export function typeSql(type: ColumnType, ddl: DdlStyle): string {
  const rendered = ddl.renderType(type);
  return rendered.kind === 'builtin' ? rendered.name : rendered.sql;
}

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

/** A literal default the dialect takes only as an expression is written `sql\`('x')\``. */
function columnDefaultArgument(column: Column, value: DefaultValue, ddl: DdlStyle): string {
  if (value.kind !== 'literal' || value.value === null || !ddl.literalDefaultAsExpression(column.type)) {
    return renderDefaultArgument(value);
  }
  return sqlTemplate(['(', typeof value.value === 'string' ? literal(value.value) : String(value.value), ')']);
}

export interface ColumnRenderOptions {
  /** Declare the primary key on the column (SQLite's AUTOINCREMENT requires it). */
  readonly primaryKey?: boolean;
}

/**
 * The modifier calls of a column definition, e.g. `['notNull()', 'defaultTo(0)']`.
 *
 * @example
 * columnModifiers({ ...column, nullable: false }, ddl); // ['notNull()']
 */
export function columnModifiers(column: Column, ddl: DdlStyle, options: ColumnRenderOptions = {}): string[] {
  const calls: string[] = [];
  if (column.collation !== undefined) calls.push(`modifyFront(${sqlTemplate(['collate ', id(column.collation)])})`);
  if (options.primaryKey) calls.push('primaryKey()');
  if (column.autoIncrement) {
    calls.push(ddl.autoIncrement === 'modifier' ? 'autoIncrement()' : 'generatedByDefaultAsIdentity()');
  }
  if (!column.nullable) calls.push('notNull()');
  if (column.default !== undefined) calls.push(`defaultTo(${columnDefaultArgument(column, column.default, ddl)})`);
  if (column.generated !== undefined) {
    calls.push(`generatedAlwaysAs(${sqlTemplate([column.generated.sql])})`);
    if (column.generated.stored) calls.push('stored()');
  }
  const check = ddl.columnCheck?.(column);
  if (check !== undefined) calls.push(`check(${sqlTemplate([check])})`);
  if (column.comment !== undefined && commentsInline(ddl)) {
    calls.push(`modifyEnd(${sqlTemplate(['comment ', literal(column.comment)])})`);
  }
  return calls;
}

/**
 * The arguments of `addColumn`/`modifyColumn`: `'name', type[, (col) => col.…]`.
 *
 * @example
 * columnArguments(column, ddl); // "'email', 'varchar(255)', (col) => col.notNull()"
 */
export function columnArguments(column: Column, ddl: DdlStyle, options: ColumnRenderOptions = {}): string {
  const modifiers = columnModifiers(column, ddl, options);
  const args = [jsString(column.name), renderTypeArgument(column.type, ddl)];
  if (modifiers.length > 0) args.push(`(col) => col.${modifiers.join('.')}`);
  return args.join(', ');
}

/**
 * `COMMENT ON COLUMN` for dialects without inline comments; `undefined` clears it.
 *
 * @example
 * columnCommentStatement('users', 'email', 'Login'); // "await sql`COMMENT ON COLUMN …`.execute(db);"
 */
export function columnCommentStatement(table: string, column: string, comment: string | undefined): string {
  return rawStatement(['COMMENT ON COLUMN ', qualifiedId(table), '.', id(column), ' IS ', commentValue(comment)]);
}

/**
 * `COMMENT ON TABLE` (or MySQL's `ALTER TABLE … COMMENT =`); `undefined` clears it.
 *
 * @example
 * tableCommentStatement('users', 'People', ddl);
 */
export function tableCommentStatement(table: string, comment: string | undefined, ddl: DdlStyle): string {
  if (commentsInline(ddl)) return rawStatement(['ALTER TABLE ', qualifiedId(table), ' COMMENT = ', literal(comment ?? '')]);
  return rawStatement(['COMMENT ON TABLE ', qualifiedId(table), ' IS ', commentValue(comment)]);
}

function commentValue(comment: string | undefined): SqlPiece {
  return comment === undefined ? 'NULL' : literal(comment);
}
