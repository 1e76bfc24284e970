/**
 * The MySQL and MariaDB dialect: `mysql2` through Kysely, no transactional DDL, columns
 * modified whole, `GET_LOCK` for the migration lock. Behaviour that differs between MySQL 8
 * and MariaDB follows the server's `version()` string (MySQL 8 paths are written from its
 * manual and untested here; MariaDB 10.11 is tested).
 */
import { withThrowawayMysql } from './throwaway.js';
import type { Dialect } from '../dialect.js';
import { canonicalize } from './canonicalize.js';
import { connect } from './connect.js';
import { MAX_IDENTIFIER_LENGTH } from './identifiers.js';
import { introspect } from './introspect.js';
import { countMysqlOutOfScope } from './out-of-scope.js';
import { lower } from './lower.js';
import { offlineMysql } from './offline.js';
import { MysqlRenderer } from './render.js';
import { runRevision, withLock } from './runtime.js';
import { mysqlStringLiteral, storedType } from './types.js';
import { tableExists } from './table-exists.js';
import { validate } from './validate.js';
import { mysqlValuesAtRisk } from './values-at-risk.js';

/**
 * The MySQL implementation of the dialect interface.
 *
 * @example
 * const db = await mysqlDialect.connect(parseDatabaseUrl('mysql://root@127.0.0.1:3306/app', process.cwd()));
 * const model = await mysqlDialect.introspect(db, { isExcluded: () => false });
 */
export const mysqlDialect: Dialect = {
  name: 'mysql',
  maxIdentifierLength: MAX_IDENTIFIER_LENGTH,
  transactionalDdl: false,
  stringLiteral: mysqlStringLiteral,
  storedType,
  renderer: new MysqlRenderer(),
  valuesAtRisk: mysqlValuesAtRisk,
  typeConversions: {
    // DATETIME keeps whole seconds, DECIMAL is DECIMAL(10, 0), FLOAT is 4 bytes.
    timestampPrecision: 0,
    numericPrecision: 10,
    realIsSingle: true,
    floatToNumericRounds: false,
  },
  connect,
  introspect,
  countOutOfScope: countMysqlOutOfScope,
  canonicalize,
  withThrowaway: withThrowawayMysql,
  lower,
  tableExists,
  validate,
  withLock,
  runRevision,
  offline: offlineMysql,
};
