/**
 * What every command starts from: the resolved config, and — for commands that need one —
 * a connection to the database through its dialect.
 */
import type { Kysely } from 'kysely';
import { loadConfig } from '../config/load.js';
import { parseDatabaseUrl } from '../config/url.js';
import type { ResolvedConfig } from '../config/types.js';
import type { DatabaseUrl } from '../config/url.js';
import type { Dialect } from '../dialects/dialect.js';
import { getDialect } from '../dialects/registry.js';
import { SchemigrateError } from '../util/errors.js';

/** The global options every command accepts (SPEC §6). */
export interface GlobalOptions {
  readonly cwd?: string;
  readonly config?: string;
  readonly url?: string;
}

/** An open database: the dialect that speaks to it and a Kysely instance. */
export interface Connection {
  readonly url: DatabaseUrl;
  readonly dialect: Dialect;
  readonly db: Kysely<any>;
}

/**
 * Find and load the project's config.
 *
 * @example
 * const config = await openProject({ cwd: process.cwd() });
 */
export async function openProject(options: GlobalOptions): Promise<ResolvedConfig> {
  return loadConfig({ cwd: options.cwd ?? process.cwd(), configPath: options.config, url: options.url });
}

/**
 * The dialect a project's URL names, without connecting (for `--sql` and naming limits).
 *
 * @example
 * const { dialect, url } = await resolveDialect(config);
 */
export async function resolveDialect(config: ResolvedConfig): Promise<{ dialect: Dialect; url: DatabaseUrl }> {
  if (!config.url) {
    throw new SchemigrateError(
      `No database URL: set \`url\` in ${config.configPath} or pass --url (for example --url sqlite:./dev.sqlite3).`,
    );
  }
  const url = parseDatabaseUrl(config.url, config.rootDir);
  return { url, dialect: await getDialect(url.dialect) };
}

/**
 * Run `fn` with an open connection, closing it afterwards whatever happens.
 *
 * @example
 * await withConnection(config, async ({ db, dialect }) => dialect.introspect(db, options));
 */
export async function withConnection<T>(config: ResolvedConfig, fn: (connection: Connection) => Promise<T>): Promise<T> {
  const { url, dialect } = await resolveDialect(config);
  const db = await dialect.connect(url);
  try {
    return await fn({ url, dialect, db });
  } finally {
    await db.destroy();
  }
}
