/**
 * The immutable column builder: every modifier returns a new builder, as Kysely's builders do.
 */
import type { ColumnTypeKind, ReferentialAction } from '../model/types.js';
import { SchemigrateError } from '../util/errors.js';
import { COLUMN, type ColumnData, type Deferrable } from './brands.js';
import type { ColumnRef } from './column-ref.js';
import { isSqlExpression, sqlSource } from './sql-text.js';

export type { ReferentialAction } from '../model/types.js';

const ACTIONS: readonly ReferentialAction[] = ['no action', 'restrict', 'cascade', 'set null', 'set default'];
const DEFERRABLES: readonly Deferrable[] = ['immediate', 'deferred'];

/** A JavaScript value usable as a column default; it is rendered as an escaped SQL literal. */
export type LiteralDefault = string | number | boolean | null;

export interface ReferenceOptions {
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
  /** The constraint's name; by default the `fk` naming convention's. */
  readonly name?: string;
  /** PostgreSQL only; elsewhere `revision` reports an error. */
  readonly deferrable?: Deferrable;
}

/**
 * Check a referential action given by the user.
 *
 * @example
 * checkAction('cascade', 'onDelete'); // 'cascade'
 */
export function checkAction(action: unknown, option: string): ReferentialAction | undefined {
  if (action === undefined) return undefined;
  const normal = typeof action === 'string' ? action.toLowerCase().trim().replace(/\s+/g, ' ') : action;
  if (!ACTIONS.includes(normal as ReferentialAction)) {
    throw new SchemigrateError(`${option} must be one of ${ACTIONS.map((a) => `'${a}'`).join(', ')}, not ${JSON.stringify(action)}.`);
  }
  return normal as ReferentialAction;
}

/**
 * Check a `deferrable` option given by the user.
 *
 * @example
 * checkDeferrable('deferred'); // 'deferred'
 */
export function checkDeferrable(deferrable: unknown): Deferrable | undefined {
  if (deferrable === undefined) return undefined;
  if (!DEFERRABLES.includes(deferrable as Deferrable)) {
    throw new SchemigrateError(`deferrable must be 'immediate' or 'deferred', not ${JSON.stringify(deferrable)}.`);
  }
  return deferrable as Deferrable;
}

/**
 * Whether a value must, may or cannot be given on insert: `'optional'` for a default or an
 * auto-increment key, `'never'` for a generated column.
 */
export type InsertRule = 'required' | 'optional' | 'never';

/** Stands for "no value type declared": the column's type comes from its kind and the dialect. */
export interface KindValue {
  readonly [kindValue]: true;
}
declare const kindValue: unique symbol;
declare const columnTypes: unique symbol;

/**
 * What the type system knows of a column, read by `Database<typeof schema>`; the builder
 * carries it as a phantom property that never exists at run time.
 */
export interface ColumnTypes<K extends ColumnTypeKind, V, N extends boolean, I extends InsertRule> {
  /** The portable type, which picks the driver's value type (driver-types.ts). */
  readonly kind: K;
  /** An enumeration's values or `$type<T>()`'s T (a json column's document); `KindValue` otherwise. */
  readonly value: V;
  readonly notNull: N;
  readonly insert: I;
}

/** Any column builder, whatever it declares (as is a bare `ColumnBuilder`). */
export type AnyColumn = ColumnBuilder<ColumnTypeKind, unknown, boolean, InsertRule>;

/** A fresh column of `kind`: its type from its kind, nullable, required on insert. */
export type NewColumn<K extends ColumnTypeKind, V = KindValue> = ColumnBuilder<K, V, false, 'required'>;

/**
 * The phantom types of a column builder.
 *
 * @example
 * type Email = TypesOf<ReturnType<typeof varchar>>; // { kind: 'varchar'; value: KindValue; notNull: false; insert: 'required' }
 */
export type TypesOf<C extends AnyColumn> = NonNullable<C[typeof columnTypes]>;

/**
 * A column being declared; a table's key names it. Its type parameters record what each
 * modifier declared, so that `Database<typeof schema>` can type queries from the schema; a
 * bare `ColumnBuilder` is any column.
 */
export class ColumnBuilder<
  K extends ColumnTypeKind = ColumnTypeKind,
  V = unknown,
  N extends boolean = boolean,
  I extends InsertRule = InsertRule,
> {
  readonly [COLUMN]: ColumnData;
  declare readonly [columnTypes]?: ColumnTypes<K, V, N, I>;

  constructor(data: ColumnData) {
    this[COLUMN] = data;
  }

  #with(change: Partial<ColumnData>): AnyColumn {
    return new ColumnBuilder({ ...this[COLUMN], ...change });
  }

  /** @example email: varchar(255).notNull() */
  notNull(): ColumnBuilder<K, V, true, I> {
    return this.#with({ notNull: true }) as ColumnBuilder<K, V, true, I>;
  }

  /** A single-column primary key (named by the `pk` convention); implies NOT NULL. @example id: integer().primaryKey() */
  primaryKey(): ColumnBuilder<K, V, true, I> {
    return this.#with({ primaryKey: true }) as ColumnBuilder<K, V, true, I>;
  }

  /** Serial, identity or AUTO_INCREMENT, depending on the dialect; integer types only. @example id: integer().primaryKey().autoIncrement() */
  autoIncrement(): ColumnBuilder<K, V, N, Optional<I>> {
    return this.#with({ autoIncrement: true }) as ColumnBuilder<K, V, N, Optional<I>>;
  }

  /** A single-column unique constraint (named by the `uq` convention). @example email: text().unique() */
  unique(): ColumnBuilder<K, V, N, I> {
    return this.#with({ unique: true }) as ColumnBuilder<K, V, N, I>;
  }

  /**
   * A default: a JavaScript literal (rendered as an escaped SQL literal) or a `sql` expression (verbatim).
   *
   * @example
   * isActive: boolean().default(true)
   * createdAt: timestamp().default(sql`CURRENT_TIMESTAMP`)
   */
  default(value: LiteralDefault | { toOperationNode(): unknown }): ColumnBuilder<K, V, N, Optional<I>> {
    if (isSqlExpression(value)) return this.#with({ default: { kind: 'expression', sql: sqlSource(value) } }) as ColumnBuilder<K, V, N, Optional<I>>;
    if (value === null || ['string', 'boolean'].includes(typeof value) || (typeof value === 'number' && Number.isFinite(value))) {
      return this.#with({ default: { kind: 'literal', value: value as LiteralDefault } }) as ColumnBuilder<K, V, N, Optional<I>>;
    }
    throw new SchemigrateError(
      `default() takes a string, finite number, boolean, null or sql\`…\` expression, not ${typeof value}; ` +
        'for dates and other values write default(sql`…`).',
    );
  }

  /**
   * A foreign key to another table's column, given lazily so tables can point at each other.
   * A table referencing itself must spell out the return type, as TypeScript cannot infer a
   * type from its own initializer.
   *
   * @example
   * authorId: integer().references(() => users.columns.id, { onDelete: 'cascade' })
   * parentId: integer().references((): ColumnRef => categories.columns.id)
   */
  references(target: () => ColumnRef, options: ReferenceOptions = {}): ColumnBuilder<K, V, N, I> {
    if (typeof target !== 'function') {
      throw new SchemigrateError('references() takes a function returning the column, e.g. references(() => users.columns.id).');
    }
    return this.#with({
      references: {
        target,
        onDelete: checkAction(options.onDelete, 'onDelete'),
        onUpdate: checkAction(options.onUpdate, 'onUpdate'),
        name: options.name,
        deferrable: checkDeferrable(options.deferrable),
      },
    }) as ColumnBuilder<K, V, N, I>;
  }

  /** @example bio: text().comment('shown on the profile page') */
  comment(text: string): ColumnBuilder<K, V, N, I> {
    return this.#with({ comment: text }) as ColumnBuilder<K, V, N, I>;
  }

  /** @example name: text().collate('C') */
  collate(name: string): ColumnBuilder<K, V, N, I> {
    return this.#with({ collation: name }) as ColumnBuilder<K, V, N, I>;
  }

  /**
   * A check on this column; in the model (and on every database) it is a table check, named
   * by the `ck` convention with the column's key as `{name}` (e.g. `ck_orders_quantity`).
   *
   * @example
   * quantity: integer().notNull().check(sql`quantity > 0`)
   */
  check(expression: { toOperationNode(): unknown }): ColumnBuilder<K, V, N, I> {
    if (!isSqlExpression(expression)) throw new SchemigrateError('check() takes a sql`…` expression, e.g. check(sql`quantity > 0`).');
    return this.#with({ check: sqlSource(expression) }) as ColumnBuilder<K, V, N, I>;
  }

  /**
   * A generated column; virtual unless `stored: true` (PostgreSQL supports only stored ones).
   * Queries can read it but never insert or update it.
   *
   * @example
   * total: numeric(10, 2).generatedAs(sql`price * quantity`, { stored: true })
   */
  generatedAs(expression: { toOperationNode(): unknown }, options: { readonly stored?: boolean } = {}): ColumnBuilder<K, V, N, 'never'> {
    return this.#with({ generated: { sql: sqlSource(expression), stored: options.stored ?? false } }) as ColumnBuilder<K, V, N, 'never'>;
  }

  /**
   * The TypeScript type of the column's values in queries (`Database<typeof schema>`), in place
   * of the one its kind gives: a json column's document, a branded id, a union of known
   * strings. Types only: the database column is unchanged.
   *
   * @example
   * settings: json().$type<{ theme: 'dark' | 'light' }>()
   * id: integer().primaryKey().$type<UserId>()
   */
  $type<T>(): ColumnBuilder<K, T, N, I> {
    return this as unknown as ColumnBuilder<K, T, N, I>;
  }
}

/** The insert rule after a default or auto-increment: optional, unless the column is generated. */
type Optional<I extends InsertRule> = I extends 'never' ? 'never' : 'optional';
