/**
 * SQLite's table options (`STRICT`, `WITHOUT ROWID`) as model data: present only when true,
 * so that a table without them compares equal whichever side it comes from.
 */
import type { Table, TableOptions } from './types.js';

/**
 * The table with exactly these options.
 *
 * @example
 * withTableOptions(users, { strict: true }); // users as a STRICT table, WITHOUT ROWID removed
 */
export function withTableOptions(table: Table, options: TableOptions): Table {
  const { strict: _strict, withoutRowid: _withoutRowid, ...rest } = table;
  return {
    ...rest,
    ...(options.strict ? { strict: true } : {}),
    ...(options.withoutRowid ? { withoutRowid: true } : {}),
  };
}

/**
 * A table's options alone.
 *
 * @example
 * tableOptions(users); // {} for an ordinary table
 */
export function tableOptions(table: Table): TableOptions {
  return {
    ...(table.strict ? { strict: true } : {}),
    ...(table.withoutRowid ? { withoutRowid: true } : {}),
  };
}

/**
 * The options in SQL words, `none` without any.
 *
 * @example
 * describeTableOptions({ strict: true, withoutRowid: true }); // 'STRICT, WITHOUT ROWID'
 */
export function describeTableOptions(options: TableOptions): string {
  const words = [...(options.strict ? ['STRICT'] : []), ...(options.withoutRowid ? ['WITHOUT ROWID'] : [])];
  return words.length === 0 ? 'none' : words.join(', ');
}
