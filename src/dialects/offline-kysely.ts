/**
 * What every dialect's `offline()` shares: a Kysely instance on the dialect's own adapter and
 * query compiler whose queries go to a recording driver, with parameters inlined as SQL literals.
 */
import {
  Kysely,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type DefaultQueryCompiler,
  type DialectAdapter,
  type Driver,
  type TransactionSettings,
} from 'kysely';

type QueryCompilerClass = new () => DefaultQueryCompiler;

/** Values Kysely can write as an immediate literal; anything else stays a parameter. */
function isInlinable(value: unknown): boolean {
  return (
    value === null ||
    value instanceof Date ||
    ['string', 'number', 'boolean', 'bigint'].includes(typeof value)
  );
}

/**
 * A subclass of a dialect's query compiler that writes each parameter as a literal, with the
 * dialect's own string escaping (MySQL doubles backslashes, the others do not), so that the
 * compiled text runs as is. Values without a literal form (buffers, objects) stay parameters.
 */
function inliningCompiler(QueryCompiler: QueryCompilerClass): QueryCompilerClass {
  return class InliningQueryCompiler extends QueryCompiler {
    protected override appendValue(value: unknown): void {
      if (isInlinable(value)) this.appendImmediateValue(value);
      else super.appendValue(value);
    }
  };
}

export interface OfflineKyselyParts {
  /** The recording driver the runtime passes to `Dialect.offline`. */
  readonly driver: Driver;
  /** The dialect's Kysely adapter, e.g. `new SqliteAdapter()`. */
  readonly adapter: DialectAdapter;
  /** The dialect's Kysely query compiler class, e.g. `SqliteQueryCompiler`. */
  readonly queryCompiler: QueryCompilerClass;
  /** The dialect's Kysely introspector (it only ever sees empty results offline). */
  readonly createIntrospector: (db: Kysely<any>) => DatabaseIntrospector;
  /**
   * What the live dialect runs on each new connection (as Kysely's own `onCreateConnection`),
   * e.g. MySQL's `set session sql_mode = …ANSI_QUOTES`: run once on the recording connection so
   * that the script starts with it and later statements mean what they mean online.
   */
  readonly onCreateConnection?: (connection: DatabaseConnection) => Promise<void>;
}

/** A driver that runs `onCreateConnection` on the first connection it hands out, then delegates. */
class SessionSetupDriver implements Driver {
  #created = false;

  constructor(
    readonly driver: Driver,
    readonly onCreateConnection: (connection: DatabaseConnection) => Promise<void>,
  ) {}

  init(): Promise<void> {
    return this.driver.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.driver.acquireConnection();
    if (!this.#created) {
      this.#created = true;
      await this.onCreateConnection(connection);
    }
    return connection;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.driver.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.driver.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.driver.rollbackTransaction(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.driver.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.driver.destroy();
  }
}

/**
 * Build the Kysely instance a dialect's `offline(driver)` returns.
 *
 * @example
 * export function offlineSqlite(driver: Driver): Kysely<any> {
 *   return offlineKysely({ driver, adapter: new SqliteAdapter(), queryCompiler: SqliteQueryCompiler,
 *     createIntrospector: (db) => new SqliteIntrospector(db) });
 * }
 */
export function offlineKysely(parts: OfflineKyselyParts): Kysely<any> {
  const QueryCompiler = inliningCompiler(parts.queryCompiler);
  return new Kysely<any>({
    dialect: {
      createAdapter: () => parts.adapter,
      createDriver: () => (parts.onCreateConnection ? new SessionSetupDriver(parts.driver, parts.onCreateConnection) : parts.driver),
      createIntrospector: parts.createIntrospector,
      createQueryCompiler: () => new QueryCompiler(),
    },
  });
}
