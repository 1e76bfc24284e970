/**
 * Applying models to a test database the way revisions do, without revision files: diff,
 * render, run under the lock in a revision transaction.
 */
import type { Kysely } from 'kysely';
import { diffDatabase, type DiffOptions } from '../../src/autogenerate/api.js';
import type { Dialect } from '../../src/dialects/dialect.js';
import { renameFlag, type Rename } from '../../src/diff/renames.js';
import type { Model } from '../../src/model/types.js';
import { describeOperation } from '../../src/operations/describe.js';
import type { Operation } from '../../src/operations/types.js';
import { executeOperations } from '../../src/runtime/execute-operations.js';

export const EMPTY_MODEL: Model = { tables: [], enums: [] };
const nothingExcluded = () => false;

/**
 * Run operations as a revision runs them: rendered to code, under the lock, in a revision transaction.
 *
 * @example
 * await runOperations(db, dialect, (await diffDatabase(db, dialect, model, () => false)).upgrade);
 */
export async function runOperations(db: Kysely<any>, dialect: Dialect, operations: readonly Operation[]): Promise<void> {
  await dialect.withLock(db, (conn) =>
    dialect.runRevision(conn, { transactional: dialect.transactionalDdl }, (trx) => executeOperations(trx, operations, dialect.renderer)),
  );
}

/**
 * The differences between the database and a model, one line each (empty when they match).
 *
 * @example
 * expect(await differences(db, dialect, model)).toEqual([]);
 */
export async function differences(db: Kysely<any>, dialect: Dialect, schema: Model): Promise<string[]> {
  return (await diffDatabase(db, dialect, schema, nothingExcluded)).operations.map(describeOperation);
}

/**
 * The diff options that confirm exactly `renames` (as `--rename` answers would) and decline
 * every other candidate; without renames, none are looked for.
 *
 * @example
 * await diffDatabase(db, dialect, b, () => false, answering([{ kind: 'column', table: 't0', from: 'c0', to: 'c1' }]));
 */
export function answering(renames: readonly Rename[]): DiffOptions {
  if (renames.length === 0) return {};
  const wanted = new Set(renames.map(renameFlag));
  return { resolveRenames: async (candidates) => candidates.filter((candidate) => wanted.has(renameFlag(candidate))) };
}

/**
 * Migrate the database to `schema`, confirming `renames`; returns the downgrade that brings it back.
 *
 * @example
 * const back = await migrateTo(db, dialect, b);
 * await runOperations(db, dialect, back);
 */
export async function migrateTo(db: Kysely<any>, dialect: Dialect, schema: Model, renames: readonly Rename[] = []): Promise<readonly Operation[]> {
  const diff = await diffDatabase(db, dialect, schema, nothingExcluded, answering(renames));
  const carriedOut = new Set(
    diff.operations.flatMap((op) =>
      op.kind === 'renameTable' ? [`${op.from}=${op.to}`] : op.kind === 'renameColumn' ? [`${op.table}.${op.from}=${op.to}`] : [],
    ),
  );
  const unused = renames.map(renameFlag).filter((flag) => !carriedOut.has(flag));
  if (unused.length > 0) throw new Error(`The diff offered no rename ${unused.join(', ')}`);
  await runOperations(db, dialect, diff.upgrade);
  return diff.downgrade;
}
