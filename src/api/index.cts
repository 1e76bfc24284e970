/**
 * `require('schemigrate/api')`: the CommonJS entry of the programmatic API. It loads the ES
 * module entry (index.ts) with require(), which Node 20.19+ and 22.12+ do for a module graph
 * without top-level await, so both entries share one copy of every class: a `SchemigrateError`
 * is an instance of the same class whichever way it was loaded. The types are the ES entry's.
 */
import type * as api from './index.js' with { 'resolution-mode': 'import' };
export type * from './index.js' with { 'resolution-mode': 'import' };

const loaded: typeof api = require('./index.js');

export const createMigrator = loaded.createMigrator;
export const createFleet = loaded.createFleet;
export const initProject = loaded.initProject;
export const SchemigrateError = loaded.SchemigrateError;
export type SchemigrateError = api.SchemigrateError;
export const isSchemigrateError = loaded.isSchemigrateError;
