/**
 * The SQL text of a Kysely `sql` template used in a schema (defaults, checks, index
 * expressions, generated columns). These expressions are stored as text in the model and
 * rendered verbatim into revision files, so interpolations are inlined, deterministically:
 *
 * - `${value}` and `sql.lit(value)`: a SQL literal (`42`, `true`, `NULL`, and strings in the
 *   dialect's own spelling: `'it''s'`, and on MySQL `'C:\\tmp\\'` for `C:\tmp\`, where a
 *   backslash escapes). The dialect is known only when the schema is loaded for a database, so
 *   the schema language keeps a {@link SqlSource} and the model gets the text (`toModel`);
 * - `sql.ref('a.b')`, `sql.id('a')`, `sql.table('s.t')`: double-quoted identifiers (`"a"."b"`),
 *   the standard quoting on every dialect (MySQL sessions run with ANSI_QUOTES for this; see
 *   docs/mysql.md);
 * - `sql.raw('…')`, `sql.join(…)` and nested `sql` templates: their own text.
 *
 * Anything else (a query builder, a Date, an object) is rejected with a SchemigrateError,
 * since a schema expression cannot carry bound parameters.
 */
import { standardQuotedIdentifier } from '../model/quoted-identifier.js';
import { standardStringLiteral, type StringLiteral } from '../model/string-literal.js';
import { SchemigrateError } from '../util/errors.js';

/**
 * A schema expression whose text is written once the dialect is known: given the dialect's
 * string-literal spelling, its SQL text.
 */
export type SqlSource = (stringLiteral: StringLiteral) => string;

interface Node {
  readonly kind: string;
  readonly [key: string]: unknown;
}

/**
 * Whether `value` is a Kysely `sql` template (a RawBuilder), from whichever copy of Kysely.
 *
 * @example
 * isSqlExpression(sql`now()`); // true
 * isSqlExpression('now()');    // false
 */
export function isSqlExpression(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const source = value as { toOperationNode?: unknown };
  if (typeof source.toOperationNode !== 'function') return false;
  return (source.toOperationNode as () => Node)().kind === 'RawNode';
}

function literal(value: unknown, stringLiteral: StringLiteral): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  throw new SchemigrateError(
    `A schema expression cannot inline ${typeof value === 'number' ? value : `a ${typeof value}`}; ` +
      'write the value into the sql`…` text or interpolate a string, number or boolean.',
  );
}

function identifier(name: unknown): string {
  return standardQuotedIdentifier(String(name));
}

function render(node: Node, stringLiteral: StringLiteral): string {
  const inner = (child: Node) => render(child, stringLiteral);
  switch (node.kind) {
    case 'RawNode': {
      const fragments = node.sqlFragments as readonly string[];
      const parameters = node.parameters as readonly Node[];
      return fragments.map((fragment, i) => fragment + (i < parameters.length ? inner(parameters[i]!) : '')).join('');
    }
    case 'ValueNode':
      return literal(node.value, stringLiteral);
    case 'IdentifierNode':
      return identifier(node.name);
    case 'SchemableIdentifierNode':
      return [node.schema as Node | undefined, node.identifier as Node].filter((n) => n !== undefined).map(inner).join('.');
    case 'TableNode':
      return inner(node.table as Node);
    case 'ColumnNode':
      return inner(node.column as Node);
    case 'ReferenceNode':
      return [node.table as Node | undefined, node.column as Node].filter((n) => n !== undefined).map(inner).join('.');
    default:
      throw new SchemigrateError(
        `A schema expression cannot contain a ${node.kind}; use sql\`…\` text, sql.raw, sql.ref, sql.lit or plain values.`,
      );
  }
}

/**
 * The SQL text of a `sql` template, with its interpolations inlined and strings spelt by
 * `stringLiteral` (see the module comment).
 *
 * @example
 * sqlText(sql`price > ${0}`, standardStringLiteral);               // 'price > 0'
 * sqlText(sql`lower(${sql.ref('title')})`, standardStringLiteral); // 'lower("title")'
 */
export function sqlText(expression: unknown, stringLiteral: StringLiteral): string {
  if (!isSqlExpression(expression)) {
    throw new SchemigrateError(`Expected a sql\`…\` expression, got ${typeof expression === 'string' ? `the string '${expression}'` : typeof expression}.`);
  }
  return render((expression as { toOperationNode(): Node }).toOperationNode(), stringLiteral).trim();
}

/**
 * A schema expression to be written for a dialect later, refused now (where the user wrote
 * it) when it cannot be written at all.
 *
 * @example
 * const source = sqlSource(sql`note <> ${'C:\\tmp\\'}`);
 * source(standardStringLiteral); // "note <> 'C:\\tmp\\'"
 */
export function sqlSource(expression: unknown): SqlSource {
  sqlText(expression, standardStringLiteral);
  return (stringLiteral) => sqlText(expression, stringLiteral);
}
