/**
 * Objects a database holds that schemigrate leaves alone (SPEC §8: views, functions,
 * triggers, …), counted per kind so that `pull` can say what it skipped.
 */

/** How many objects of one out-of-scope kind the database holds, e.g. `{ kind: 'view', count: 7 }`. */
export interface OutOfScopeCount {
  readonly kind: string;
  readonly count: number;
}

/**
 * Catalog rows of (kind, count) as the drivers return them → non-zero counts sorted by kind.
 *
 * @example
 * outOfScopeCounts([{ kind: 'view', count: '2' }, { kind: 'trigger', count: 0 }]); // [{ kind: 'view', count: 2 }]
 */
export function outOfScopeCounts(rows: readonly { kind: string; count: number | string | bigint }[]): OutOfScopeCount[] {
  return rows
    .map((row) => ({ kind: row.kind, count: Number(row.count) }))
    .filter((row) => row.count > 0)
    .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}
