/**
 * The dialect registry: one line per dialect. Modules load lazily so that commands which
 * never touch a database (`--help`, `history`) do not pay for drivers.
 */
import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import type { DialectName } from '../config/url.js';
import type { Dialect } from './dialect.js';

const requireHere = createRequire(import.meta.url);
const REQUIRE_FAILURES = new Set(['ERR_REQUIRE_ESM', 'ERR_REQUIRE_ASYNC_MODULE']);

/**
 * A dialect's module, with require() where Node can require ES modules (Node 20.19+, 22.12+):
 * synchronous reads instead of the module loader's thread-pool round trips for its ~300 modules
 * (Kysely's among them), about 30 ms of CPU off every database command. Elsewhere, under a
 * TypeScript runner (the specifier names the built `.js`), or for a module graph with top-level
 * await: import().
 *
 * @example
 * const { sqliteDialect } = await loadDialectModule('./sqlite/index.js', () => import('./sqlite/index.js'));
 */
async function loadDialectModule<T>(specifier: string, viaImport: () => Promise<T>): Promise<T> {
  if (process.features.require_module && import.meta.url.endsWith('.js')) {
    try {
      return requireHere(specifier) as T;
    } catch (error) {
      if (!REQUIRE_FAILURES.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
  }
  return viaImport();
}

interface Registered {
  /** The dialect's module, loaded on first use. */
  readonly load: () => Promise<Dialect>;
  /** The Kysely adapter class this dialect's databases speak through. */
  readonly adapter: 'SqliteAdapter' | 'PostgresAdapter' | 'MysqlAdapter';
  /** The URL `schemigrate init --dialect <name>` writes into a new config: an application database on this machine. */
  readonly starterUrl: string;
}

const registry: Record<DialectName, Registered> = {
  sqlite: {
    load: async () => (await loadDialectModule('./sqlite/index.js', () => import('./sqlite/index.js'))).sqliteDialect,
    adapter: 'SqliteAdapter',
    starterUrl: 'sqlite:./dev.sqlite3',
  },
  postgres: {
    load: async () => (await loadDialectModule('./postgres/index.js', () => import('./postgres/index.js'))).postgresDialect,
    adapter: 'PostgresAdapter',
    starterUrl: 'postgres://postgres@localhost:5432/myapp',
  },
  mysql: {
    load: async () => (await loadDialectModule('./mysql/index.js', () => import('./mysql/index.js'))).mysqlDialect,
    adapter: 'MysqlAdapter',
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
 * Whether `value` is an instance of a class called `name` or of a subclass: by name, because
 * an application's Kysely may be another copy (Kysely's CommonJS build, or another version)
 * whose classes are not the ones schemigrate imports.
 */
function extendsClassNamed(value: object, name: string): boolean {
  for (let proto = Object.getPrototypeOf(value); proto !== null; proto = Object.getPrototypeOf(proto)) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === name) return true;
  }
  return false;
}

/**
 * The dialect of a Kysely instance, known by its Kysely adapter: one that a dialect opened, or
 * an application's own (any driver speaking through Kysely's PostgreSQL, MySQL or SQLite adapter,
 * or a subclass of one).
 *
 * @example
 * const dialect = await dialectOf(db);
 * if (await dialect.tableExists(db, 'schemigrate_version')) …
 */
export async function dialectOf(db: Kysely<any>): Promise<Dialect> {
  const { adapter } = db.getExecutor();
  for (const registered of Object.values(registry)) {
    if (extendsClassNamed(adapter, registered.adapter)) return registered.load();
  }
  throw new Error(`No schemigrate dialect speaks through the Kysely adapter ${adapter.constructor.name}.`);
}
