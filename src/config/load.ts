/**
 * Finding and loading `schemigrate.config.*`: discovery upward from the working directory,
 * `.env` beside it, validation with one clear message per problem, defaults, absolute paths.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SchemigrateError } from '../util/errors.js';
import { importUserModule } from '../util/import-module.js';
import { prepareTransforms } from '../util/transform-user-module.js';
import { packageEntryFor } from './package-entry.js';
import { loadEnvFile } from './env.js';
import type { NamingConvention, ResolvedConfig, SchemigrateConfig } from './types.js';
import { redact } from './redact.js';
import { onlineProblems, resolveOnline } from './online.js';

const CONFIG_NAMES = ['ts', 'mts', 'js', 'mjs', 'cjs', 'json'].map((ext) => `schemigrate.config.${ext}`);

/** Section 4's default constraint names. */
export const DEFAULT_NAMING_CONVENTION: NamingConvention = {
  pk: 'pk_{table}',
  ix: 'ix_{table}_{columns}',
  uq: 'uq_{table}_{columns}',
  fk: 'fk_{table}_{columns}_{referredTable}',
  ck: 'ck_{table}_{name}',
};

function searchedDirectories(cwd: string): string[] {
  const dirs: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    dirs.push(dir);
    if (dirname(dir) === dir) return dirs;
  }
}

/**
 * The nearest `schemigrate.config.{ts,mts,js,mjs,cjs,json}` in `cwd` or a parent folder.
 *
 * @example
 * findConfigFile('/app/src/db'); // '/app/schemigrate.config.ts'
 */
export function findConfigFile(cwd: string): string | undefined {
  for (const dir of searchedDirectories(cwd)) {
    for (const name of CONFIG_NAMES) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

async function readConfigModule(configPath: string): Promise<unknown> {
  try {
    if (configPath.endsWith('.json')) return JSON.parse(readFileSync(configPath, 'utf8'));
    await prepareTransforms([configPath]);
    const module = await importUserModule<Record<string, unknown>>(configPath, packageEntryFor(readFileSync(configPath, 'utf8')));
    return module.default ?? module;
  } catch (error) {
    // Errors from the config module come from jiti's context, where `instanceof Error` fails.
    const message = typeof (error as Error | null)?.message === 'string' ? (error as Error).message : String(error);
    throw new SchemigrateError(`Could not load the config ${configPath}: ${redact(message)}`, { code: 'CONFIG_INVALID', cause: error });
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `'${value}'` : `a ${typeof value}`;
}

/** Every problem with the config object, one message each. */
function problemsOf(config: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const nonEmptyString = (key: string, required: boolean): void => {
    const value = config[key];
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(
        value === undefined
          ? `'${key}' is required (${key === 'schema' ? 'the path of the schema barrel' : 'the migrations folder'})`
          : `'${key}' must be a non-empty string, not ${describe(value)}`,
      );
    }
  };
  nonEmptyString('schema', true);
  nonEmptyString('migrations', true);
  nonEmptyString('url', false);
  nonEmptyString('versionTable', false);
  nonEmptyString('fileTemplate', false);

  const naming = config.namingConvention;
  if (naming !== undefined) {
    if (typeof naming !== 'object' || naming === null || Array.isArray(naming)) {
      problems.push(`'namingConvention' must be an object, not ${describe(naming)}`);
    } else {
      for (const [key, value] of Object.entries(naming)) {
        if (!(key in DEFAULT_NAMING_CONVENTION)) {
          problems.push(`'namingConvention.${key}' is unknown (expected pk, ix, uq, fk or ck)`);
        } else if (typeof value !== 'string' || value === '') {
          problems.push(`'namingConvention.${key}' must be a non-empty string, not ${describe(value)}`);
        }
      }
    }
  }

  const tables = config.tables;
  if (tables !== undefined) {
    const exclude = (tables as { exclude?: unknown } | null)?.exclude;
    if (typeof tables !== 'object' || tables === null || Array.isArray(tables)) {
      problems.push(`'tables' must be an object such as { exclude: ['audit_*'] }, not ${describe(tables)}`);
    } else if (exclude !== undefined && !(Array.isArray(exclude) && exclude.every((e) => typeof e === 'string'))) {
      problems.push(`'tables.exclude' must be an array of table names or globs, not ${describe(exclude)}`);
    }
  }
  const postWrite = config.postWrite;
  if (postWrite !== undefined && !(Array.isArray(postWrite) && postWrite.every((command) => typeof command === 'string' && command.trim() !== ''))) {
    problems.push(`'postWrite' must be an array of shell commands such as ['prettier --write'], not ${describe(postWrite)}`);
  }
  problems.push(...onlineProblems(config.online));
  const lockMode = config.lockMode;
  if (lockMode !== undefined && lockMode !== 'advisory' && lockMode !== 'table') {
    problems.push(`'lockMode' must be 'advisory' or 'table', not ${describe(lockMode)}`);
  }
  if (config.verify !== undefined && typeof config.verify !== 'boolean') {
    problems.push(`'verify' must be true or false, not ${describe(config.verify)}`);
  }
  if (config.targets !== undefined && typeof config.targets !== 'function') {
    problems.push(`'targets' must be a function returning the targets, such as () => [{ name: 'eu', url: process.env.EU_URL }], not ${describe(config.targets)}`);
  }
  return problems;
}

function validate(value: unknown, configPath: string): SchemigrateConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SchemigrateError(
      `The config ${configPath} must export an object (export default defineConfig({ … })), not ${describe(value)}.`,
      { code: 'CONFIG_INVALID' },
    );
  }
  const problems = problemsOf(value as Record<string, unknown>);
  if (problems.length > 0) {
    throw new SchemigrateError(`The config ${configPath} is invalid: ${problems.join('; ')}.`, { code: 'CONFIG_INVALID' });
  }
  return value as SchemigrateConfig;
}

/**
 * Find (or take `configPath`), load and validate the config, with defaults applied and every
 * path absolute. The `.env` beside the config is loaded first; `url` (from `--url`) beats the
 * config's own.
 *
 * @example
 * const config = await loadConfig({ cwd: process.cwd(), url: options.url });
 * config.versionsDir; // '/app/migrations/versions'
 */
export async function loadConfig(options: { cwd: string; configPath?: string; url?: string }): Promise<ResolvedConfig> {
  let configPath: string;
  if (options.configPath !== undefined) {
    configPath = resolve(options.cwd, options.configPath);
    if (!existsSync(configPath)) throw new SchemigrateError(`The config file ${configPath} does not exist.`, { code: 'CONFIG_NOT_FOUND' });
  } else {
    const found = findConfigFile(options.cwd);
    if (found === undefined) {
      throw new SchemigrateError(
        `No schemigrate config found: looked for ${CONFIG_NAMES.join(', ')} in ` +
          `${searchedDirectories(options.cwd).join(', ')}. Run \`schemigrate init\` to create one, or pass -c <path>.`,
        { code: 'CONFIG_NOT_FOUND' },
      );
    }
    configPath = found;
  }

  const rootDir = dirname(configPath);
  loadEnvFile(rootDir);
  return resolveConfig(await readConfigModule(configPath), { configPath, rootDir, url: options.url });
}

/**
 * Validate a config object (a config file's export, or the API's inline options) and resolve
 * it: defaults applied, paths absolute against `rootDir`; `url` (from `--url`) beats its own.
 *
 * @example
 * resolveConfig({ schema: './src/db/schema/index.ts', migrations: './migrations' }, { configPath: '(inline)', rootDir: '/app' });
 */
export function resolveConfig(value: unknown, where: { configPath: string; rootDir: string; url?: string }): ResolvedConfig {
  const { configPath, rootDir } = where;
  const config = validate(value, configPath);
  const migrationsDir = resolve(rootDir, config.migrations);
  return {
    configPath,
    rootDir,
    url: where.url ?? config.url,
    schemaPath: resolve(rootDir, config.schema),
    migrationsDir,
    versionsDir: join(migrationsDir, 'versions'),
    templatePath: join(migrationsDir, 'script.ts.tmpl'),
    versionTable: config.versionTable ?? 'schemigrate_version',
    fileTemplate: config.fileTemplate ?? '{rev}_{slug}',
    namingConvention: { ...DEFAULT_NAMING_CONVENTION, ...config.namingConvention },
    exclude: config.tables?.exclude ?? [],
    postWrite: config.postWrite ?? [],
    online: resolveOnline(config.online),
    lockMode: config.lockMode ?? 'advisory',
    verify: config.verify ?? false,
    targets: config.targets,
  };
}
