/**
 * The PostgreSQL dialect: transactional DDL, in-place ALTERs, identity columns for
 * auto-increment, advisory locks.
 */
import { withThrowawayPostgres } from './throwaway.js';
import { standardStringLiteral } from '../../model/string-literal.js';
import type { Dialect } from '../dialect.js';
import { canonicalize } from './canonicalize.js';
import { connect } from './connect.js';
import { MAX_IDENTIFIER_LENGTH } from './identifiers.js';
import { introspect } from './introspect.js';
import { countPostgresOutOfScope } from './out-of-scope.js';
import { offlinePostgres } from './offline.js';
import { lower } from './lower.js';
import { PostgresRenderer } from './render.js';
import { recordStepInOneStatement } from './record-step-block.js';
import { flushCommits, runRevision, withLock } from './runtime.js';
import { selectUserSchemas } from './queries.js';
import { tableExists } from './table-exists.js';
import { validate } from './validate.js';
import { postgresValuesAtRisk } from './values-at-risk.js';

export const postgresDialect: Dialect = {
  name: 'postgres',
  maxIdentifierLength: MAX_IDENTIFIER_LENGTH,
  transactionalDdl: true,
  // With standard_conforming_strings on (the default since PostgreSQL 9.1), a backslash is ordinary.
  stringLiteral: standardStringLiteral,
  renderer: new PostgresRenderer(),
  valuesAtRisk: postgresValuesAtRisk,
  typeConversions: {
    // Microseconds; `real` is 4 bytes; a float converts to numeric through its decimal of 15 (real: 6) digits.
    timestampPrecision: 6,
    realIsSingle: true,
    floatToNumericRounds: true,
  },
  connect,
  introspect,
  countOutOfScope: countPostgresOutOfScope,
  userSchemas: selectUserSchemas,
  canonicalize,
  // About 15 locks a table, within the 3,904 one transaction may take on a default server (lock-budget.ts).
  scratchTablesPerPass: 200,
  withThrowaway: withThrowawayPostgres,
  lower,
  tableExists,
  validate,
  withLock,
  runRevision,
  flushCommits,
  startsAhead: true,
  recordStep: recordStepInOneStatement,
  offline: offlinePostgres,
};
