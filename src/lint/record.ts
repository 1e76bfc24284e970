/**
 * The statements a revision's upgrade runs, recorded offline exactly as `upgrade --sql` records
 * them (the dialect's transaction framing included), so any revision — hand-written or
 * generated — is linted by what it sends, with no database.
 */
import type { Dialect } from '../dialects/dialect.js';
import { RecordingDriver } from '../runtime/recording-driver.js';
import type { RevisionModule } from '../runtime/load-revision.js';

/**
 * The SQL of each statement `module.upgrade` sends, in order, `begin`/`commit` included.
 *
 * @example
 * await recordUpgrade(dialect, await loadRevisionModule(file)); // ['begin', 'create table "t" (…)', 'commit']
 */
export async function recordUpgrade(dialect: Pick<Dialect, 'offline' | 'runRevision'>, module: RevisionModule): Promise<string[]> {
  const driver = new RecordingDriver();
  const db = dialect.offline(driver);
  try {
    await dialect.runRevision(db, { transactional: module.transactional }, (trx) => module.upgrade(trx));
  } finally {
    await db.destroy();
  }
  return driver.lines.flatMap((line) => (line.kind === 'statement' ? [line.sql.trim().replace(/;+\s*$/, '')] : []));
}
