/**
 * Unique constraints and unique indexes as the server keeps them. MySQL stores a unique
 * constraint as a unique index and cannot tell the two apart afterwards, so a declared
 * `index().unique()` reads back as a unique constraint (and would otherwise be dropped and
 * re-created on every autogenerate). The canonical model — the declared schema as the same
 * server stores it — says which kind each name ends up as; where it disagrees with the
 * declaration, the declared object is compared as the stored kind. On servers that keep the
 * kinds apart (PostgreSQL, SQLite) the canonical kinds match and nothing changes.
 */
import type { Index, Table, UniqueConstraint } from '../model/types.js';

/**
 * `declared` with each unique index the server stores as a unique constraint moved to
 * `uniques` (and each unique constraint stored as an index moved to `indexes`).
 *
 * @example
 * asStoredKinds(declaredUsers, [canonicalUsers]);
 * // index ix_users_email (unique, on email) → unique ix_users_email when canonicalUsers has it as a unique
 */
export function asStoredKinds(declared: Table, canonical: readonly Table[]): Table {
  if (canonical.length === 0) return declared;
  const storedAsUnique = (name: string) =>
    canonical.some((table) => table.uniques.some((unique) => unique.name === name) && !table.indexes.some((index) => index.name === name));
  const storedAsIndex = (name: string) =>
    canonical.some((table) => table.indexes.some((index) => index.name === name) && !table.uniques.some((unique) => unique.name === name));
  const movedIndexes = declared.indexes.filter((index) => index.unique && plainColumns(index) !== undefined && storedAsUnique(index.name));
  const movedUniques = declared.uniques.filter((unique) => storedAsIndex(unique.name));
  if (movedIndexes.length === 0 && movedUniques.length === 0) return declared;
  return {
    ...declared,
    uniques: [
      ...declared.uniques.filter((unique) => !movedUniques.includes(unique)),
      ...movedIndexes.map((index): UniqueConstraint => ({ name: index.name, columns: plainColumns(index)! })),
    ],
    indexes: [
      ...declared.indexes.filter((index) => !movedIndexes.includes(index)),
      ...movedUniques.map((unique): Index => ({
        name: unique.name,
        unique: true,
        parts: unique.columns.map((name) => ({ kind: 'column', name, descending: false })),
      })),
    ],
  };
}

/** The column names of an index over whole columns in ascending order, else undefined. */
function plainColumns(index: Index): string[] | undefined {
  const names: string[] = [];
  for (const part of index.parts) {
    if (part.kind !== 'column' || part.descending) return undefined;
    names.push(part.name);
  }
  return index.where === undefined && index.method === undefined ? names : undefined;
}
