/**
 * Table constraints returned from a table's extras: `unique`, `primaryKey`, `foreignKey`, `check`.
 */
import { SchemigrateError } from '../util/errors.js';
import { EXTRA, type Deferrable, type ExtraData } from './brands.js';
import { checkAction, checkDeferrable, type ReferentialAction } from './column.js';
import { columnRefsOf, type ColumnRef } from './column-ref.js';
import type { SqlExpression } from './index-builder.js';
import { sqlSource } from './sql-text.js';

type UniqueData = Extract<ExtraData, { kind: 'unique' }>;
type PrimaryKeyData = Extract<ExtraData, { kind: 'primaryKey' }>;
type ForeignKeyData = Extract<ExtraData, { kind: 'foreignKey' }>;
type CheckData = Extract<ExtraData, { kind: 'check' }>;

export class UniqueBuilder {
  readonly [EXTRA]: UniqueData;

  constructor(data: UniqueData) {
    this[EXTRA] = data;
  }

  /** @example unique().on(t.tenantId, t.email) */
  on(...columns: ColumnRef[]): UniqueBuilder {
    return new UniqueBuilder({ ...this[EXTRA], columns: columnRefsOf(columns, 'unique().on()') });
  }
}

/**
 * A unique constraint, named by the `uq` convention unless `name` is given.
 *
 * @example
 * (t) => [unique().on(t.tenantId, t.email)]
 */
export function unique(name?: string): UniqueBuilder {
  return new UniqueBuilder({ kind: 'unique', name, columns: [] });
}

export class PrimaryKeyBuilder {
  readonly [EXTRA]: PrimaryKeyData;

  constructor(data: PrimaryKeyData) {
    this[EXTRA] = data;
  }

  /** @example primaryKey().on(t.postId, t.tagId) */
  on(...columns: ColumnRef[]): PrimaryKeyBuilder {
    return new PrimaryKeyBuilder({ ...this[EXTRA], columns: columnRefsOf(columns, 'primaryKey().on()') });
  }
}

/**
 * A (composite) primary key, named by the `pk` convention unless `name` is given.
 *
 * @example
 * (t) => [primaryKey().on(t.postId, t.tagId)]
 */
export function primaryKey(name?: string): PrimaryKeyBuilder {
  return new PrimaryKeyBuilder({ kind: 'primaryKey', name, columns: [] });
}

export class ForeignKeyBuilder {
  readonly [EXTRA]: ForeignKeyData;

  constructor(data: ForeignKeyData) {
    this[EXTRA] = data;
  }

  #with(change: Partial<ForeignKeyData>): ForeignKeyBuilder {
    return new ForeignKeyBuilder({ ...this[EXTRA], ...change });
  }

  /** The referencing columns of this table. @example foreignKey().columns(t.orgId, t.userId) */
  columns(...columns: ColumnRef[]): ForeignKeyBuilder {
    return this.#with({ columns: columnRefsOf(columns, 'foreignKey().columns()') });
  }

  /**
   * The referenced columns, given lazily so tables can point at each other.
   *
   * @example
   * foreignKey().columns(t.orgId, t.userId).references(() => [members.columns.orgId, members.columns.userId])
   */
  references(target: () => ColumnRef[]): ForeignKeyBuilder {
    if (typeof target !== 'function') {
      throw new SchemigrateError('foreignKey().references() takes a function returning the columns, e.g. () => [users.columns.id].');
    }
    return this.#with({ target });
  }

  /** @example .onDelete('cascade') */
  onDelete(action: ReferentialAction): ForeignKeyBuilder {
    return this.#with({ onDelete: checkAction(action, 'onDelete') });
  }

  /** @example .onUpdate('restrict') */
  onUpdate(action: ReferentialAction): ForeignKeyBuilder {
    return this.#with({ onUpdate: checkAction(action, 'onUpdate') });
  }

  /** PostgreSQL only. @example .deferrable('deferred') */
  deferrable(mode: Deferrable = 'immediate'): ForeignKeyBuilder {
    return this.#with({ deferrable: checkDeferrable(mode) });
  }
}

/**
 * A (composite) foreign key, named by the `fk` convention unless `name` is given.
 *
 * @example
 * (t) => [foreignKey().columns(t.authorId).references(() => [users.columns.id]).onDelete('cascade')]
 */
export function foreignKey(name?: string): ForeignKeyBuilder {
  return new ForeignKeyBuilder({ kind: 'foreignKey', name, columns: [] });
}

/**
 * A check constraint; `name` fills the `{name}` token of the `ck` convention.
 *
 * @example
 * (t) => [check('price_positive', sql`price > 0`)]   // ck_posts_price_positive
 */
export function check(name: string, expression: SqlExpression): { readonly [EXTRA]: CheckData } {
  if (typeof name !== 'string' || name === '') {
    throw new SchemigrateError("check() needs a name first: check('price_positive', sql`price > 0`).");
  }
  return { [EXTRA]: { kind: 'check', name, sql: sqlSource(expression) } };
}
