/**
 * The config file's shape (SPEC §3) and the resolved form every command works with.
 */

/** Templates for default constraint names; tokens `{table}`, `{columns}`, `{referredTable}`, `{name}`. */
export interface NamingConvention {
  readonly pk: string;
  readonly ix: string;
  readonly uq: string;
  readonly fk: string;
  readonly ck: string;
}

/** How an online revision's locking steps wait for their locks (`withLockRetries`). */
export interface LockRetryOptions {
  /** The longest wait for a lock before the step gives up and retries (default 500). */
  readonly lockTimeoutMs?: number;
  /** How many times a step that timed out is tried again (default 6). */
  readonly retries?: number;
  /** The pause before the first retry, doubled before each next one (default 500). */
  readonly backoffMs?: number;
}
/**
 * How concurrent runs are serialised: `advisory`, the database's own lock (PostgreSQL advisory
 * lock, MySQL GET_LOCK, SQLite write lock); `table`, a lock row with a lease, which also holds
 * behind transaction-pooling proxies such as PgBouncer.
 */
export type LockMode = 'advisory' | 'table';

/**
 * One database of a fleet (`targets`): a URL, or with `schema` a PostgreSQL schema of that
 * database (schema-per-tenant: the version table and every unqualified name live there).
 */
export type TargetSpec =
  | { readonly name: string; readonly url: string }
  | { readonly name: string; readonly url: string; readonly schema: string };

/** What a user writes in `schemigrate.config.ts`. */
export interface SchemigrateConfig {
  readonly url?: string;
  readonly schema: string;
  readonly migrations: string;
  readonly versionTable?: string;
  readonly fileTemplate?: string;
  readonly namingConvention?: Partial<NamingConvention>;
  readonly tables?: { readonly exclude?: readonly string[] };
  /** Shell commands run on every file schemigrate writes, with the paths appended (`['prettier --write']`). */
  readonly postWrite?: readonly string[];
  /** Autogenerate online revisions (docs/lint.md): `true`, or the lock settings they use. */
  readonly online?: boolean | LockRetryOptions;
  /** How concurrent runs are serialised (default `advisory`). */
  readonly lockMode?: LockMode;
  /**
   * The databases of a fleet, read when a command names a target (`--target`, `--all-targets`):
   * from a file, the environment or a control database.
   */
  readonly targets?: () => readonly TargetSpec[] | Promise<readonly TargetSpec[]>;
}

/** The config with defaults applied and every path absolute. */
export interface ResolvedConfig {
  readonly configPath: string;
  /** Folder holding the config file; relative paths are resolved from here. */
  readonly rootDir: string;
  /** `--url` beats the config's `url`; undefined when neither gives one. */
  readonly url: string | undefined;
  readonly schemaPath: string;
  readonly migrationsDir: string;
  readonly versionsDir: string;
  /** `migrations/script.ts.tmpl`, which may not exist (then the package's template is used). */
  readonly templatePath: string;
  readonly versionTable: string;
  readonly fileTemplate: string;
  readonly namingConvention: NamingConvention;
  readonly exclude: readonly string[];
  readonly postWrite: readonly string[];
  /** The lock settings of online revisions; undefined when `online` is off. */
  readonly online: Required<LockRetryOptions> | undefined;
  readonly lockMode: LockMode;
  readonly targets: (() => readonly TargetSpec[] | Promise<readonly TargetSpec[]>) | undefined;
}
