/**
 * The public API of schemigrate: the schema language used in schema modules, `sql` and the
 * `Kysely` type used in revision files, and `defineConfig` and `env` for the config file.
 */
export { sql } from 'kysely';
export type { Kysely } from 'kysely';

export { defineConfig } from './config/define-config.js';
export { env } from './config/env.js';
export { inPlace } from './runtime/in-place.js';
export { withLockRetries } from './runtime/lock-retries.js';
export type { LockMode, LockRetryOptions, NamingConvention, SchemigrateConfig, TargetSpec } from './config/types.js';

export {
  bigint,
  blob,
  boolean,
  char,
  custom,
  date,
  double,
  integer,
  json,
  jsonb,
  numeric,
  real,
  smallint,
  text,
  time,
  timestamp,
  uuid,
  varchar,
} from './schema/column-types.js';
export { enumeration, type EnumDefinition } from './schema/enumeration.js';
export { pgSchema, type PgSchema } from './schema/pg-schema.js';
export { table, type TableColumns, type TableDefinition, type TableExtra } from './schema/table.js';
export { index, type IndexBuilder, type SqlExpression } from './schema/index-builder.js';
export {
  check,
  foreignKey,
  primaryKey,
  unique,
  type ForeignKeyBuilder,
  type PrimaryKeyBuilder,
  type UniqueBuilder,
} from './schema/constraints.js';
export type { ColumnBuilder, LiteralDefault, ReferenceOptions } from './schema/column.js';
export type { Database } from './schema/database.js';
export type { JsonValue } from './schema/driver-types.js';
export type { ColumnRef } from './schema/column-ref.js';

export type * from './model/types.js';
