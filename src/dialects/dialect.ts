/**
 * The one interface a database dialect implements: the places where databases differ.
 * Adding a dialect means one folder under `src/dialects/` and one line in `registry.ts`.
 */
import type { WithThrowaway } from './throwaway.js';
import type { Driver, Kysely } from 'kysely';
import type { DatabaseUrl, DialectName } from '../config/url.js';
import type { StringLiteral } from '../model/string-literal.js';
import type { ColumnType, Model } from '../model/types.js';
import type { TypeConversions } from '../operations/lossy-type-changes.js';
import type { Operation } from '../operations/types.js';
import type { OperationRenderer } from '../render/operation-renderer.js';
import type { OutOfScopeCount } from './out-of-scope.js';
import type { Step } from '../revisions/plan.js';
import type { RecordStepOptions } from '../runtime/record-step.js';
import type { ValuesAtRiskCondition } from './values-at-risk.js';

export interface IntrospectOptions {
  /** Tables to leave out entirely (the version table, `tables.exclude`). */
  readonly isExcluded: (tableName: string) => boolean;
  /**
   * PostgreSQL: named schemas to read besides the current one (those the declared model uses);
   * other schemas are never read. Other dialects have none.
   */
  readonly schemas?: readonly string[];
  /**
   * `db` is a connection pool (as `connect` returns it): the catalog queries may run side by
   * side, each on a connection of its own. Without it they run one after another, as they
   * must in a transaction or on a single connection (`canonicalize`, the lock's connection).
   */
  readonly concurrent?: boolean;
  /**
   * Called once the catalog queries are all on the wire, so that the caller can do CPU-bound
   * work while the server answers. Dialects that read one query at a time (SQLite) never call it.
   */
  readonly sent?: () => void;
}

export interface RunRevisionOptions {
  /** `false` when the revision exports `transactional = false`. */
  readonly transactional: boolean;
  /**
   * Online runs only: the dialect may send the revision's schema-builder statements in batches
   * while the revision's code builds the next ones (PostgreSQL, inside the transaction). Offline
   * scripts leave it out, so that they print one statement per line.
   */
  readonly pipelined?: boolean;
  /**
   * Where to say something the user should know that does not fail the revision (SQLite: rows
   * whose foreign keys already pointed nowhere before it ran). Without it nothing is said.
   */
  readonly onWarning?: (message: string) => void;
  /**
   * Online runs: the revision's own statements (bookkeeping left out) recorded without a
   * database, for a dialect that must see the whole revision before it runs any of it
   * (PostgreSQL, a revision too large for one transaction). Recorded only when called.
   */
  readonly preview?: () => Promise<readonly string[]>;
  /** Tables the runtime writes in the revision's transaction (the version and checksum tables). */
  readonly bookkeeping?: readonly string[];
  /**
   * A later revision of the same run commits after this one, or the run calls `flushCommits`
   * when it fails first: the dialect may commit this one without waiting for the disk
   * (PostgreSQL: `synchronous_commit = off` for its transaction).
   */
  readonly flushedLater?: boolean;
  /**
   * Dialects with `startsAhead` only: the revision before this one, still running. Its code may
   * run now, but nothing of it may reach the database before `after` resolves, and nothing at
   * all when it rejects.
   */
  readonly after?: Promise<void>;
}

export interface Dialect {
  readonly name: DialectName;
  /** Longest identifier the database accepts, for deterministic name shortening. */
  readonly maxIdentifierLength: number;
  /** PostgreSQL and SQLite can roll back DDL; MySQL commits it implicitly. */
  readonly transactionalDdl: boolean;
  /**
   * How this dialect writes a string as a SQL literal, for every literal schemigrate writes
   * into SQL text itself (strings interpolated into the schema's `sql` expressions, enumeration
   * values). It spells strings as Kysely's query compiler for the dialect does, which writes the
   * literals of revision files (`defaultTo('…')`, `sql.lit('…')`) when they run.
   */
  readonly stringLiteral: StringLiteral;
  /**
   * The type the server reports back for a declared type, where that is known without asking
   * it (MySQL keeps `uuid` as `char(36)`). A free first guess at the canonical form: columns it
   * explains need no scratch round trip. Without it, or where it returns the type unchanged,
   * only the scratch canonicalisation can tell. Only for dialects that keep no enumeration
   * types of their own (enumerations are part of the column type there).
   */
  storedType?(type: ColumnType): ColumnType;
  /**
   * How this dialect writes operations as Kysely schema-builder code (revision files, and the
   * scratch DDL of canonicalisation): `OperationRenderer`, or the subclass in the dialect's
   * `render.ts` that overrides it where the dialect differs.
   */
  readonly renderer: OperationRenderer;
  /** How the server converts a column's values to a new type, for the data-loss guard (`operations/lossy-type-changes.ts`). */
  readonly typeConversions: TypeConversions;
  /**
   * The rows whose value a lossy change touches, as a SQL condition on the quoted column, for
   * the data-loss guard's counts: `standardCondition` from `values-at-risk.ts`, or the
   * dialect's override where its SQL differs.
   */
  readonly valuesAtRisk: ValuesAtRiskCondition;

  /** Open a connection pool. Errors from here are masked by the caller. */
  connect(url: DatabaseUrl): Promise<Kysely<any>>;

  /** Read the live schema into the neutral model with a fixed number of catalog queries. */
  introspect(db: Kysely<any>, options: IntrospectOptions): Promise<Model>;

  /**
   * Let the server canonicalise declared objects: open a throw-away namespace (SQLite: an
   * in-memory database; PostgreSQL: a schema inside a rolled-back transaction), call `create`
   * with a Kysely instance whose unqualified names land there, introspect it, and clean up.
   * PostgreSQL also gives each named schema in `schemas` a scratch schema, passes `create` the
   * mapping (`scratchSchema('audit')`) and reads the result back under the declared names.
   */
  canonicalize(db: Kysely<any>, create: (scratch: Kysely<any>, scratchSchema?: (schema: string) => string) => Promise<void>, schemas?: readonly string[]): Promise<Model>;

  /**
   * At most this many tables per `canonicalize` (PostgreSQL: its scratch transaction keeps every
   * lock it takes, and thousands of tables outgrow the server's lock table); no limit when absent.
   */
  readonly scratchTablesPerPass?: number;

  /** A new empty database for one run, removed afterwards (`schemigrate test`, `revision --verify`). */
  withThrowaway: WithThrowaway;

  /**
   * Rewrite generic operations into ones this dialect can run, given the model they apply
   * to (SQLite turns in-place changes it cannot `ALTER` into `rebuildTable`).
   */
  lower(operations: readonly Operation[], before: Model): Operation[];

  /**
   * Objects left alone (views, functions, triggers, …), counted per kind with one cheap catalog
   * query; PostgreSQL counts those of the named `schemas` too.
   */
  countOutOfScope(db: Kysely<any>, schemas?: readonly string[]): Promise<OutOfScopeCount[]>;

  /**
   * PostgreSQL only: the current schema and every other user schema (no system schema, none an
   * extension owns), for `pull --schema/--all-schemas`. Dialects without named schemas leave it out.
   */
  userSchemas?(db: Kysely<any>): Promise<{ readonly current: string; readonly named: readonly string[] }>;

  /**
   * Whether `name` is a base table where unqualified names land (PostgreSQL's current schema,
   * MySQL's current database, SQLite's main database), by one targeted catalog query: never by
   * trying the table (a failure would abort an open PostgreSQL transaction) and never by
   * listing every table (slow on big schemas).
   */
  tableExists(db: Kysely<any>, name: string): Promise<boolean>;

  /** Problems with a declared schema this dialect cannot express, one sentence each. */
  validate(schema: Model): string[];

  /**
   * The Kysely instance `connect` opens has a single connection (SQLite), so a second
   * `db.connection()` waits until the first is released. The table lock then renews its lease
   * on the run's own connection instead of another one (runtime/table-lock.ts).
   */
  readonly oneConnection?: boolean;

  /** Run `fn` holding the migration lock (advisory lock, GET_LOCK, write lock). */
  withLock<T>(db: Kysely<any>, fn: (db: Kysely<any>) => Promise<T>): Promise<T>;

  /** Run one revision's function: in its own transaction where possible. */
  runRevision(db: Kysely<any>, options: RunRevisionOptions, fn: (db: Kysely<any>) => Promise<void>): Promise<void>;

  /**
   * Make every commit made so far durable; a run calls it when it fails after revisions that
   * committed with `flushedLater`. Only dialects that honour `flushedLater` have it.
   */
  flushCommits?(db: Kysely<any>): Promise<void>;

  /**
   * The runtime may start a transactional revision while the one before it is still running,
   * passing that one's outcome as `RunRevisionOptions.after`: the revision's code then builds
   * its statements while the server runs the previous revision (PostgreSQL, where a small
   * revision is one round trip and the client's work between two would otherwise leave the
   * server idle).
   */
  readonly startsAhead?: boolean;

  /**
   * Online runs: write a step's version-table change and checksum inside `runRevision`'s
   * function, with the same checks and errors as the runtime's `recordStep` (which runs when a
   * dialect has none). PostgreSQL writes them in one statement its pipeline sends with the
   * revision's last batch (postgres/record-step-block.ts); SQLite, whose locked run is one
   * transaction, writes those of all the run's revisions together before it commits.
   */
  readonly recordStep?: (db: Kysely<any>, step: Step, options: RecordStepOptions) => Promise<void>;

  /**
   * Offline SQL (`upgrade|downgrade --sql`, SPEC §9): a Kysely instance that compiles with this
   * dialect's own Kysely adapter and query compiler (e.g. `MysqlAdapter`, `MysqlQueryCompiler`)
   * and sends every query to `driver`, a recording driver that never connects and answers each
   * query with an empty result (`{ rows: [] }`, no `numAffectedRows`).
   *
   * Contract: no I/O and no driver package (`pg`, `mysql2`, `better-sqlite3`) is loaded; build
   * the instance with `offlineKysely` from `../offline-kysely.js` (one small `offline.ts` in
   * the dialect's folder), which inlines parameters as this compiler's SQL literals so the
   * printed script runs as is. Whatever the live `connect` runs on each new connection (MySQL's
   * `ANSI_QUOTES` sql_mode) goes in its `onCreateConnection`, so the script starts with it.
   * The runtime then calls this dialect's `runRevision` on the returned instance exactly as it
   * does online, so the transaction framing (`begin`/`commit` recorded by the driver) and any
   * statements `runRevision` adds around a revision (SQLite's `pragma foreign_keys`) appear in
   * the script as they run live; `runRevision` must therefore cope with empty results.
   * `withLock` is never called offline.
   *
   * @example
   * const driver = new RecordingDriver();
   * await dialect.runRevision(dialect.offline(driver), { transactional: true }, (db) => revision.upgrade(db));
   */
  offline(driver: Driver): Kysely<any>;

  /**
   * A comment for the offline script to print before a recorded statement that does less
   * offline than online (SQLite: a rebuild's read of the table's triggers gets no rows, so the
   * script re-creates none), or undefined. Dialects without such statements leave it out.
   */
  offlineNote?(statement: string): string | undefined;
}
