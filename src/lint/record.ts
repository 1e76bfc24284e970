/**
 * The statements a revision's upgrade runs, recorded offline exactly as `upgrade --sql` records
 * them (the dialect's transaction framing included), so any revision — hand-written or
 * generated — is linted by what it sends, with no database.
 */
import type { Dialect } from '../dialects/dialect.js';
import type { RevisionModule } from '../runtime/load-revision.js';
import { recordStatements } from '../runtime/record-revision.js';
import { SchemigrateError } from '../util/errors.js';

/**
 * The SQL of each statement `module.upgrade` (of `file`) sends, in order, `begin`/`commit`
 * included. An upgrade that fails without a database (it reads rows it expects) is a
 * SchemigrateError naming the file.
 *
 * @example
 * await recordUpgrade(dialect, await loadRevisionModule(file), file); // ['begin', 'create table "t" (…)', 'commit']
 */
export async function recordUpgrade(dialect: Pick<Dialect, 'offline' | 'runRevision'>, module: RevisionModule, file: string): Promise<string[]> {
  try {
    const statements = await recordStatements(dialect, (db) => dialect.runRevision(db, { transactional: module.transactional }, (trx) => module.upgrade(trx)));
    return statements.map((sql) => sql.trim().replace(/;+\s*$/, ''));
  } catch (error) {
    const reason = typeof (error as { message?: unknown })?.message === 'string' ? (error as { message: string }).message : String(error);
    throw new SchemigrateError(
      `Cannot lint ${file}: its upgrade failed when run without a database (${reason}). Lint records what an upgrade sends, as \`upgrade --sql\` does; an upgrade that needs rows it reads cannot be linted.`,
      { cause: error },
    );
  }
}
