/**
 * The dialect registry: one line per dialect. Modules load lazily so that commands which
 * never touch a database (`--help`, `history`) do not pay for drivers.
 */
import type { DialectAdapter, Kysely } from 'kysely';
import type { DialectName } from '../config/url.js';
import type { Dialect } from './dialect.js';

interface Registered {
  /** The dialect's module, loaded on first use. */
  readonly load: () => Promise<Dialect>;
  /** Whether a Kysely adapter is the one this dialect's databases speak through (Kysely is loaded wherever an adapter exists). */
  readonly speaks: (adapter: DialectAdapter) => Promise<boolean>;
  /** The URL `schemigrate init --dialect <name>` writes into a new config: an application database on this machine. */
  readonly starterUrl: string;
}

const registry: Record<DialectName, Registered> = {
  sqlite: {
    load: async () => (await import('./sqlite/index.js')).sqliteDialect,
    speaks: async (adapter) => adapter instanceof (await import('kysely')).SqliteAdapter,
    starterUrl: 'sqlite:./dev.sqlite3',
  },
  postgres: {
    load: async () => (await import('./postgres/index.js')).postgresDialect,
    speaks: async (adapter) => adapter instanceof (await import('kysely')).PostgresAdapter,
    starterUrl: 'postgres://postgres@localhost:5432/myapp',
  },
  mysql: {
    load: async () => (await import('./mysql/index.js')).mysqlDialect,
    speaks: async (adapter) => adapter instanceof (await import('kysely')).MysqlAdapter,
    starterUrl: 'mysql://root@localhost:3306/myapp',
  },
};

/** The registered dialect names, in registry order. */
export const DIALECT_NAMES = Object.keys(registry) as DialectName[];

/**
 * The URL a new project on `name` starts with, or undefined for a name no dialect has.
 *
 * @example
 * starterUrl('postgres'); // 'postgres://postgres@localhost:5432/myapp'
 */
export function starterUrl(name: string): string | undefined {
  return Object.hasOwn(registry, name) ? registry[name as DialectName].starterUrl : undefined;
}

/**
 * The dialect implementation for a URL's dialect name.
 *
 * @example
 * const dialect = await getDialect('sqlite');
 */
export async function getDialect(name: DialectName): Promise<Dialect> {
  return registry[name].load();
}

/**
 * The dialect of a Kysely instance, known by its Kysely adapter: one that a dialect opened, or
 * an application's own (any driver speaking through Kysely's PostgreSQL, MySQL or SQLite adapter).
 *
 * @example
 * const dialect = await dialectOf(db);
 * if (await dialect.tableExists(db, 'schemigrate_version')) …
 */
export async function dialectOf(db: Kysely<any>): Promise<Dialect> {
  const { adapter } = db.getExecutor();
  for (const registered of Object.values(registry)) {
    if (await registered.speaks(adapter)) return registered.load();
  }
  throw new Error(`No schemigrate dialect speaks through the Kysely adapter ${adapter.constructor.name}.`);
}
