/**
 * Primary keys: at most one per table, so a change is a drop and an add.
 */
import { qualifiedName } from '../model/qualified-name.js';
import { primaryKeysEqual } from '../model/equality.js';
import type { Operation } from '../operations/types.js';
import type { TablePair } from './named.js';

/**
 * Primary key operations for one table; names matter only when both sides know them.
 *
 * @example
 * comparePrimaryKeys({ database, schema }); // [{ kind: 'addPrimaryKey', table: 't', primaryKey }]
 */
export function comparePrimaryKeys({ database, schema, canonical }: TablePair): Operation[] {
  const spellings = [...canonical.map((t) => t.primaryKey), schema.primaryKey];
  if (spellings.some((key) => primaryKeysEqual(database.primaryKey, key))) return [];
  const ops: Operation[] = [];
  if (database.primaryKey) ops.push({ kind: 'dropPrimaryKey', table: qualifiedName(schema), primaryKey: database.primaryKey });
  if (schema.primaryKey) ops.push({ kind: 'addPrimaryKey', table: qualifiedName(schema), primaryKey: schema.primaryKey });
  return ops;
}
