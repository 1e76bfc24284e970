/**
 * Running operations exactly as a revision file would: render them into the same Kysely code
 * and evaluate it. Used to build the declared schema in a scratch namespace so the server can
 * canonicalise it.
 */
import { sql, type Kysely } from 'kysely';
import type { Operation } from '../operations/types.js';
import type { OperationRenderer } from '../render/operation-renderer.js';
import { renderOperations } from '../render/operations.js';

type AsyncFunctionConstructor = new (...parameters: string[]) => (...args: unknown[]) => Promise<void>;

/** The constructor of `async function` values: like `Function`, but its bodies may `await`. */
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as AsyncFunctionConstructor;

/**
 * Render `operations` as a revision body and run it against `db`.
 *
 * @example
 * await executeOperations(scratch, [{ kind: 'createTable', table: usersTable }], dialect.renderer);
 */
export async function executeOperations(db: Kysely<any>, operations: readonly Operation[], renderer: OperationRenderer): Promise<void> {
  const body = renderOperations(operations, renderer);
  await new AsyncFunction('db', 'sql', body)(db, sql);
}
