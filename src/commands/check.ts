/**
 * `schemigrate check`: does the database match the schema? For CI.
 */
import type { ResolvedConfig } from '../config/types.js';
import type { Operation } from '../operations/types.js';
import { buildGraph } from '../revisions/graph.js';
import { scanVersions } from '../revisions/scan.js';
import { SchemigrateError } from '../util/errors.js';
import { autogenerate } from './autogenerate.js';
import { describePending, pendingInDatabase } from './database-state.js';
import { withConnection } from './project.js';
import type { Reporter } from './reporter.js';
import { tamperWarnings } from './tamper.js';

/**
 * The operations that would bring the database to the schema; empty when they match.
 *
 * With revisions pending, a difference is reported as the pending revisions (apply them
 * first), while a database that already matches the schema passes with a warning — so a
 * `downgrade -1` followed by a check against the previous schema is clean.
 *
 * @example
 * const differences = await checkSchema(config, reporter);
 * process.exitCode = differences.length ? 1 : 0;
 */
export async function checkSchema(config: ResolvedConfig, reporter: Reporter): Promise<readonly Operation[]> {
  const graph = buildGraph(await scanVersions(config.versionsDir));
  const { result, pending, tampered } = await withConnection(config, async ({ db, dialect }) => ({
    pending: await pendingInDatabase(db, graph, config.versionTable),
    tampered: await tamperWarnings(db, graph, config),
    result: await autogenerate(config, db, dialect),
  }));
  for (const warning of tampered) reporter.warn(warning);
  for (const warning of result.warnings) reporter.warn(warning);
  if (pending.length > 0) {
    if (result.operations.length > 0) {
      throw new SchemigrateError(
        `${describePending(pending)} The database differs from the schema by ${result.operations.length} operation(s); run \`schemigrate upgrade head\` and check again.`,
      );
    }
    reporter.warn(`${describePending(pending)} It matches the schema all the same.`);
  }
  return result.operations;
}
