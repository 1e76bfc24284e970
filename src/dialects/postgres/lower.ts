/**
 * Lowering: PostgreSQL alters tables in place and runs DDL in transactions, so every generic
 * operation runs as it is; nothing needs a rebuild.
 */
import type { Operation } from '../../operations/types.js';

/**
 * The operations PostgreSQL runs for `operations`: the same ones, in the same order.
 *
 * @example
 * lower([{ kind: 'dropTable', table }]); // → [{ kind: 'dropTable', table }]
 */
export function lower(operations: readonly Operation[]): Operation[] {
  return [...operations];
}
