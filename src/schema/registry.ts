/**
 * The registry of tables created while a barrel loads, so that `loadSchema` can warn about
 * tables that were defined but not exported. It lives on the global object under a
 * `Symbol.for` key, so that every copy of this package shares it, and on the main context's
 * global object, where user modules run (see main-context.ts).
 */
import { mainContextGlobal } from '../config/main-context.js';

const REGISTRY = Symbol.for('schemigrate.registry');

function slot(): { [REGISTRY]?: object[] } {
  return mainContextGlobal() as { [REGISTRY]?: object[] };
}

/**
 * Note a newly created table, if a {@link recordTables} scope is open; otherwise do nothing,
 * so that application code importing its schema does not accumulate tables.
 *
 * @example
 * registerTable(definition);
 */
export function registerTable(table: object): void {
  slot()[REGISTRY]?.push(table);
}

/**
 * Run `load` and return the tables created while it ran. An inner scope hides the outer
 * one until it ends.
 *
 * @example
 * const { result: barrel, tables } = await recordTables(() => importUserModule(barrelPath));
 */
export async function recordTables<T>(load: () => Promise<T>): Promise<{ result: T; tables: object[] }> {
  const tables: object[] = [];
  const previous = slot()[REGISTRY];
  slot()[REGISTRY] = tables;
  try {
    return { result: await load(), tables };
  } finally {
    slot()[REGISTRY] = previous;
  }
}
