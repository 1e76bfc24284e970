/**
 * Running independent catalog queries side by side: introspection's queries do not depend on
 * one another, so on a connection pool they can wait for the server together instead of in turn.
 */
import type { Kysely } from 'kysely';
import { allInOrder } from '../util/all-in-order.js';

/** Queries that run one after another on one connection, returning what they read. */
export type Lane<T> = (db: Kysely<any>) => Promise<T>;

export interface LaneOptions {
  /** Whether `db` is a pool whose connections may each take a lane (see `IntrospectOptions.concurrent`). */
  readonly concurrent?: boolean;
  /** Called once every lane has its connection and its first query is on the wire. */
  readonly sent?: () => void;
}

/**
 * Run `lanes` and return their results in order. With `concurrent` (and `db` no transaction),
 * each lane takes a connection of its own from the pool; otherwise the lanes run one after
 * another on `db`, as a transaction or a single connection must. When a lane fails, the others
 * are still waited for, so no query outlives the call; then the first failure is thrown.
 *
 * @example
 * const [tables, columns] = await runLanes(db, [selectTables, selectColumns], { concurrent: true });
 */
export async function runLanes<T extends readonly unknown[]>(
  db: Kysely<any>,
  lanes: { readonly [K in keyof T]: Lane<T[K]> },
  options: LaneOptions = {},
): Promise<T> {
  if (!options.concurrent || db.isTransaction) {
    const results: unknown[] = [];
    for (const lane of lanes) results.push(await lane(db));
    return results as unknown as T;
  }
  let starting = lanes.length;
  const started = () => {
    // Kysely hands the query to the driver a few promise steps after the connection arrives:
    // by the next turn of the event loop it has been written.
    if (--starting === 0 && options.sent) setImmediate(options.sent);
  };
  const running = lanes.map((lane) =>
    db.connection().execute((connection) => {
      const result = lane(connection);
      started();
      return result;
    }),
  );
  return allInOrder(running) as Promise<unknown> as Promise<T>;
}
