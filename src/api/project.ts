/**
 * What every API method starts from: the resolved config, the revision graph, the dialect and —
 * for methods that need one — a connection, opened on first use and kept until `close()`. An
 * application's own Kysely instance is used as it is and never closed.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { loadConfig, resolveConfig } from '../config/load.js';
import type { ResolvedConfig } from '../config/types.js';
import { parseDatabaseUrl, type DatabaseUrl } from '../config/url.js';
import type { Dialect } from '../dialects/dialect.js';
import { dialectOf, getDialect } from '../dialects/registry.js';
import { buildGraph, type RevisionGraph } from '../revisions/graph.js';
import { scanVersions } from '../revisions/scan.js';
import { loadRevisionModule, type RevisionModule } from '../runtime/load-revision.js';
import type { LoadedSchema } from '../schema/load-barrel.js';
import { SchemigrateError } from '../util/errors.js';
import { ensureTargetSchema, findTarget, listTargets, targetUrl, type Target } from './targets.js';
import type { KyselyOptions, MigratorEvent, MigratorOptions } from './types.js';

/** An open database: the dialect that speaks to it and a Kysely instance. */
export interface Connection {
  readonly dialect: Dialect;
  readonly db: Kysely<any>;
}

export interface Project {
  readonly config: ResolvedConfig;
  /** The working folder: relative paths given to methods (`pull({ out })`) start here. */
  readonly cwd: string;
  /** The target of the config's `targets` this project works on, if one was picked. */
  readonly target: Target | undefined;
  /** The revision graph as the files say now (read on each call: files may change between calls). */
  graph(): Promise<RevisionGraph>;
  /** A revision file's code, to run it. */
  loadRevision(file: string): Promise<RevisionModule>;
  /** The declared schema as `dialect` reads it (loaded on each call, or once per fleet). */
  schema(dialect: Dialect): Promise<LoadedSchema>;
  /** The dialect, without connecting (offline SQL, rendering). */
  dialect(): Promise<Dialect>;
  /**
   * The connection, opened on first use. `readOnly`: a SQLite file that does not exist is an
   * error (DATABASE_NOT_FOUND) instead of a new empty database.
   */
  connection(options?: { readonly readOnly?: boolean }): Promise<Connection>;
  /** Report progress (the migrator's `onEvent`). */
  emit(event: MigratorEvent): void;
  /** A path as shown in messages: relative to the working folder. */
  show(path: string): string;
  /** Close the connection this project opened (an application's own Kysely stays open). */
  close(): Promise<void>;
}

/** The keys of the options that are not config keys. */
const NOT_CONFIG = new Set(['db', 'dialect', 'onEvent', 'cwd', 'config', 'target']);

function inlineConfig(options: MigratorOptions, cwd: string): ResolvedConfig {
  const config = Object.fromEntries(Object.entries(options).filter(([key]) => !NOT_CONFIG.has(key)));
  return resolveConfig(config, { configPath: '(inline config)', rootDir: cwd });
}

/**
 * Load the config (a file, inline keys, or the keys beside an application's Kysely) and make
 * the project every method works on.
 *
 * @example
 * const project = await openProject({ config: './schemigrate.config.ts' });
 * try { … await project.connection() … } finally { await project.close(); }
 */
export async function openProject(options: MigratorOptions): Promise<Project> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const own = 'db' in options && options.db !== undefined ? (options as KyselyOptions) : undefined;
  const inline = own !== undefined || 'schema' in options || 'migrations' in options;
  // `--url`; an inline config's own `url` is a default that a target replaces.
  const url = inline ? undefined : (options as { url?: string }).url;
  const config = inline ? inlineConfig(options, cwd) : await loadConfig({ cwd, configPath: (options as { config?: string }).config, url });
  const name = (options as { target?: string }).target;
  if (name === undefined) return projectFor(config, { cwd, own, onEvent: options.onEvent });
  if (own !== undefined || url !== undefined) {
    throw new SchemigrateError(`A target ('${name}') and ${own ? 'a Kysely instance' : 'a URL (--url)'} both say which database to use: give one of them.`, { code: 'INVALID_INPUT' });
  }
  return projectFor(config, { cwd, onEvent: options.onEvent, target: findTarget(await listTargets(config), name) });
}

/** How a project is set up besides its config. */
export interface ProjectSetup {
  readonly cwd: string;
  readonly onEvent?: (event: MigratorEvent) => void;
  /** The application's own Kysely instance (never closed here). */
  readonly own?: KyselyOptions;
  /** The target to work on: its URL (and PostgreSQL schema) replaces the config's `url`. */
  readonly target?: Target;
  /**
   * What the projects of one fleet run share, read once instead of once per target: the graph,
   * the revision files' code and the declared schema.
   */
  readonly shared?: {
    graph(): Promise<RevisionGraph>;
    loadRevision(file: string): Promise<RevisionModule>;
    schema(dialect: Dialect): Promise<LoadedSchema>;
  };
}

/**
 * The project for an already resolved config (the fleet makes one per target from one config).
 *
 * @example
 * const project = projectFor(config, { cwd: process.cwd(), target });
 */
export function projectFor(resolved: ResolvedConfig, setup: ProjectSetup): Project {
  const { cwd, own, target, onEvent } = setup;
  const config = target === undefined ? resolved : { ...resolved, url: targetUrl(target) };
  let dialect: Promise<Dialect> | undefined;
  let opened: Promise<Connection> | undefined;
  let schemaReady: Promise<void> | undefined;

  const databaseUrl = (): DatabaseUrl => {
    if (!config.url) {
      throw new SchemigrateError(
        `No database URL: set \`url\` in ${config.configPath} or pass --url (for example --url sqlite:./dev.sqlite3).`,
        { code: 'NO_DATABASE_URL' },
      );
    }
    return parseDatabaseUrl(config.url, config.rootDir);
  };
  const show = (path: string) => relative(cwd, path) || path;
  const findDialect = (): Promise<Dialect> => {
    dialect ??= own
      ? own.dialect !== undefined
        ? getDialect(own.dialect)
        : dialectOf(own.db as Kysely<any>)
      : Promise.resolve().then(() => getDialect(databaseUrl().dialect));
    return dialect;
  };

  return {
    config,
    cwd,
    target,
    show,
    emit: (event) => onEvent?.(event),
    graph: setup.shared?.graph ?? (async () => buildGraph(await scanVersions(config.versionsDir))),
    loadRevision: setup.shared?.loadRevision ?? loadRevisionModule,
    // Loaded on demand: the autogenerate module is large, and most commands never need it.
    schema: setup.shared?.schema ?? (async (found) => (await import('../autogenerate/api.js')).loadValidSchema(config, found)),
    dialect: findDialect,
    async connection(request = {}) {
      if (own) return { db: own.db as Kysely<any>, dialect: await findDialect() };
      const url = databaseUrl();
      if (opened === undefined && request.readOnly && url.dialect === 'sqlite' && url.filename !== ':memory:' && !existsSync(url.filename)) {
        throw new SchemigrateError(
          `The SQLite database ${url.display} does not exist (${show(url.filename)}); nothing was created. ` +
            'Check the URL, or run `schemigrate upgrade head` to create it.',
          { code: 'DATABASE_NOT_FOUND', details: { file: url.filename } },
        );
      }
      opened ??= findDialect().then(async (found) => ({ dialect: found, db: await found.connect(url) }));
      // A failed attempt is not kept: the next call tries again.
      const connection = await opened.catch((error: unknown) => {
        opened = undefined;
        throw error;
      });
      // A schema target's schema is made by the first command that writes, never by one that reads.
      if (target?.schema !== undefined && !request.readOnly) {
        schemaReady ??= ensureTargetSchema(connection.db, target).catch((error: unknown) => {
          schemaReady = undefined;
          throw error;
        });
        await schemaReady;
      }
      return connection;
    },
    async close() {
      const connection = opened;
      opened = undefined;
      if (connection) await (await connection.catch(() => undefined))?.db.destroy();
    },
  };
}
