/**
 * Constraints and indexes that a column change takes away or spoils, dropped before the change
 * and added back after it (the dependency order puts them there):
 *
 * - Over a column whose kind of type changes, checks and index expressions: the server stores
 *   them as parsed trees, and `ALTER COLUMN … TYPE` rewrites them with casts (PostgreSQL turns
 *   `c0 >= 0` into `(c0)::numeric >= 0`), so they would never compare equal to the declared
 *   text afterwards. Added back, they are parsed afresh against the new type.
 * - Over a generated column whose generation changes, everything that uses it: PostgreSQL
 *   cannot change a generation expression in place and MariaDB cannot switch between virtual
 *   and stored, so the column is dropped and added again, and the indexes, checks, uniques and
 *   keys on it went with it. (MySQL can modify an expression in place; there this costs one
 *   rebuild of those indexes.)
 */
import { qualifiedName } from '../model/qualified-name.js';
import { columnDifferences } from '../model/equality.js';
import { indexColumns, indexExpressions } from '../model/index-parts.js';
import { mayUseColumn } from '../model/sql-identifiers.js';
import type { Column } from '../model/types.js';
import type { Operation } from '../operations/types.js';
import { indexByName, type TablePair } from './named.js';

/**
 * Whether changing column `from` into `to` re-creates it (see the module comment): its
 * generation changes, and it stays generated.
 *
 * @example
 * isRecreated(total, { ...total, generated: { sql: 'price * 2', stored: true } }); // true
 */
export function isRecreated(from: Column, to: Column): boolean {
  return to.generated !== undefined && columnDifferences(from, to).includes('generated');
}

/**
 * The extra drop/add operations for the checks, indexes, uniques and keys of one table that
 * `operations` spoil (see the module comment) and do not already replace.
 *
 * @example
 * recreateDependents(pair, [{ kind: 'alterColumn', table: 't', from, to }]);
 * // [{ kind: 'dropCheck', … }, { kind: 'addCheck', … }]
 */
export function recreateDependents({ database, schema }: TablePair, operations: readonly Operation[]): Operation[] {
  const alters = operations.flatMap((op) => (op.kind === 'alterColumn' ? [op] : []));
  // A new length or precision re-parses to the same text; a new kind of type brings new casts.
  const retyped = alters.filter((op) => op.from.type.kind !== op.to.type.kind).map((op) => op.to.name);
  const recreated = alters.filter((op) => isRecreated(op.from, op.to)).map((op) => op.to.name);
  if (retyped.length === 0 && recreated.length === 0) return [];
  const spoiledExpressions = (expressions: readonly string[]) =>
    [...retyped, ...recreated].some((name) => expressions.some((sql) => mayUseColumn(sql, name)));
  const spoiledColumns = (columns: readonly string[]) => recreated.some((name) => columns.includes(name));
  const replaced = new Set(operations.flatMap((op) => (op.kind.startsWith('drop') ? [replacedKey(op)] : [])));
  const table = qualifiedName(schema);
  const extra: Operation[] = [];
  const recreate = (drop: Operation, add: Operation | undefined) => {
    if (add !== undefined && !replaced.has(replacedKey(drop))) extra.push(drop, add);
  };
  const declaredChecks = indexByName(schema.checks);
  for (const check of database.checks) {
    if (!spoiledExpressions([check.sql])) continue;
    const declared = declaredChecks.get(check.name);
    recreate({ kind: 'dropCheck', table, check }, declared && { kind: 'addCheck', table, check: declared });
  }
  const declaredIndexes = indexByName(schema.indexes);
  for (const index of database.indexes) {
    if (!spoiledExpressions(indexExpressions(index)) && !spoiledColumns(indexColumns(index))) continue;
    const declared = declaredIndexes.get(index.name);
    recreate({ kind: 'dropIndex', table, index }, declared && { kind: 'createIndex', table, index: declared });
  }
  const declaredUniques = indexByName(schema.uniques);
  for (const unique of database.uniques) {
    if (!spoiledColumns(unique.columns)) continue;
    const declared = declaredUniques.get(unique.name);
    recreate({ kind: 'dropUnique', table, unique }, declared && { kind: 'addUnique', table, unique: declared });
  }
  const declaredKeys = indexByName(schema.foreignKeys);
  for (const foreignKey of database.foreignKeys) {
    if (!spoiledColumns(foreignKey.columns)) continue;
    const declared = declaredKeys.get(foreignKey.name);
    recreate({ kind: 'dropForeignKey', table, foreignKey }, declared && { kind: 'addForeignKey', table, foreignKey: declared });
  }
  if (database.primaryKey && spoiledColumns(database.primaryKey.columns)) {
    const declared = schema.primaryKey;
    recreate({ kind: 'dropPrimaryKey', table, primaryKey: database.primaryKey }, declared && { kind: 'addPrimaryKey', table, primaryKey: declared });
  }
  return extra;
}

/** What a drop takes away, to tell whether the diff already replaces it. */
function replacedKey(op: Operation): string {
  switch (op.kind) {
    case 'dropCheck':
      return `check ${op.check.name}`;
    case 'dropIndex':
      return `index ${op.index.name}`;
    case 'dropUnique':
      return `unique ${op.unique.name}`;
    case 'dropForeignKey':
      return `foreign key ${op.foreignKey.name}`;
    case 'dropPrimaryKey':
      return 'primary key';
    default:
      return op.kind;
  }
}
