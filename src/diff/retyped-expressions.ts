/**
 * Expressions over a retyped column. The server stores checks and index expressions as parsed
 * trees; `ALTER COLUMN … TYPE` rewrites them with casts (PostgreSQL turns `c0 >= 0` into
 * `(c0)::numeric >= 0` and back into something else again), so they would never compare equal
 * to the declared text afterwards. Dropping them before the type change and adding them after
 * lets the server parse them afresh against the new type.
 */
import { qualifiedName } from '../model/qualified-name.js';
import type { Index } from '../model/types.js';
import type { Operation } from '../operations/types.js';
import { indexByName, type TablePair } from './named.js';

/** Whether `sql` mentions the identifier `name` (bare or double-quoted). */
function mentions(sql: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w"])"?${escaped}"?($|[^\\w"])`).test(sql);
}

function indexExpressions(index: Index): string[] {
  return [...index.parts.flatMap((part) => (part.kind === 'expression' ? [part.sql] : [])), ...(index.where ? [index.where] : [])];
}

/**
 * The extra drop/add operations for checks and expression indexes of one table that mention a
 * column whose kind of type `operations` change (and that `operations` do not already replace).
 *
 * @example
 * recreateOverRetypedColumns(pair, [{ kind: 'alterColumn', table: 't', from, to }]);
 * // [{ kind: 'dropCheck', … }, { kind: 'addCheck', … }]
 */
export function recreateOverRetypedColumns({ database, schema }: TablePair, operations: readonly Operation[]): Operation[] {
  // A new length or precision re-parses to the same text; a new kind of type brings new casts.
  const retyped = operations.flatMap((op) => (op.kind === 'alterColumn' && op.from.type.kind !== op.to.type.kind ? [op.to.name] : []));
  if (retyped.length === 0) return [];
  const overRetyped = (expressions: readonly string[]) => retyped.some((name) => expressions.some((sql) => mentions(sql, name)));
  const replaced = new Set(
    operations.flatMap((op) => (op.kind === 'dropCheck' ? [`ck:${op.check.name}`] : op.kind === 'dropIndex' ? [`ix:${op.index.name}`] : [])),
  );
  const table = qualifiedName(schema);
  const schemaChecks = indexByName(schema.checks);
  const schemaIndexes = indexByName(schema.indexes);
  const extra: Operation[] = [];
  for (const check of database.checks) {
    const declared = schemaChecks.get(check.name);
    if (!declared || replaced.has(`ck:${check.name}`) || !overRetyped([check.sql])) continue;
    extra.push({ kind: 'dropCheck', table, check }, { kind: 'addCheck', table, check: declared });
  }
  for (const index of database.indexes) {
    const declared = schemaIndexes.get(index.name);
    if (!declared || replaced.has(`ix:${index.name}`) || !overRetyped(indexExpressions(index))) continue;
    extra.push({ kind: 'dropIndex', table, index }, { kind: 'createIndex', table, index: declared });
  }
  return extra;
}
