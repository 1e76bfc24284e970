/**
 * The shapes of the programmatic API (docs/api.md): what `createMigrator` takes, the events it
 * reports, and the plain result objects its methods return — the same objects the CLI prints
 * with `--json`.
 */
import type { Kysely } from 'kysely';
import type { SchemigrateConfig } from '../config/types.js';
import type { DialectName } from '../config/url.js';
import type { OutOfScopeCount } from '../dialects/out-of-scope.js';
import type { Finding } from '../lint/lint.js';
import type { Operation } from '../operations/types.js';

/** Progress, as it happens; the CLI prints its lines from these. */
export type MigratorEvent =
  | ({ readonly type: 'revision-start' } & MigrationStepStart)
  | ({ readonly type: 'revision-done' } & MigrationStep)
  | { readonly type: 'file-written'; readonly file: string }
  | { readonly type: 'info'; readonly message: string }
  | { readonly type: 'warning'; readonly message: string };

/** What every way of creating a migrator accepts besides its source of config. */
export interface CommonOptions {
  /** Progress and warnings (revision started / finished, file written, warnings). */
  readonly onEvent?: (event: MigratorEvent) => void;
  /** Folder that relative paths are resolved from, and where the config search starts (default: `process.cwd()`). */
  readonly cwd?: string;
}

/** `createMigrator({ config })`: a config file, or the nearest `schemigrate.config.*` above `cwd`. */
export interface ConfigFileOptions extends CommonOptions {
  /** Path of the config file; searched upward from `cwd` when left out. */
  readonly config?: string;
  /** Beats the config's `url` (the CLI's `--url`). */
  readonly url?: string;
  /** The name of one of the config's `targets` to work on (the CLI's `--target`); not with `url`. */
  readonly target?: string;
}

/** `createMigrator({ url, schema, migrations, … })`: the config's keys inline (paths relative to `cwd`). */
export interface InlineConfigOptions extends CommonOptions, SchemigrateConfig {
  /** The name of one of `targets` to work on. */
  readonly target?: string;
}

/**
 * An application's Kysely instance, by shape: a CommonJS project's Kysely comes with Kysely's
 * CommonJS type declarations, which TypeScript does not take for the ES ones.
 */
export type KyselyInstance = Kysely<any> | { getExecutor(): unknown; destroy(): Promise<void> };

/** `createMigrator({ db, dialect, schema, migrations })`: the application's own Kysely instance, never closed by the migrator. */
export interface KyselyOptions extends CommonOptions, Omit<SchemigrateConfig, 'url'> {
  readonly db: KyselyInstance;
  /** Default: told by the Kysely instance's adapter. */
  readonly dialect?: DialectName;
}

export type MigratorOptions = ConfigFileOptions | InlineConfigOptions | KyselyOptions;

/** A revision about to run. `from` and `to` are revision IDs; `[]` is base. */
export interface MigrationStepStart {
  readonly revision: string;
  readonly direction: 'upgrade' | 'downgrade';
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly message: string;
  readonly file: string;
}

/** A revision that ran, and how long it took. */
export interface MigrationStep extends MigrationStepStart {
  readonly ms: number;
}

/** `sql()`: an offline script, and its statements per revision. */
export interface SqlScript {
  /** The whole script, as `upgrade --sql` prints it. */
  readonly sql: string;
  /** The statements that create the bookkeeping tables, before the first revision. */
  readonly preamble: readonly string[];
  readonly steps: readonly (MigrationStepStart & { readonly statements: readonly string[] })[];
}

/** One revision of the graph, as `history`, `heads`, `show` and `current` return it. */
export interface RevisionInfo {
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  readonly message: string;
  readonly createDate: string | null;
  /** Absolute path of the revision file. */
  readonly file: string;
  /** Revisions that build on it. */
  readonly children: readonly string[];
  readonly isHead: boolean;
  /** A row of the version table (only known by `current` and `history({ indicateCurrent })`). */
  readonly isCurrent: boolean;
  readonly isBranchPoint: boolean;
  readonly isMergePoint: boolean;
  /** Only in `history()`: the file of a squash revision that replaces this one and waits until the replaced files are deleted. */
  readonly squashedInto?: string;
}

/** `branches()`: a revision several revisions build on, and those revisions. */
export interface BranchPoint extends RevisionInfo {
  readonly branches: readonly RevisionInfo[];
}

/** `current()`: where the database is. */
export interface CurrentState {
  /** The version table's rows: the current revision of each branch (`[]`: base). */
  readonly heads: readonly string[];
  /** Revisions not applied yet, parents first. */
  readonly pending: readonly string[];
  /** No revision is pending. */
  readonly atHeads: boolean;
  /** The revisions of `heads`, in full. */
  readonly revisions: readonly RevisionInfo[];
}

/** `check()`: does the database match the schema? */
export interface CheckResult {
  readonly clean: boolean;
  /** The operations that would bring the database to the schema. */
  readonly operations: readonly Operation[];
  /** One line per operation, e.g. `add column users.email`. */
  readonly summary: readonly string[];
  /** Revisions not applied yet (a clean database may still have some: it matches all the same). */
  readonly pending: readonly string[];
  /** With `lint: true`: the lint findings of every revision (docs/lint.md). */
  readonly findings?: readonly Finding[];
}

/** `revision()`: the new revision, or what it would hold (`dryRun`, or no change found). */
export interface RevisionResult {
  readonly revision: string;
  /** Absolute path of the written file; `null` when nothing was written. */
  readonly file: string | null;
  readonly operations: readonly Operation[];
  readonly summary: readonly string[];
  /** The lint findings of the autogenerated revision just written (docs/lint.md); `[]` otherwise. */
  readonly findings: readonly Finding[];
  /** With `verify`: the revision's round trip in a throwaway database, which it passed (its `file`: the written one, or with `dryRun` a staging copy already removed). */
  readonly verification?: RevisionTest;
}

/** `merge()`: the merge revision. */
export interface MergeResult {
  readonly revision: string;
  /** The merged revisions, sorted: the new file's `downRevision`. */
  readonly parents: readonly string[];
  readonly file: string;
}

/** `squash()`: the squash revision written, and the files it replaces, to delete once no database is inside the range. */
export interface SquashResult {
  /** The squash revision's ID: that of the last revision it replaces. */
  readonly revision: string;
  readonly file: string;
  /** The replaced revisions, oldest first: until these files are deleted they are used, and the squash revision waits. */
  readonly replaced: readonly { readonly revision: string; readonly file: string }[];
  readonly operations: readonly Operation[];
  readonly summary: readonly string[];
  /** Statements of the range that change rows (only with `allowData`; otherwise they are an error). */
  readonly dataStatements: readonly { readonly revision: string; readonly sql: string }[];
}

/** `stamp()`: the version table's change. */
export interface StampResult {
  readonly removed: readonly string[];
  readonly recorded: readonly string[];
}

/** `pull()`: the schema modules written from the database. */
export interface PullResult {
  /** Absolute paths of the written modules, the barrel last. */
  readonly files: readonly string[];
  /** Objects left alone (views, functions, …), counted per kind. */
  readonly skipped: readonly OutOfScopeCount[];
  /** The baseline revision and its file (`stamp: true`), recorded as applied; `null` otherwise. */
  readonly baseline: { readonly revision: string; readonly file: string } | null;
}

/** `rechecksum()`: what was re-recorded. */
export interface RechecksumResult {
  readonly rerecorded: readonly string[];
  readonly forgotten: readonly string[];
}

/** The step of a round trip that failed: a run that threw, a schema that differs, or rows lost by the downgrade. */
export type RoundTripStep = 'upgrade' | 'downgrade' | 'rows' | 'upgrade again';

/** One revision's round trip (`test()`, `revision({ verify })`). */
export interface RevisionTest {
  readonly revision: string;
  readonly message: string;
  /** Absolute path of the revision file. */
  readonly file: string;
  /** `skipped`: an earlier revision failed, leaving the throwaway database in no known state. */
  readonly status: 'ok' | 'failed' | 'skipped';
  /** With `failed`: the step that failed. */
  readonly step?: RoundTripStep;
  /** With `failed`: what differs, one line per operation that would make the schema right (`+ column users.age integer`), or per table that lost rows. */
  readonly differences?: readonly string[];
  /** With `failed` on a step that threw: its error message. */
  readonly error?: string;
}

/** `test()`: every revision of the range, proved in a throwaway database. */
export interface TestResult {
  /** Every revision passed its round trip. */
  readonly ok: boolean;
  readonly revisions: readonly RevisionTest[];
}
