/**
 * `schemigrate revision`: write a new revision file, empty or filled by autogenerate.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Kysely } from 'kysely';
import type { ResolvedConfig } from '../config/types.js';
import type { DdlStyle } from '../dialects/dialect.js';
import { describeOperation } from '../operations/describe.js';
import type { Operation } from '../operations/types.js';
import { renderRevisionFile } from '../render/revision-file.js';
import { newRevisionId, revisionFileName, validateRevisionId } from '../revisions/file-name.js';
import { buildGraph, type RevisionGraph } from '../revisions/graph.js';
import { scanVersions } from '../revisions/scan.js';
import { resolveRevision } from '../revisions/targets.js';
import { SchemigrateError } from '../util/errors.js';
import { globMatcher } from '../util/glob.js';
import { autogenerate } from './autogenerate.js';
import { describePending, pendingInDatabase } from './database-state.js';
import { findDataLoss, guardDataLoss, warnDataLoss } from './data-loss-guard.js';
import { assertNoKeysToDottedTables } from './dotted-table-keys.js';
import { diagnoseEmpty } from './empty-diagnosis.js';
import { renameAnswers } from './rename-answers.js';
import { resolveDialect, withConnection } from './project.js';
import type { Reporter } from './reporter.js';
import { readRevisionTemplate } from './templates.js';

export interface RevisionOptions {
  readonly message: string;
  readonly autogenerate?: boolean;
  readonly revId?: string;
  readonly dryRun?: boolean;
  readonly allowEmpty?: boolean;
  /** The parent: a revision ID, prefix, `head`, `<label>@head`, or `base` for a new root. */
  readonly head?: string;
  /** Allow `head` to name a revision that is not a head, starting a new branch from it. */
  readonly splice?: boolean;
  readonly branchLabels?: readonly string[];
  /** Revisions (IDs, prefixes, `<label>@head`) the new one depends on; stored as full IDs. */
  readonly dependsOn?: readonly string[];
  /** `--rename old=new` / `table.old=new`: renames confirmed ahead of time. */
  readonly rename?: readonly string[];
  /** `--drop-create old` / `table.old`: rename candidates that are a real drop and create. */
  readonly dropCreate?: readonly string[];
  /** `--yes`: confirm dropping tables and columns that hold data, and changes that may lose some. */
  readonly yes?: boolean;
  /** Ask questions on the terminal; by default, when stdin is a terminal. */
  readonly interactive?: boolean;
}

export interface RevisionResult {
  readonly revision: string;
  /** Absolute path of the written file; undefined when nothing was written. */
  readonly file?: string;
  readonly operations: readonly Operation[];
}

/**
 * Create a revision on top of the current head.
 *
 * @example
 * await createRevision(config, { message: 'add users', autogenerate: true }, reporter);
 */
export async function createRevision(
  config: ResolvedConfig,
  options: RevisionOptions,
  reporter: Reporter,
): Promise<RevisionResult> {
  if (!options.message?.trim()) throw new SchemigrateError('A revision needs a message: pass -m "what it changes".');
  const graph = buildGraph(await scanVersions(config.versionsDir));
  const revision = options.revId === undefined ? newRevisionId() : validateRevisionId(options.revId);
  if (graph.has(revision)) {
    throw new SchemigrateError(`Revision ID '${revision}' already exists in ${graph.get(revision).file}.`);
  }
  const parent = chooseParent(graph, options);
  const branchLabels = checkBranchLabels(graph, options.branchLabels ?? []);
  const dependsOn = resolveDependencies(graph, options.dependsOn ?? [], parent);

  let upgrade: readonly Operation[] = [];
  let downgrade: readonly Operation[] = [];
  let operations: readonly Operation[] = [];
  let ddl: DdlStyle;
  if (options.autogenerate) {
    const interactive = options.interactive ?? process.stdin.isTTY === true;
    const answers = renameAnswers({
      rename: options.rename ?? [],
      dropCreate: options.dropCreate ?? [],
      interactive,
      previewOnly: options.dryRun === true,
    });
    const result = await withConnection(config, async ({ db, dialect }) => {
      const pending = await pendingInDatabase(db, graph, config.versionTable);
      if (pending.length > 0) {
        throw new SchemigrateError(
          `${describePending(pending)} Autogenerate compares against the newest revision, so run \`schemigrate upgrade head\` first.`,
        );
      }
      const generated = await autogenerate(config, db, dialect, { resolveRenames: answers.resolve });
      answers.checkAllUsed();
      return {
        ...generated,
        ddl: dialect.renderer,
        dataLoss: await findDataLoss(db, dialect, generated.operations),
        excludedTables: generated.operations.length === 0 ? await excludedTables(db, config) : [],
      };
    });
    for (const warning of [...result.warnings, ...answers.warnings()]) reporter.warn(warning);
    ({ upgrade, downgrade, operations, ddl } = result);
    for (const operation of operations) reporter.info(`  ${describeOperation(operation)}`);
    assertNoKeysToDottedTables([...upgrade, ...downgrade]);
    if (operations.length === 0 && !options.allowEmpty) {
      reporter.info(
        diagnoseEmpty({
          barrel: relative(process.cwd(), config.schemaPath) || config.schemaPath,
          schemaTableCount: result.schemaTableCount,
          databaseTableCount: result.databaseTableCount,
          versionTable: config.versionTable,
          excludedTables: result.excludedTables,
          barrelWarnings: result.warnings.length,
        }),
      );
      return { revision, operations };
    }
    if (options.dryRun) {
      warnDataLoss(result.dataLoss, reporter);
    } else {
      await guardDataLoss(
        result.dataLoss,
        {
          yes: options.yes === true,
          interactive,
          confirmed: answers.confirmedDrops(),
          barrel: relative(process.cwd(), config.schemaPath) || config.schemaPath,
        },
        reporter,
      );
    }
  } else {
    if ((options.rename?.length ?? 0) + (options.dropCreate?.length ?? 0) > 0) {
      throw new SchemigrateError('--rename and --drop-create answer the questions of --autogenerate; pass --autogenerate too.');
    }
    ddl = (await resolveDialect(config)).dialect.renderer;
  }

  if (options.dryRun) {
    reporter.info(`Dry run: revision ${revision} would hold ${operations.length} operation(s); nothing was written.`);
    return { revision, operations };
  }

  const file = writeRevision(config, {
    message: options.message,
    revision,
    downRevision: parent,
    branchLabels: branchLabels.length > 0 ? branchLabels : null,
    dependsOn: dependsOn.length > 0 ? dependsOn : null,
    upgrade,
    downgrade,
    ddl,
  }, reporter);
  return { revision, file, operations };
}

/** What a new revision file says, besides its template and date. */
export interface NewRevisionFile {
  readonly message: string;
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels: readonly string[] | null;
  readonly dependsOn: readonly string[] | null;
  readonly upgrade: readonly Operation[];
  readonly downgrade: readonly Operation[];
  readonly ddl: DdlStyle;
}

/**
 * Render a revision file from the project's template into `versions/`; never overwrites.
 * Returns the file's absolute path.
 *
 * @example
 * writeRevision(config, { message: 'merge', revision: 'ab12cd34ef56', downRevision: ['b100', 'c100'],
 *   branchLabels: null, dependsOn: null, upgrade: [], downgrade: [], ddl }, reporter);
 */
export function writeRevision(config: ResolvedConfig, input: NewRevisionFile, reporter: Reporter): string {
  const createDate = new Date();
  const source = renderRevisionFile({ ...input, template: readRevisionTemplate(config), message: input.message.trim(), createDate });
  mkdirSync(config.versionsDir, { recursive: true });
  const file = join(
    config.versionsDir,
    revisionFileName(config.fileTemplate, { revision: input.revision, message: input.message, date: createDate }),
  );
  if (existsSync(file)) throw new SchemigrateError(`${file} already exists; not overwriting it.`);
  writeFileSync(file, source);
  reporter.info(`Generating ${relative(process.cwd(), file) || file} ... done`);
  return file;
}

/** Database tables that `tables.exclude` hides (listed only to explain an empty result). */
async function excludedTables(db: Kysely<any>, config: ResolvedConfig): Promise<string[]> {
  if (config.exclude.length === 0) return [];
  const isExcluded = globMatcher(config.exclude);
  const tables = await db.introspection.getTables();
  return [...new Set(tables.map((table) => table.name))].filter((name) => name !== config.versionTable && isExcluded(name)).sort();
}

/**
 * The new revision's parent: `--head` when given (`base` for a new root; a revision that is
 * not a head only with `--splice`), else the graph's single head.
 */
function chooseParent(graph: RevisionGraph, options: RevisionOptions): string | null {
  if (options.head === undefined) {
    if (graph.heads.length > 1) {
      throw new SchemigrateError(
        `The revision graph has ${graph.heads.length} heads (${graph.heads.join(', ')}); a new revision needs one parent. ` +
          'Name it with --head <rev> (or --head <branchLabel>@head), or merge the heads first with `schemigrate merge heads -m "…"`.',
      );
    }
    return graph.heads[0] ?? null;
  }
  if (options.head === 'base') return null;
  const parent = resolveRevision(graph, options.head);
  if (graph.children(parent).length > 0 && !options.splice) {
    throw new SchemigrateError(
      `Revision ${parent} is not a head: ${graph.children(parent).join(', ')} already build(s) on it. ` +
        `A revision on it starts a new branch; pass --splice to do that, or name a head (\`schemigrate heads\` lists them).`,
    );
  }
  return parent;
}

const RESERVED_LABELS = new Set(['head', 'heads', 'base', 'current']);

/** Branch labels must be unused, and must not read as a target (`@`, `:`, `+N`, reserved words). */
function checkBranchLabels(graph: RevisionGraph, labels: readonly string[]): readonly string[] {
  for (const label of labels) {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(label) || RESERVED_LABELS.has(label)) {
      throw new SchemigrateError(
        `Invalid branch label '${label}': use a letter or underscore, then letters, digits, '_', '.' or '-' (not head, heads, base or current).`,
      );
    }
    const owner = graph.branchLabelOwner(label);
    if (owner !== undefined) {
      throw new SchemigrateError(`Branch label '${label}' is already used by ${graph.get(owner).file}.`);
    }
    if (graph.has(label)) throw new SchemigrateError(`Branch label '${label}' is also a revision ID; choose another.`);
  }
  if (new Set(labels).size !== labels.length) throw new SchemigrateError(`A branch label is given twice: ${labels.join(', ')}.`);
  return labels;
}

/** `--depends-on` names resolved to full IDs, checked to be neither the parent nor repeated. */
function resolveDependencies(graph: RevisionGraph, names: readonly string[], parent: string | null): readonly string[] {
  const ids = names.map((name) => graph.branchLabelOwner(name) ?? resolveRevision(graph, name));
  for (const [index, id] of ids.entries()) {
    if (id === parent) throw new SchemigrateError(`--depends-on ${names[index]} names the new revision's own parent (${id}); it needs no dependency.`);
    if (ids.indexOf(id) !== index) throw new SchemigrateError(`--depends-on names ${id} twice.`);
  }
  return ids;
}
