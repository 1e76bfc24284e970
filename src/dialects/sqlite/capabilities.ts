/**
 * What the renderer and the runtime need to know about SQLite, as plain facts.
 */
import type { DdlStyle } from '../dialect.js';
import { enumValuesCheck, renderSqliteType } from './types.js';

/** SQLite has no identifier limit; this keeps generated names tidy. */
export const SQLITE_MAX_IDENTIFIER_LENGTH = 128;

/** DDL runs inside transactions and rolls back with them. */
export const SQLITE_TRANSACTIONAL_DDL = true;

/**
 * How revision code is written for SQLite: changes it cannot ALTER become table rebuilds, and an
 * enumeration column carries `CHECK ("col" IN (…))`.
 */
export const sqliteDdlStyle: DdlStyle = {
  renderType: renderSqliteType,
  autoIncrement: 'modifier',
  dropIndexNeedsTable: false,
  alterColumn: 'rebuild',
  dropConstraint: 'named',
  literalDefaultAsExpression: () => false,
  columnCheck: enumValuesCheck,
};
