/**
 * The SQLite dialect: better-sqlite3 through Kysely, the embedded default.
 */
import { withThrowawaySqlite } from './throwaway.js';
import { standardStringLiteral } from '../../model/string-literal.js';
import type { Dialect } from '../dialect.js';
import { canonicalizeSqlite } from './canonicalize.js';
import { SQLITE_MAX_IDENTIFIER_LENGTH, SQLITE_TRANSACTIONAL_DDL } from './capabilities.js';
import { connectSqlite } from './connect.js';
import { introspectSqlite } from './introspect.js';
import { countSqliteOutOfScope } from './out-of-scope.js';
import { lowerForSqlite } from './lower.js';
import { offlineNoteForSqlite, offlineSqlite } from './offline.js';
import { SqliteRenderer } from './render.js';
import { recordSqliteStep, runSqliteRevision, withSqliteLock } from './runtime.js';
import { sqliteTypeConversions } from './type-conversions.js';
import { tableExists } from './table-exists.js';
import { validateForSqlite } from './validate.js';
import { sqliteValuesAtRisk } from './values-at-risk.js';

/**
 * The SQLite implementation of the dialect interface.
 *
 * @example
 * const db = await sqliteDialect.connect(url);
 * const model = await sqliteDialect.introspect(db, { isExcluded: () => false });
 */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  maxIdentifierLength: SQLITE_MAX_IDENTIFIER_LENGTH,
  transactionalDdl: SQLITE_TRANSACTIONAL_DDL,
  stringLiteral: standardStringLiteral,
  renderer: new SqliteRenderer(),
  valuesAtRisk: sqliteValuesAtRisk,
  typeConversions: sqliteTypeConversions,
  connect: connectSqlite,
  introspect: introspectSqlite,
  countOutOfScope: countSqliteOutOfScope,
  canonicalize: canonicalizeSqlite,
  withThrowaway: withThrowawaySqlite,
  lower: lowerForSqlite,
  tableExists,
  validate: validateForSqlite,
  withLock: withSqliteLock,
  oneConnection: true,
  runRevision: runSqliteRevision,
  recordStep: recordSqliteStep,
  offline: offlineSqlite,
  offlineNote: offlineNoteForSqlite,
};
