/**
 * Check constraints: matched by name, then, among the unmatched ones, by expression (so a
 * check whose name the database did not keep is not dropped and re-added).
 */
import { qualifiedName } from '../model/qualified-name.js';
import { checksEqual, normalizeSql } from '../model/equality.js';
import type { CheckConstraint } from '../model/types.js';
import type { Operation } from '../operations/types.js';
import { candidates, compareNamed, indexByName, type TablePair } from './named.js';

/**
 * Check constraint operations for one table.
 *
 * @example
 * compareChecks({ database, schema }); // [{ kind: 'addCheck', table: 'posts', check }]
 */
export function compareChecks({ database, schema, canonical }: TablePair): Operation[] {
  const table = qualifiedName(schema);
  const schemaNames = indexByName(schema.checks);
  const databaseNames = indexByName(database.checks);
  const canonicalByName = canonical.map((t) => indexByName(t.checks));
  const spellings = (check: CheckConstraint): CheckConstraint[] =>
    candidates(check, canonicalByName.map((map) => map.get(check.name)));

  // Pair the name-less leftovers by expression; whatever pairs up is the same check.
  const unmatchedSchema = new Map<string, CheckConstraint[]>();
  for (const check of schema.checks) {
    if (databaseNames.has(check.name)) continue;
    for (const spelling of spellings(check)) {
      const key = normalizeSql(spelling.sql);
      unmatchedSchema.set(key, [...(unmatchedSchema.get(key) ?? []), check]);
    }
  }
  const pairedSchema = new Set<CheckConstraint>();
  const pairedDatabase = new Set<CheckConstraint>();
  for (const check of database.checks) {
    if (schemaNames.has(check.name)) continue;
    const partner = unmatchedSchema.get(normalizeSql(check.sql))?.find((candidate) => !pairedSchema.has(candidate));
    if (partner) {
      pairedSchema.add(partner);
      pairedDatabase.add(check);
    }
  }
  return compareNamed(
    database.checks.filter((check) => !pairedDatabase.has(check)),
    schema.checks.filter((check) => !pairedSchema.has(check)),
    canonical.map((t) => t.checks),
    checksEqual,
    (check) => ({ kind: 'dropCheck', table, check }),
    (check) => ({ kind: 'addCheck', table, check }),
  );
}
