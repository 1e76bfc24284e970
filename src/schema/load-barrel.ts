/**
 * Loading the user's schema barrel: import it, collect every exported table and enumeration,
 * build the model, and warn about the usual reasons a table goes unseen (SPEC §4).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { redact } from '../config/redact.js';
import type { Model } from '../model/types.js';
import { SchemigrateError } from '../util/errors.js';
import { importUserModule } from '../util/import-module.js';
import { prepareTransforms } from '../util/transform-user-module.js';
import { enumData, tableData, type TableData } from './brands.js';
import { recordTables } from './registry.js';
import { frameAsWritten, isUserFile, stackFrames } from '../util/stack.js';
import { toModel, type ToModelOptions } from './to-model.js';

/** How the model is built (names, the dialect's string literals), and where paths are shown from. */
export interface LoadSchemaOptions extends ToModelOptions {
  /** Paths in warnings and errors are shown relative to this folder; the working directory by default. */
  readonly rootDir?: string;
}

export interface LoadedSchema {
  readonly model: Model;
  readonly warnings: string[];
  /** How many tables the barrel exported (for the diagnosis of an empty revision). */
  readonly tableCount: number;
}

const MODULE_FILE = /\.(?:ts|mts|js|mjs)$/;
/** Declarations and tests may mention table( without being schema modules. */
const NOT_A_SCHEMA_MODULE = /\.d\.ts$|\.(?:test|spec)\.[cm]?[jt]s$/;
const TABLE_CALL = /\btable\s*\(/;

/** Errors from user modules come from jiti's context, where `instanceof Error` fails: read them by shape. */
function errorParts(error: unknown): { message: string; stack: string | undefined } {
  if (typeof error === 'object' && error !== null && typeof (error as Error).message === 'string') {
    const stack = (error as Error).stack;
    return { message: (error as Error).message, stack: typeof stack === 'string' ? stack : undefined };
  }
  return { message: String(error), stack: undefined };
}

/** jiti reports syntax errors as "<message> <file>:<line>:<column>" in the message rather than the stack. */
const LOCATION_IN_MESSAGE = /\s*((?:\/|[A-Za-z]:[\\/])[^\s:()]+):(\d+)(?::\d+)?\s*$/;

function importFailure(error: unknown, barrel: string, show: (path: string) => string): SchemigrateError {
  const parts = errorParts(error);
  let message = redact(parts.message).trim();
  let location: { file: string; line: number } | undefined;
  const inMessage = LOCATION_IN_MESSAGE.exec(message);
  if (inMessage !== null) {
    location = { file: inMessage[1]!, line: Number(inMessage[2]) };
    message = message.slice(0, inMessage.index).trim();
  } else {
    const frame = stackFrames(parts.stack).find((candidate) => isUserFile(candidate.file));
    location = frame === undefined ? undefined : frameAsWritten(frame);
  }
  const at = location === undefined ? '' : ` at ${show(location.file)}:${location.line}`;
  return new SchemigrateError(`The schema barrel ${show(barrel)} failed to import${at}: ${message}`, { code: 'SCHEMA_LOAD_FAILED', cause: error });
}

function moduleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : moduleFiles(path);
    return MODULE_FILE.test(entry.name) && !NOT_A_SCHEMA_MODULE.test(entry.name) ? [path] : [];
  });
}

/** Tables defined while the barrel loaded but not exported, and folder modules the barrel never imported. */
function warningsFor(barrel: string, exported: readonly TableData[], defined: readonly TableData[], show: (path: string) => string): string[] {
  const warnings: string[] = [];
  const key = (table: TableData) => `${table.name}\u0000${table.definedIn ?? ''}`;
  // A table counts as exported when it, or a copy of it (`.comment()`), is.
  const exportedKeys = new Set(exported.map(key));
  const seen = new Set<string>();
  for (const table of defined) {
    if (exportedKeys.has(key(table)) || seen.has(key(table))) continue;
    seen.add(key(table));
    const origin = table.definedIn === undefined ? '' : ` in ${show(table.definedIn)}`;
    warnings.push(`table '${table.name}' is defined${origin} but not exported from the barrel ${show(barrel)}`);
  }

  const definingFiles = new Set(defined.map((table) => table.definedIn));
  for (const file of moduleFiles(dirname(barrel))) {
    if (file === barrel || definingFiles.has(file)) continue;
    if (TABLE_CALL.test(readFileSync(file, 'utf8'))) {
      warnings.push(`module ${show(file)} defines tables but is not imported by the barrel ${show(barrel)}`);
    }
  }
  return warnings;
}

/** Barrels already transformed ahead in this process (a fleet checks every target against one schema). */
const transformedAhead = new Set<string>();

/**
 * Start transforming the barrel and the local modules it imports that the transform cache
 * lacks (those changed since they were last loaded), before a command connects: esbuild works
 * while the connection opens, and `loadSchema` then finds them transformed. Once per barrel
 * and process: a later load still transforms what changed since. It never rejects (a module
 * that fails is left to its import).
 *
 * @example
 * void transformSchemaAhead(config.schemaPath);
 * const { db } = await project.connection();
 */
export function transformSchemaAhead(schemaPath: string): Promise<void> {
  if (transformedAhead.has(schemaPath)) return Promise.resolve();
  transformedAhead.add(schemaPath);
  return prepareTransforms([schemaPath], { followImports: true });
}

/**
 * Import the schema barrel and build the model of every table and enumeration it exports.
 *
 * @example
 * const { model, warnings } = await loadSchema(config.schemaPath, {
 *   naming: config.namingConvention,
 *   maxIdentifierLength: dialect.maxIdentifierLength,
 *   stringLiteral: dialect.stringLiteral,
 * });
 * for (const warning of warnings) console.warn(warning);
 */
export async function loadSchema(schemaPath: string, options: LoadSchemaOptions): Promise<LoadedSchema> {
  const rootDir = options.rootDir ?? process.cwd();
  const show = (path: string) => (relative(rootDir, path).startsWith('..') ? path : relative(rootDir, path));
  if (!existsSync(schemaPath)) {
    throw new SchemigrateError(`The schema barrel ${show(schemaPath)} does not exist; check 'schema' in the config.`, { code: 'SCHEMA_LOAD_FAILED' });
  }

  let loaded: { result: Record<string, unknown>; tables: object[] };
  try {
    await prepareTransforms([schemaPath], { followImports: true });
    loaded = await recordTables(() => importUserModule<Record<string, unknown>>(schemaPath));
  } catch (error) {
    throw importFailure(error, schemaPath, show);
  }

  const exports = Object.values(loaded.result);
  const tables = [...new Set(exports.filter((value) => tableData(value) !== undefined))];
  const enums = [...new Set(exports.filter((value) => enumData(value) !== undefined))] as object[];
  if (tables.length === 0) {
    throw new SchemigrateError(
      `The schema barrel ${show(schemaPath)} exports no table; export each table from it ` +
        "(export * from './users.js', or export const users = table('users', { … })).", { code: 'SCHEMA_LOAD_FAILED' },
    );
  }

  const exported = tables.map((table) => tableData(table)!);
  const defined = loaded.tables.map((table) => tableData(table)!);
  return {
    model: toModel({ tables: tables as object[], enums }, options),
    warnings: warningsFor(schemaPath, exported, defined, show),
    tableCount: tables.length,
  };
}
