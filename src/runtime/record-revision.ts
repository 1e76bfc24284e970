/**
 * One direction of a revision recorded without a database, for a dialect that looks at a
 * revision whole before running it (RunRevisionOptions.preview).
 */
import type { Dialect } from '../dialects/dialect.js';
import type { RevisionModule } from './load-revision.js';
import { RecordingDriver } from './recording-driver.js';

/**
 * The SQL `module.upgrade` (or `downgrade`) sends, in order, with no transaction framing. It
 * rejects when the revision fails without a database (one that reads rows it expects).
 *
 * @example
 * await recordRevision(postgresDialect, module, 'up'); // ['create table "t" (…)', …]
 */
export async function recordRevision(dialect: Pick<Dialect, 'offline'>, module: RevisionModule, direction: 'up' | 'down'): Promise<string[]> {
  const driver = new RecordingDriver();
  const db = dialect.offline(driver);
  try {
    await (direction === 'up' ? module.upgrade(db) : module.downgrade(db));
  } finally {
    await db.destroy();
  }
  return driver.lines.flatMap((line) => (line.kind === 'statement' ? [line.sql] : []));
}
