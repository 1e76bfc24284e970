/**
 * MySQL offline SQL: Kysely's MySQL adapter and query compiler over the recording driver.
 */
import { MysqlAdapter, MysqlIntrospector, MysqlQueryCompiler, type Driver, type Kysely } from 'kysely';
import { offlineKysely } from '../offline-kysely.js';
import { setSessionMode } from './session-mode.js';

/**
 * Kysely for `--sql` on MySQL (no `mysql2` pool involved).
 *
 * @example
 * const db = offlineMysql(new RecordingDriver());
 */
export function offlineMysql(driver: Driver): Kysely<any> {
  return offlineKysely({
    driver,
    adapter: new MysqlAdapter(),
    queryCompiler: MysqlQueryCompiler,
    createIntrospector: (db) => new MysqlIntrospector(db),
    // As connect.ts does for every session, so the script starts with the same mode.
    onCreateConnection: setSessionMode,
  });
}
