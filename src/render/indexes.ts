/**
 * Index statements: plain column lists with `.columns()`, anything with an expression, a
 * descending part or a column name Kysely would parse as one `sql` key list, so every dialect
 * gets the same index.
 */
import type { Index } from '../model/types.js';
import { chain, id, jsString, jsStringArray, sqlTemplate, type SqlPiece } from './code.js';

/** A prefix key part, `email(10)`: MySQL reads it as a prefix only without extra parentheses (PostgreSQL as a call either way). */
const PREFIX_OR_CALL = /^(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)\(\d+\)$/;

/** A name Kysely's `.column()`/`.columns()` take as is: it reads a space as a direction and a dot as a table. */
const PLAIN_COLUMN_NAME = /^[^\s.]+$/;

function keyCall(index: Index): string {
  const plain = index.parts.every((part) => part.kind === 'column' && !part.descending && PLAIN_COLUMN_NAME.test(part.name));
  if (plain) {
    const names = index.parts.map((part) => (part.kind === 'column' ? part.name : ''));
    return names.length === 1 ? `column(${jsString(names[0]!)})` : `columns(${jsStringArray(names)})`;
  }
  return `expression(${sqlTemplate(keyPieces(index))})`;
}

/**
 * An index's key list as `sql` pieces: column names quoted per dialect, expressions as written.
 *
 * @example
 * keyPieces(index); // [{ id: 'created_at' }, ' desc', ', ', '(lower(title))']
 */
export function keyPieces(index: Index): SqlPiece[] {
  const pieces: SqlPiece[] = [];
  index.parts.forEach((part, i) => {
    if (i > 0) pieces.push(', ');
    // Expressions get their own parentheses: PostgreSQL requires them for anything but a call.
    if (part.kind === 'column') pieces.push(id(part.name));
    else pieces.push(PREFIX_OR_CALL.test(part.sql.trim()) ? part.sql.trim() : `(${part.sql})`);
    if (part.descending) pieces.push(' desc');
  });
  return pieces;
}

/**
 * `db.schema.createIndex(name).on(table)…` for one index.
 *
 * @example
 * createIndexStatement('users', { name: 'ix_users_email', unique: false, parts: [emailPart] });
 */
export function createIndexStatement(table: string, index: Index): string {
  const calls = [`createIndex(${jsString(index.name)})`, `on(${jsString(table)})`];
  if (index.unique) calls.push('unique()');
  if (index.method !== undefined) calls.push(`using(${jsString(index.method)})`);
  calls.push(keyCall(index));
  if (index.where !== undefined) calls.push(`where(${sqlTemplate([index.where])})`);
  return chain(calls);
}
