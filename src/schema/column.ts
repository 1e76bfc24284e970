/**
 * The immutable column builder: every modifier returns a new builder, as Kysely's builders do.
 */
import type { ReferentialAction } from '../model/types.js';
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

/** A column being declared; a table's key names it. */
export class ColumnBuilder {
  readonly [COLUMN]: ColumnData;

  constructor(data: ColumnData) {
    this[COLUMN] = data;
  }

  #with(change: Partial<ColumnData>): ColumnBuilder {
    return new ColumnBuilder({ ...this[COLUMN], ...change });
  }

  /** @example email: varchar(255).notNull() */
  notNull(): ColumnBuilder {
    return this.#with({ notNull: true });
  }

  /** A single-column primary key (named by the `pk` convention); implies NOT NULL. @example id: integer().primaryKey() */
  primaryKey(): ColumnBuilder {
    return this.#with({ primaryKey: true });
  }

  /** Serial, identity or AUTO_INCREMENT, depending on the dialect; integer types only. @example id: integer().primaryKey().autoIncrement() */
  autoIncrement(): ColumnBuilder {
    return this.#with({ autoIncrement: true });
  }

  /** A single-column unique constraint (named by the `uq` convention). @example email: text().unique() */
  unique(): ColumnBuilder {
    return this.#with({ unique: true });
  }

  /**
   * A default: a JavaScript literal (rendered as an escaped SQL literal) or a `sql` expression (verbatim).
   *
   * @example
   * isActive: boolean().default(true)
   * createdAt: timestamp().default(sql`CURRENT_TIMESTAMP`)
   */
  default(value: LiteralDefault | { toOperationNode(): unknown }): ColumnBuilder {
    if (isSqlExpression(value)) return this.#with({ default: { kind: 'expression', sql: sqlSource(value) } });
    if (value === null || ['string', 'boolean'].includes(typeof value) || (typeof value === 'number' && Number.isFinite(value))) {
      return this.#with({ default: { kind: 'literal', value: value as LiteralDefault } });
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
  references(target: () => ColumnRef, options: ReferenceOptions = {}): ColumnBuilder {
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
    });
  }

  /** @example bio: text().comment('shown on the profile page') */
  comment(text: string): ColumnBuilder {
    return this.#with({ comment: text });
  }

  /** @example name: text().collate('C') */
  collate(name: string): ColumnBuilder {
    return this.#with({ collation: name });
  }

  /**
   * A check on this column; in the model (and on every database) it is a table check, named
   * by the `ck` convention with the column's key as `{name}` (e.g. `ck_orders_quantity`).
   *
   * @example
   * quantity: integer().notNull().check(sql`quantity > 0`)
   */
  check(expression: { toOperationNode(): unknown }): ColumnBuilder {
    if (!isSqlExpression(expression)) throw new SchemigrateError('check() takes a sql`…` expression, e.g. check(sql`quantity > 0`).');
    return this.#with({ check: sqlSource(expression) });
  }

  /**
   * A generated column; virtual unless `stored: true` (PostgreSQL supports only stored ones).
   *
   * @example
   * total: numeric(10, 2).generatedAs(sql`price * quantity`, { stored: true })
   */
  generatedAs(expression: { toOperationNode(): unknown }, options: { readonly stored?: boolean } = {}): ColumnBuilder {
    return this.#with({ generated: { sql: sqlSource(expression), stored: options.stored ?? false } });
  }
}
