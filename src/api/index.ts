/**
 * `schemigrate/api`: the programmatic API (docs/api.md). Works from ES modules and from
 * CommonJS (`require('schemigrate/api')`).
 */
export { createMigrator, type Migrator } from './migrator.js';
export { createFleet, type Fleet, type FleetOptions, type FanOutOptions, type FleetReport, type TargetReport } from './fleet.js';
export type { Target } from './targets.js';
export { initProject, type InitOptions, type InitResult } from './init.js';
export { SchemigrateError, isSchemigrateError, type ErrorCode } from '../util/errors.js';
export type { CheckOptions } from './check.js';
export type { HistoryOptions } from './inspect.js';
export type { MergeOptions } from './merge.js';
export type { MigrateOptions } from './migrate.js';
export type { PullOptions } from './pull.js';
export type { RevisionOptions } from './revision.js';
export type { TestOptions } from './test-revisions.js';
export type { RenameQuestion } from '../autogenerate/rename-answers.js';
export type * from './types.js';
export type { Operation } from '../operations/types.js';
export type { Finding } from '../lint/lint.js';
export type { RuleId, Severity } from '../lint/rules.js';
export type { LockMode, ResolvedConfig, SchemigrateConfig, TargetSpec } from '../config/types.js';
