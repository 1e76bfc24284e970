/**
 * `schemigrate revision`: write a new revision file, empty or filled by autogenerate.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import type { DdlStyle } from '../dialects/dialect.js';
import { describeOperation } from '../operations/describe.js';
import type { Operation } from '../operations/types.js';
import { renderRevisionFile } from '../render/revision-file.js';
import { newRevisionId, revisionFileName, validateRevisionId } from '../revisions/file-name.js';
import { buildGraph } from '../revisions/graph.js';
import { scanVersions } from '../revisions/scan.js';
import { SchemigrateError } from '../util/errors.js';
import { autogenerate } from './autogenerate.js';
import { describePending, pendingInDatabase } from './database-state.js';
import { resolveDialect, withConnection } from './project.js';
import type { Reporter } from './reporter.js';
import { readRevisionTemplate } from './templates.js';

export interface RevisionOptions {
  readonly message: string;
  readonly autogenerate?: boolean;
  readonly revId?: string;
  readonly dryRun?: boolean;
  readonly allowEmpty?: boolean;
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
  if (graph.heads.length > 1) {
    throw new SchemigrateError(
      `The revision graph has ${graph.heads.length} heads (${graph.heads.join(', ')}); a new revision needs one parent. ` +
        'Merge them first with `schemigrate merge`.',
    );
  }
  const parent = graph.heads[0] ?? null;

  let upgrade: readonly Operation[] = [];
  let downgrade: readonly Operation[] = [];
  let operations: readonly Operation[] = [];
  let ddl: DdlStyle;
  if (options.autogenerate) {
    const result = await withConnection(config, async ({ db, dialect }) => {
      const pending = await pendingInDatabase(db, graph, config.versionTable);
      if (pending.length > 0) {
        throw new SchemigrateError(
          `${describePending(pending)} Autogenerate compares against the newest revision, so run \`schemigrate upgrade head\` first.`,
        );
      }
      return { ...(await autogenerate(config, db, dialect)), ddl: dialect.ddl };
    });
    for (const warning of result.warnings) reporter.warn(warning);
    ({ upgrade, downgrade, operations, ddl } = result);
    for (const operation of operations) reporter.info(`  ${describeOperation(operation)}`);
    if (operations.length === 0 && !options.allowEmpty) {
      reporter.info(
        `No changes detected: the database matches the schema, so no revision was written (--allow-empty writes one anyway). ` +
          `The barrel ${relative(process.cwd(), config.schemaPath) || config.schemaPath} exported ${result.schemaTableCount} table(s); ` +
          `the database has ${result.databaseTableCount}.`,
      );
      return { revision, operations };
    }
  } else {
    ddl = (await resolveDialect(config)).dialect.ddl;
  }

  if (options.dryRun) {
    reporter.info(`Dry run: revision ${revision} would hold ${operations.length} operation(s); nothing was written.`);
    return { revision, operations };
  }

  const createDate = new Date();
  const source = renderRevisionFile({
    template: readRevisionTemplate(config),
    message: options.message.trim(),
    revision,
    downRevision: parent,
    branchLabels: null,
    dependsOn: null,
    createDate,
    upgrade,
    downgrade,
    ddl,
  });
  mkdirSync(config.versionsDir, { recursive: true });
  const file = join(
    config.versionsDir,
    revisionFileName(config.fileTemplate, { revision, message: options.message, date: createDate }),
  );
  if (existsSync(file)) throw new SchemigrateError(`${file} already exists; not overwriting it.`);
  writeFileSync(file, source);
  reporter.info(`Generating ${relative(process.cwd(), file) || file} ... done`);
  return { revision, file, operations };
}
