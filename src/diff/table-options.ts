/**
 * SQLite's table options, `STRICT` and `WITHOUT ROWID` (other dialects have none, so both
 * sides are always empty there).
 */
import { qualifiedName } from '../model/qualified-name.js';
import { tableOptions } from '../model/table-options.js';
import type { Operation } from '../operations/types.js';
import type { TablePair } from './named.js';

/**
 * A `setTableOptions` when the declared options differ from the database's.
 *
 * @example
 * compareTableOptions({ database, schema: { ...schema, strict: true }, canonical: [] });
 * // [{ kind: 'setTableOptions', table: 't', from: {}, to: { strict: true } }]
 */
export function compareTableOptions({ database, schema }: TablePair): Operation[] {
  const [from, to] = [tableOptions(database), tableOptions(schema)];
  if (from.strict === to.strict && from.withoutRowid === to.withoutRowid) return [];
  return [{ kind: 'setTableOptions', table: qualifiedName(schema), from, to }];
}
