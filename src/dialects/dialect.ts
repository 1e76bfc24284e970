/**
 * The one interface a database dialect implements: the places where databases differ.
 * Adding a dialect means one folder under `src/dialects/` and one line in `registry.ts`.
 */
import type { Kysely } from 'kysely';
import type { DatabaseUrl, DialectName } from '../config/url.js';
import type { ColumnType, Model } from '../model/types.js';
import type { Operation } from '../operations/types.js';

/**
 * How a column type is written in Kysely schema-builder code: a data type string that
 * Kysely's `addColumn` accepts as is, or raw SQL that must be wrapped in `sql\`…\``.
 */
export type RenderedType =
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'sql'; readonly sql: string };

export interface IntrospectOptions {
  /** Tables to leave out entirely (the version table, `tables.exclude`). */
  readonly isExcluded: (tableName: string) => boolean;
}

export interface RunRevisionOptions {
  /** `false` when the revision exports `transactional = false`. */
  readonly transactional: boolean;
}

/** The code-generation facts the renderer needs about a dialect. */
export interface DdlStyle {
  /** Map a canonical type to what `addColumn` takes. */
  renderType(type: ColumnType): RenderedType;
  /** `modifier`: Kysely's `.autoIncrement()`; `identity`: `.generatedByDefaultAsIdentity()`. */
  readonly autoIncrement: 'modifier' | 'identity';
  /** MySQL's `DROP INDEX` needs `.on(table)`. */
  readonly dropIndexNeedsTable: boolean;
  /** `separate`: setDataType/setNotNull/setDefault (PostgreSQL); `modify`: modifyColumn (MySQL). */
  readonly alterColumn: 'separate' | 'modify' | 'rebuild';
}

export interface Dialect {
  readonly name: DialectName;
  /** Longest identifier the database accepts, for deterministic name shortening. */
  readonly maxIdentifierLength: number;
  /** PostgreSQL and SQLite can roll back DDL; MySQL commits it implicitly. */
  readonly transactionalDdl: boolean;
  readonly ddl: DdlStyle;

  /** Open a connection pool. Errors from here are masked by the caller. */
  connect(url: DatabaseUrl): Promise<Kysely<any>>;

  /** Read the live schema into the neutral model with a fixed number of catalog queries. */
  introspect(db: Kysely<any>, options: IntrospectOptions): Promise<Model>;

  /**
   * Let the server canonicalise declared objects: open a throw-away namespace (SQLite: an
   * in-memory database; PostgreSQL: a schema inside a rolled-back transaction), call `create`
   * with a Kysely instance whose unqualified names land there, introspect it, and clean up.
   */
  canonicalize(db: Kysely<any>, create: (scratch: Kysely<any>) => Promise<void>): Promise<Model>;

  /**
   * Rewrite generic operations into ones this dialect can run, given the model they apply
   * to (SQLite turns in-place changes it cannot `ALTER` into `rebuildTable`).
   */
  lower(operations: readonly Operation[], before: Model): Operation[];

  /** Problems with a declared schema this dialect cannot express, one sentence each. */
  validate(schema: Model): string[];

  /** Run `fn` holding the migration lock (advisory lock, GET_LOCK, write lock). */
  withLock<T>(db: Kysely<any>, fn: (db: Kysely<any>) => Promise<T>): Promise<T>;

  /** Run one revision's function: in its own transaction where possible. */
  runRevision(db: Kysely<any>, options: RunRevisionOptions, fn: (db: Kysely<any>) => Promise<void>): Promise<void>;
}
