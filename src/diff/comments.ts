/**
 * Table comments (column comments are a column aspect).
 */
import { qualifiedName } from '../model/qualified-name.js';
import type { Operation } from '../operations/types.js';
import type { TablePair } from './named.js';

/**
 * A `setTableComment` when the comment differs; an empty comment counts as none.
 *
 * @example
 * compareTableComments({ database, schema }); // [{ kind: 'setTableComment', table: 't', to: 'People' }]
 */
export function compareTableComments({ database, schema, canonical }: TablePair): Operation[] {
  if ([...canonical, schema].some((t) => (database.comment ?? '') === (t.comment ?? ''))) return [];
  return [
    {
      kind: 'setTableComment',
      table: qualifiedName(schema),
      ...(database.comment !== undefined ? { from: database.comment } : {}),
      ...(schema.comment !== undefined ? { to: schema.comment } : {}),
    },
  ];
}
