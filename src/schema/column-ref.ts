/**
 * Column references: `users.columns.id` for foreign keys, `t.email` (or `t.email.desc()`) in
 * a table's extras.
 */
import { SchemigrateError } from '../util/errors.js';
import { COLUMN_REF, columnRefData, type ColumnRefData } from './brands.js';

/** One declared column of one table, as seen from outside the column builder. */
export class ColumnRef {
  readonly [COLUMN_REF]: ColumnRefData;

  constructor(data: ColumnRefData) {
    this[COLUMN_REF] = data;
  }

  /** The table's name. */
  get table(): string {
    return this[COLUMN_REF].table;
  }

  /** The column's name (its key in the table). */
  get name(): string {
    return this[COLUMN_REF].column;
  }

  /**
   * This column in descending order, for an index part.
   *
   * @example
   * index().on(t.createdAt.desc())
   */
  desc(): ColumnRef {
    return new ColumnRef({ ...this[COLUMN_REF], descending: true });
  }
}

/**
 * The reference data of columns passed to an extra, with a clear error for anything else.
 *
 * @example
 * columnRefsOf([t.email], 'unique().on()'); // [{ table: 'users', column: 'email', descending: false }]
 */
export function columnRefsOf(values: readonly unknown[], where: string): ColumnRefData[] {
  return values.map((value) => {
    const data = columnRefData(value);
    if (data === undefined) {
      throw new SchemigrateError(
        `${where} takes table columns such as t.email or users.columns.id, not ${value === undefined ? 'undefined (a misspelt column?)' : typeof value}.`,
      );
    }
    return data;
  });
}
