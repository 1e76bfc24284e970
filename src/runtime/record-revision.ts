/**
 * Revisions recorded without a database: one direction, for a dialect that looks at a revision
 * whole before running it (RunRevisionOptions.preview), and the statements lint reads
 * (lint/record.ts).
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialects/dialect.js';
import type { RevisionModule } from './load-revision.js';
import { RecordingDriver } from './recording-driver.js';

/**
 * The SQL statements `run` sends through an offline Kysely of `dialect`, in order. It rejects
 * as `run` does (a revision that reads rows it expects fails without a database).
 *
 * @example
 * await recordStatements(dialect, (db) => db.schema.dropTable('t').execute()); // ['drop table "t"']
 */
export async function recordStatements(dialect: Pick<Dialect, 'offline'>, run: (db: Kysely<any>) => Promise<void>): Promise<string[]> {
  const driver = new RecordingDriver();
  const db = dialect.offline(driver);
  try {
    await run(db);
  } finally {
    await db.destroy();
  }
  return driver.lines.flatMap((line) => (line.kind === 'statement' ? [line.sql] : []));
}

/**
 * The SQL `module.upgrade` (or `downgrade`) sends, in order, with no transaction framing.
 *
 * @example
 * await recordRevision(postgresDialect, module, 'up'); // ['create table "t" (…)', …]
 */
export function recordRevision(dialect: Pick<Dialect, 'offline'>, module: RevisionModule, direction: 'up' | 'down'): Promise<string[]> {
  return recordStatements(dialect, (db) => (direction === 'up' ? module.upgrade(db) : module.downgrade(db)));
}
