/**
 * PostgreSQL offline SQL: Kysely's PostgreSQL adapter and query compiler over the recording driver.
 */
import { PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type Driver, type Kysely } from 'kysely';
import { offlineKysely } from '../offline-kysely.js';

/**
 * Kysely for `--sql` on PostgreSQL (no `pg` pool involved).
 *
 * @example
 * const db = offlinePostgres(new RecordingDriver());
 */
export function offlinePostgres(driver: Driver): Kysely<any> {
  return offlineKysely({
    driver,
    adapter: new PostgresAdapter(),
    queryCompiler: PostgresQueryCompiler,
    createIntrospector: (db) => new PostgresIntrospector(db),
  });
}
