/**
 * Table constraints — primary keys, uniques, checks, foreign keys — as the arguments Kysely's
 * `createTable` and `alterTable` builders share, and the statements that add or drop them.
 */
import type { DdlStyle } from '../dialects/dialect.js';
import { referencedName } from '../model/qualified-name.js';
import type { CheckConstraint, ForeignKey, PrimaryKey, UniqueConstraint } from '../model/types.js';
import { chain, id, jsString, jsStringArray, rawStatement, sqlTemplate } from './code.js';

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

/** The kinds of constraint MySQL drops each with its own clause. */
export type ConstraintKind = 'primaryKey' | 'foreignKey' | 'unique' | 'check';

/**
 * The statement that drops a constraint: `dropConstraint(name)`, or on dialects that drop by
 * kind (MySQL) `DROP PRIMARY KEY`, `DROP FOREIGN KEY`, `dropIndex` for a unique constraint
 * (it is a unique index there) and `dropConstraint` for a check (MariaDB, MySQL 8.0.19+).
 *
 * @example
 * dropConstraintByKind('posts', 'foreignKey', 'fk_posts_authorId_users', mysqlDdl);
 * // "await sql`ALTER TABLE ${sql.id('posts')} DROP FOREIGN KEY ${sql.id('fk_posts_authorId_users')}`.execute(db);"
 */
export function dropConstraintByKind(table: string, kind: ConstraintKind, name: string, ddl: DdlStyle): string {
  if (ddl.dropConstraint === 'named') return dropConstraintStatement(table, name);
  switch (kind) {
    case 'primaryKey':
      return rawStatement(['ALTER TABLE ', id(table), ' DROP PRIMARY KEY']);
    case 'foreignKey':
      return rawStatement(['ALTER TABLE ', id(table), ' DROP FOREIGN KEY ', id(name)]);
    case 'unique':
      return alterTableStatement(table, `dropIndex(${jsString(name)})`);
    case 'check':
      return dropConstraintStatement(table, name);
  }
}
