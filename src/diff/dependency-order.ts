/**
 * Topological order of tables by their foreign keys, in O((n + e) log n): a table comes
 * after the tables it references. A cycle is broken by taking foreign keys out of one
 * table on the cycle; those are returned separately, to be added after every table exists.
 */
import { qualifiedName, referencedName } from '../model/qualified-name.js';
import type { ForeignKey, Table } from '../model/types.js';
import { MinHeap } from '../util/min-heap.js';

export interface DependencyOrder {
  /** Every table, referenced tables first; tables that broke a cycle lack the deferred keys. */
  readonly tables: readonly Table[];
  /** The foreign keys taken out of tables to break cycles. */
  readonly deferred: readonly { readonly table: string; readonly foreignKey: ForeignKey }[];
}

/**
 * Order tables so that each follows the tables it references (among `tables` only); ties
 * go by name, so the result is deterministic.
 *
 * @example
 * orderByDependency([posts, users]).tables.map((t) => t.name); // ['users', 'posts']
 */
export function orderByDependency(tables: readonly Table[]): DependencyOrder {
  // Keyed by identity (`schema.name` in a named schema), which deferred keys also carry.
  const byName = new Map(tables.map((table) => [qualifiedName(table), table]));
  const names = [...byName.keys()].sort();
  const dependencies = new Map<string, Set<string>>();
  const dependents = new Map<string, string[]>();
  for (const name of names) {
    const refs = new Set<string>();
    for (const fk of byName.get(name)!.foreignKeys) {
      const target = referencedName(fk);
      if (target !== name && byName.has(target)) refs.add(target);
    }
    dependencies.set(name, refs);
    for (const ref of refs) dependents.set(ref, [...(dependents.get(ref) ?? []), name]);
  }
  const waiting = new Map(names.map((name) => [name, dependencies.get(name)!.size]));
  const ready = new MinHeap<string>((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const queued = new Set<string>();
  const done = new Set<string>();
  const ordered: Table[] = [];
  const deferred: { table: string; foreignKey: ForeignKey }[] = [];
  const enqueue = (name: string): void => {
    if (queued.has(name)) return;
    queued.add(name);
    ready.push(name);
  };
  for (const name of names) if (waiting.get(name) === 0) enqueue(name);
  let cursor = 0;
  while (ordered.length < names.length) {
    if (ready.size === 0) {
      while (queued.has(names[cursor]!)) cursor++;
      const breaker = tableOnCycle(names[cursor]!, dependencies, done);
      const table = byName.get(breaker)!;
      const kept = table.foreignKeys.filter((fk) => {
        const target = referencedName(fk);
        const blocked = target !== breaker && byName.has(target) && !done.has(target);
        if (blocked) deferred.push({ table: breaker, foreignKey: fk });
        return !blocked;
      });
      byName.set(breaker, { ...table, foreignKeys: kept });
      enqueue(breaker);
    }
    const name = ready.pop()!;
    done.add(name);
    ordered.push(byName.get(name)!);
    for (const dependent of dependents.get(name) ?? []) {
      const left = waiting.get(dependent)! - 1;
      waiting.set(dependent, left);
      if (left === 0) enqueue(dependent);
    }
  }
  return { tables: ordered, deferred };
}

/**
 * Follow unfinished dependencies from `start` until a table repeats: that table lies on a
 * cycle, so deferring its keys unblocks the order without touching tables that merely
 * depend on the cycle.
 */
function tableOnCycle(start: string, dependencies: Map<string, Set<string>>, done: Set<string>): string {
  const seen = new Set<string>();
  let current = start;
  while (!seen.has(current)) {
    seen.add(current);
    let next: string | undefined;
    for (const ref of dependencies.get(current)!) if (!done.has(ref) && (next === undefined || ref < next)) next = ref;
    current = next!;
  }
  return current;
}
