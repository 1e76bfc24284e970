/**
 * Tables: created, dropped, or compared concern by concern.
 */
import type { Model } from '../model/types.js';
import type { Operation } from '../operations/types.js';
import { compareChecks } from './checks.js';
import { compareColumns } from './columns.js';
import { compareTableComments } from './comments.js';
import { compareForeignKeys } from './foreign-keys.js';
import { compareIndexes } from './indexes.js';
import { qualifiedName } from '../model/qualified-name.js';
import { indexByQualifiedName, type TablePair } from './named.js';
import { comparePrimaryKeys } from './primary-keys.js';
import { holdForeignKeys } from './held-foreign-keys.js';
import { recreateDependents } from './recreated-dependents.js';
import { asStoredKinds } from './stored-kinds.js';
import { compareTableOptions } from './table-options.js';
import { compareUniques } from './uniques.js';

/** Every per-table comparator, one per concern. */
const tableComparators: readonly ((pair: TablePair) => Operation[])[] = [
  compareColumns,
  comparePrimaryKeys,
  compareForeignKeys,
  compareUniques,
  compareIndexes,
  compareChecks,
  compareTableComments,
  compareTableOptions,
];

/**
 * Table-level operations: a database-only table is dropped (carrying its whole definition),
 * a schema-only one created, and a table on both sides compared by every comparator.
 *
 * @example
 * compareTables(databaseModel, schemaModel); // [{ kind: 'createTable', table: users }]
 */
export function compareTables(database: Model, schema: Model, canonical: readonly Model[] = []): Operation[] {
  const schemaByName = indexByQualifiedName(schema.tables);
  const databaseByName = indexByQualifiedName(database.tables);
  const canonicalByName = canonical.map((m) => indexByQualifiedName(m.tables));
  const ops: Operation[] = [];
  for (const table of database.tables) {
    if (!schemaByName.has(qualifiedName(table))) ops.push({ kind: 'dropTable', table });
  }
  for (const table of schema.tables) {
    const existing = databaseByName.get(qualifiedName(table));
    if (!existing) {
      ops.push({ kind: 'createTable', table });
      continue;
    }
    const canonicalTables = canonicalByName.flatMap((map) => map.get(qualifiedName(table)) ?? []);
    const pair: TablePair = { database: existing, schema: asStoredKinds(table, canonicalTables), canonical: canonicalTables };
    const tableOps = tableComparators.flatMap((compare) => compare(pair));
    ops.push(...tableOps, ...recreateDependents(pair, tableOps));
  }
  return [...ops, ...holdForeignKeys(database, schema, ops)];
}
