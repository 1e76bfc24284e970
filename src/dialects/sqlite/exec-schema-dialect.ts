/**
 * Kysely's SQLite dialect, except that schema-builder statements (create, alter, drop …) run
 * through better-sqlite3's `exec` instead of `prepare` + `run`.
 *
 * Why: better-sqlite3 finalizes a prepared statement only when it is garbage-collected, and
 * SQLite walks every statement still alive on the connection each time the schema changes.
 * An initial revision of thousands of `CREATE`s thus cost time that grows quadratically with its
 * size (the 15,000 statements of 5,000 tables: 14.6–19.0 s of CPU through `prepare` + `run`,
 * 10.5 s through `exec`). `exec` prepares, steps and finalizes at once. A schema statement returns no
 * rows, so its result is the same either way.
 */
import type Database from 'better-sqlite3';
import {
  SqliteDialect,
  SqliteDriver,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import { isSchemaStatement } from '../schema-statement.js';

/** Sends schema statements without parameters through `exec`; everything else as Kysely does. */
class ExecSchemaConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    readonly database: Database.Database,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!isSchemaStatement(query)) return this.inner.executeQuery<R>(query);
    this.database.exec(query.sql);
    return { rows: [] };
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/** Kysely's SQLite driver, handing out the connection above (the same one every time, as SQLite has one). */
class ExecSchemaDriver implements Driver {
  readonly #inner: SqliteDriver;
  readonly #database: Database.Database;
  #connection: ExecSchemaConnection | undefined;

  constructor(database: Database.Database) {
    this.#inner = new SqliteDriver({ database });
    this.#database = database;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await this.#inner.acquireConnection();
    if (this.#connection?.inner !== inner) this.#connection = new ExecSchemaConnection(inner, this.#database);
    return this.#connection;
  }

  beginTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.beginTransaction(connection);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }

  savepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    return this.#inner.savepoint(connection, name, compileQuery);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    return this.#inner.rollbackToSavepoint(connection, name, compileQuery);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    return this.#inner.releaseSavepoint(connection, name, compileQuery);
  }

  releaseConnection(): Promise<void> {
    return this.#inner.releaseConnection();
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

/**
 * Kysely's `SqliteDialect` over `database`, with schema statements run through `exec`.
 *
 * @example
 * const db = new Kysely<any>({ dialect: new ExecSchemaSqliteDialect(new Database('app.sqlite3')) });
 */
export class ExecSchemaSqliteDialect extends SqliteDialect {
  readonly #database: Database.Database;

  constructor(database: Database.Database) {
    super({ database });
    this.#database = database;
  }

  override createDriver(): Driver {
    return new ExecSchemaDriver(this.#database);
  }
}

/**
 * The better-sqlite3 database behind a connection of this dialect; undefined for another
 * dialect's (an application's own Kysely instance may run on Kysely's `SqliteDialect`).
 *
 * @example
 * await db.connection().execute(async (conn) => conn.getExecutor().provideConnection(async (c) => databaseBehind(c)?.inTransaction));
 */
export function databaseBehind(connection: DatabaseConnection): Database.Database | undefined {
  return connection instanceof ExecSchemaConnection ? connection.database : undefined;
}
