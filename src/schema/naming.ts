/**
 * Default constraint names from the naming convention (SPEC §4), shortened deterministically
 * when they exceed the dialect's identifier limit.
 */
import { createHash } from 'node:crypto';
import type { NamingConvention } from '../config/types.js';
import { SchemigrateError } from '../util/errors.js';

export interface NamingTokens {
  readonly table: string;
  /** Joined with `_` for `{columns}`. */
  readonly columns?: readonly string[];
  readonly referredTable?: string;
  readonly name?: string;
}

/**
 * The first 8 hex characters of the SHA-256 of `text`.
 *
 * @example
 * shortHash('ix_users_expr'); // e.g. '3f1c9a0b'
 */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/**
 * `name` itself when it fits in `maxLength`; otherwise its first `maxLength - 9` characters,
 * `_` and a hash of the whole name, so that two long names stay distinct.
 *
 * @example
 * shortenIdentifier('fk_' + 'x'.repeat(70), 63); // 'fk_xxx…xxx_1a2b3c4d' (63 characters)
 */
export function shortenIdentifier(name: string, maxLength: number): string {
  if (name.length <= maxLength) return name;
  return `${name.slice(0, maxLength - 9)}_${shortHash(name)}`;
}

/**
 * A constraint's default name: the convention's template for `kind` with its tokens filled.
 *
 * @example
 * constraintName('fk', { table: 'posts', columns: ['authorId'], referredTable: 'users' }, convention, 63);
 * // 'fk_posts_authorId_users'
 */
export function constraintName(
  kind: keyof NamingConvention,
  tokens: NamingTokens,
  convention: NamingConvention,
  maxLength: number,
): string {
  const values: Record<string, string | undefined> = {
    table: tokens.table,
    columns: tokens.columns?.join('_'),
    referredTable: tokens.referredTable,
    name: tokens.name,
  };
  const name = convention[kind].replace(/\{(\w+)\}/g, (token, key: string) => {
    const value = values[key];
    if (value === undefined) {
      throw new SchemigrateError(
        `The naming convention '${kind}: ${convention[kind]}' uses ${token}, which a ${kind} name cannot fill ` +
          `(tokens: {table}, {columns}, {referredTable}, {name}).`,
      );
    }
    return value;
  });
  return shortenIdentifier(name, maxLength);
}
