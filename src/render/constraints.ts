/**
 * Table constraints — primary keys, uniques, checks, foreign keys — as the arguments Kysely's
 * `createTable` and `alterTable` builders share, and the statements that add or drop them.
 */
import { referencedName } from '../model/qualified-name.js';
import type { CheckConstraint, ForeignKey, PrimaryKey, UniqueConstraint } from '../model/types.js';
import { chain, jsString, jsStringArray, sqlTemplate } from './code.js';

/**
 * The name a primary key is created with when the model has none (SQLite and MySQL forget it).
 *
 * @example
 * primaryKeyName('users', { columns: ['id'] }); // 'pk_users'
 */
export function primaryKeyName(table: string, primaryKey: PrimaryKey): string {
  return primaryKey.name ?? `pk_${table}`;
}

/**
 * `addPrimaryKeyConstraint('pk_t', ['a', 'b'])`.
 *
 * @example
 * primaryKeyCall('t', { columns: ['a'] }); // "addPrimaryKeyConstraint('pk_t', ['a'])"
 */
export function primaryKeyCall(table: string, primaryKey: PrimaryKey): string {
  return `addPrimaryKeyConstraint(${jsString(primaryKeyName(table, primaryKey))}, ${jsStringArray(primaryKey.columns)})`;
}

/**
 * `addUniqueConstraint('uq', ['a'])`.
 *
 * @example
 * uniqueCall({ name: 'uq_users_email', columns: ['email'] });
 */
export function uniqueCall(unique: UniqueConstraint): string {
  return `addUniqueConstraint(${jsString(unique.name)}, ${jsStringArray(unique.columns)})`;
}

/**
 * `addCheckConstraint('ck', sql\`…\`)` with the user's expression verbatim.
 *
 * @example
 * checkCall({ name: 'price_positive', sql: 'price > 0' });
 */
export function checkCall(check: CheckConstraint): string {
  return `addCheckConstraint(${jsString(check.name)}, ${sqlTemplate([check.sql])})`;
}

/** The referential actions and deferrability, as builder method calls. */
function foreignKeyModifiers(fk: ForeignKey): string[] {
  const calls: string[] = [];
  if (fk.onDelete) calls.push(`onDelete(${jsString(fk.onDelete)})`);
  if (fk.onUpdate) calls.push(`onUpdate(${jsString(fk.onUpdate)})`);
  if (fk.deferrable) {
    calls.push('deferrable()', fk.deferrable === 'deferred' ? 'initiallyDeferred()' : 'initiallyImmediate()');
  }
  return calls;
}

function foreignKeyArguments(fk: ForeignKey): string {
  return [
    jsString(fk.name),
    jsStringArray(fk.columns),
    // `schema.table` for a table in a named schema; a bare name resolves in the default schema.
    jsString(referencedName(fk)),
    jsStringArray(fk.referencedColumns),
  ].join(', ');
}

/**
 * The `createTable` form: the actions go in a callback.
 *
 * @example
 * foreignKeyCall(fk); // "addForeignKeyConstraint('fk', ['a'], 'users', ['id'], (cb) => cb.onDelete('cascade'))"
 */
export function foreignKeyCall(fk: ForeignKey): string {
  const modifiers = foreignKeyModifiers(fk);
  const callback = modifiers.length > 0 ? `, (cb) => cb.${modifiers.join('.')}` : '';
  return `addForeignKeyConstraint(${foreignKeyArguments(fk)}${callback})`;
}

/**
 * `alterTable(t).addForeignKeyConstraint(…)` with the actions chained.
 *
 * @example
 * addForeignKeyStatement('posts', fk);
 */
export function addForeignKeyStatement(table: string, fk: ForeignKey): string {
  return chain([
    `alterTable(${jsString(table)})`,
    `addForeignKeyConstraint(${foreignKeyArguments(fk)})`,
    ...foreignKeyModifiers(fk),
  ]);
}

/**
 * `alterTable(t).<call>` for one constraint call built above.
 *
 * @example
 * alterTableStatement('users', uniqueCall(unique));
 */
export function alterTableStatement(table: string, call: string): string {
  return chain([`alterTable(${jsString(table)})`, call]);
}

/**
 * `alterTable(t).dropConstraint(name)`.
 *
 * @example
 * dropConstraintStatement('users', 'uq_users_email');
 */
export function dropConstraintStatement(table: string, name: string): string {
  return chain([`alterTable(${jsString(table)})`, `dropConstraint(${jsString(name)})`]);
}

/** The kinds of constraint (MySQL drops each with its own clause). */
export type ConstraintKind = 'primaryKey' | 'foreignKey' | 'unique' | 'check';
