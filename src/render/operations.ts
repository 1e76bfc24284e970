/**
 * Operations → the body of an `upgrade`/`downgrade` function: Kysely schema-builder code,
 * plain JavaScript using only `db` and `sql`, so that it runs both inside a revision file
 * and directly through `new AsyncFunction('db', 'sql', body)`. Each operation is written by the
 * dialect's renderer (`OperationRenderer`, or its dialect's subclass). An online revision
 * (`renderer.online`) also uses `withLockRetries`, `inPlace` (MySQL) and `locks` (see
 * `revision-file.ts`; `runtime/rendered-revision.ts` runs a body with all of them).
 */
import type { Operation } from '../operations/types.js';
import type { OperationRenderer } from './operation-renderer.js';

/**
 * An empty body still uses `db`: a project compiled with `noUnusedParameters` accepts it, and a
 * user writing the body by hand finds `db` there.
 */
const EMPTY_BODY = '  // No changes.\n  void db; // (db is unused until changes are written here)';

/**
 * The body of an `upgrade` or `downgrade` function, indented two spaces; one blank line
 * between operations.
 *
 * @example
 * renderOperations([], dialect.renderer); // '  // No changes.\n  void db; …'
 * renderOperations([{ kind: 'dropTable', table: users }], dialect.renderer);
 * // "  await db.schema\n    .dropTable('users')\n    .execute();"
 */
export function renderOperations(ops: readonly Operation[], renderer: OperationRenderer): string {
  if (ops.length === 0) return EMPTY_BODY;
  return ops
    .map((op) => (renderer.online ? renderOnline(op, renderer) : renderer.render(op).join('\n')))
    .join('\n\n')
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n');
}

/** One operation of an online revision: its locking steps each under `withLockRetries`. */
function renderOnline(op: Operation, renderer: OperationRenderer): string {
  return renderer
    .onlineSteps(op)
    .map(({ locking, statements }) => {
      const code = statements.join('\n');
      if (!locking) return code;
      const body = code.split('\n').map((line) => (line === '' ? '' : `  ${line}`));
      return ['await withLockRetries(db, locks, async (db) => {', ...body, '});'].join('\n');
    })
    .join('\n');
}
