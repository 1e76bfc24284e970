/**
 * The dialect registry: one line per dialect. Modules load lazily so that commands which
 * never touch a database (`--help`, `history`) do not pay for drivers.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../config/url.js';
import type { Dialect } from './dialect.js';

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
    load: async () => (await import('./sqlite/index.js')).sqliteDialect,
    adapter: 'SqliteAdapter',
    starterUrl: 'sqlite:./dev.sqlite3',
  },
  postgres: {
    load: async () => (await import('./postgres/index.js')).postgresDialect,
    adapter: 'PostgresAdapter',
    starterUrl: 'postgres://postgres@localhost:5432/myapp',
  },
  mysql: {
    load: async () => (await import('./mysql/index.js')).mysqlDialect,
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
 * The name of the dialect a Kysely instance speaks, known by its Kysely adapter (see
 * `dialectOf`), or undefined when no dialect speaks through that adapter.
 *
 * @example
 * if (dialectNameOf(db) === 'postgres') await sql`SET LOCAL lock_timeout = '1s'`.execute(db);
 */
export function dialectNameOf(db: Kysely<any>): DialectName | undefined {
  const { adapter } = db.getExecutor();
  return DIALECT_NAMES.find((name) => extendsClassNamed(adapter, registry[name].adapter));
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
  const name = dialectNameOf(db);
  if (name === undefined) throw new Error(`No schemigrate dialect speaks through the Kysely adapter ${db.getExecutor().adapter.constructor.name}.`);
  return registry[name].load();
}
