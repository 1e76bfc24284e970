/**
 * Columns: dropped, added (no rename guessing), or altered in some aspects.
 */
import { qualifiedName } from '../model/qualified-name.js';
import { columnDifferences, type ColumnAspect } from '../model/equality.js';
import type { Column } from '../model/types.js';
import type { Operation } from '../operations/types.js';
import { candidates, indexByName, type TablePair } from './named.js';

/**
 * Column operations for one table. An `alterColumn` goes `from` the database column `to`
 * that column with only the differing aspects taken from the schema, so that the renderer
 * emits exactly what changed (and not spelling differences the server would ignore).
 *
 * @example
 * compareColumns({ database, schema }); // [{ kind: 'addColumn', table: 'users', column }]
 */
export function compareColumns({ database, schema, canonical }: TablePair): Operation[] {
  const table = qualifiedName(schema);
  const databaseByName = indexByName(database.columns);
  const schemaByName = indexByName(schema.columns);
  const canonicalByName = canonical.map((t) => indexByName(t.columns));
  const ops: Operation[] = [];
  for (const column of database.columns) {
    if (!schemaByName.has(column.name)) ops.push({ kind: 'dropColumn', table, column });
  }
  for (const declared of schema.columns) {
    const existing = databaseByName.get(declared.name);
    if (!existing) {
      ops.push({ kind: 'addColumn', table, column: declared });
      continue;
    }
    // An aspect changed only if it differs from every spelling of the declared column.
    const spellings = candidates(declared, canonicalByName.map((map) => map.get(declared.name)));
    const aspects = spellings
      .map((spelling) => columnDifferences(existing, spelling))
      .reduce((common, next) => common.filter((aspect) => next.includes(aspect)));
    if (aspects.length > 0) {
      ops.push({ kind: 'alterColumn', table, from: existing, to: withAspects(existing, declared, aspects) });
    }
  }
  return ops;
}

/** `base` with the given aspects replaced by `source`'s (absent optional values stay absent). */
function withAspects(base: Column, source: Column, aspects: readonly ColumnAspect[]): Column {
  const result: Record<string, unknown> = { ...base };
  for (const aspect of aspects) {
    if (source[aspect] === undefined) delete result[aspect];
    else result[aspect] = source[aspect];
  }
  return result as unknown as Column;
}
