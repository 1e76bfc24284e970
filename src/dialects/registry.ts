/**
 * The dialect registry: one line per dialect. Modules load lazily so that commands which
 * never touch a database (`--help`, `history`) do not pay for drivers.
 */
import type { DialectName } from '../config/url.js';
import type { Dialect } from './dialect.js';

const loaders: Record<DialectName, () => Promise<Dialect>> = {
  sqlite: async () => (await import('./sqlite/index.js')).sqliteDialect,
  postgres: async () => (await import('./postgres/index.js')).postgresDialect,
  mysql: async () => (await import('./mysql/index.js')).mysqlDialect,
};

/**
 * The dialect implementation for a URL's dialect name.
 *
 * @example
 * const dialect = await getDialect('sqlite');
 */
export async function getDialect(name: DialectName): Promise<Dialect> {
  return loaders[name]();
}
