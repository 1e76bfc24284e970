/**
 * Building blocks of generated JavaScript: string literals, `sql` template literals with
 * identifier interpolations, and builder chains. Everything here returns source text.
 */

import { splitQualified } from '../model/qualified-name.js';

/**
 * A single-quoted JavaScript string literal; unicode is left as is, but control characters, line
 * and paragraph separators and lone surrogates are escaped.
 *
 * @example
 * jsString("it's"); // "'it\\'s'"
 */
export function jsString(text: string): string {
  let out = "'";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\\') out += '\\\\';
    else if (char === "'") out += "\\'";
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (escapedByCode(code)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}'`;
}

/** Control characters, line and paragraph separators, and lone surrogates (UTF-8 cannot hold them). */
function escapedByCode(code: number): boolean {
  return code < 0x20 || code === 0x2028 || code === 0x2029 || (code >= 0xd800 && code <= 0xdfff);
}

/**
 * A JavaScript literal for a default value or similar scalar.
 *
 * @example
 * jsLiteral(true); // 'true'
 */
export function jsLiteral(value: string | number | boolean | null): string {
  if (typeof value === 'string') return jsString(value);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`Cannot render the number ${value}.`);
  return String(value);
}

/**
 * An array literal of strings.
 *
 * @example
 * jsStringArray(['a', 'b']); // "['a', 'b']"
 */
export function jsStringArray(items: readonly string[]): string {
  return `[${items.map(jsString).join(', ')}]`;
}

/**
 * A piece of an `sql` template: raw SQL text, an identifier Kysely quotes per dialect, a string
 * literal, or a line break of the SQL's own layout.
 */
export type SqlPiece = string | { readonly id: string; readonly schema?: string } | { readonly literal: string } | typeof LINE_BREAK;

/**
 * A line break written as one inside the template, for a long statement (a `DO` block) read as
 * lines of SQL; a line break inside a string piece is written `\n` instead.
 *
 * @example
 * sqlTemplate(['BEGIN', LINE_BREAK, 'END']); // "sql`BEGIN\nEND`" with a real line break
 */
export const LINE_BREAK = { lineBreak: true } as const;

/**
 * An identifier piece: rendered as `${sql.id('name')}` so each dialect quotes it itself.
 *
 * @example
 * sqlTemplate(['DROP TABLE ', id('users')]); // "sql`DROP TABLE ${sql.id('users')}`"
 */
export function id(name: string): SqlPiece {
  return { id: name };
}

/**
 * The identifier of a table or type by its identity (see `qualifiedName`): `schema.name` is
 * rendered as `${sql.id('schema', 'name')}`, splitting at the first dot as Kysely's builders do.
 *
 * @example
 * sqlTemplate(['COMMENT ON TABLE ', qualifiedId('audit.events')]); // "sql`COMMENT ON TABLE ${sql.id('audit', 'events')}`"
 */
export function qualifiedId(identity: string): SqlPiece {
  const { schema, name } = splitQualified(identity);
  return schema === undefined ? { id: name } : { id: name, schema };
}

/**
 * A string-literal piece: rendered as `${sql.lit('text')}` (utility statements such as
 * `COMMENT ON` take no parameters).
 *
 * @example
 * sqlTemplate(['COMMENT ON TABLE ', id('t'), ' IS ', literal('People')]);
 */
export function literal(text: string): SqlPiece {
  return { literal: text };
}

/**
 * Raw SQL made safe inside a template literal: backslashes, backticks and `${` escaped, line
 * breaks written as `\n` so that every line of generated code is a line of code (and
 * re-indenting it never changes a string inside the SQL), and lone surrogates as `\uXXXX`.
 *
 * @example
 * escapeTemplate('a`b'); // 'a\\`b'
 */
function escapeTemplate(text: string): string {
  return text
    .replaceAll('\\', '\\\\')
    .replaceAll('`', '\\`')
    .replaceAll('${', '\\${')
    .replaceAll('\r', '\\r')
    .replaceAll('\n', '\\n')
    .replace(/\p{Cs}/gu, (surrogate) => `\\u${surrogate.charCodeAt(0).toString(16)}`);
}

/**
 * A Kysely `sql` tagged template from pieces.
 *
 * @example
 * sqlTemplate(['lower(', id('email'), ')']); // "sql`lower(${sql.id('email')})`"
 */
export function sqlTemplate(pieces: readonly SqlPiece[]): string {
  const body = pieces
    .map((piece) => {
      if (typeof piece === 'string') return escapeTemplate(piece);
      if ('lineBreak' in piece) return '\n';
      if ('id' in piece) {
        const ids = piece.schema === undefined ? [piece.id] : [piece.schema, piece.id];
        return `\${sql.id(${ids.map(jsString).join(', ')})}`;
      }
      return `\${sql.lit(${jsString(piece.literal)})}`;
    })
    .join('');
  return `sql\`${body}\``;
}

/**
 * One awaited builder chain, one method per line:
 * `await db.schema\n  .createTable('t')\n  …\n  .execute();`
 *
 * @example
 * chain(["createTable('t')", "addColumn('id', 'integer')"]);
 */
export function chain(calls: readonly string[]): string {
  return ['await db.schema', ...calls.map((call) => `  .${call}`), '  .execute();'].join('\n');
}

/**
 * One raw statement: `await sql\`…\`.execute(db);`.
 *
 * @example
 * rawStatement(['DROP TYPE ', id('mood')]); // "await sql`DROP TYPE ${sql.id('mood')}`.execute(db);"
 */
export function rawStatement(pieces: readonly SqlPiece[]): string {
  return `await ${sqlTemplate(pieces)}.execute(db);`;
}
