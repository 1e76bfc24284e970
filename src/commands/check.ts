/**
 * `schemigrate check`: does the database match the schema? For CI.
 */
import type { ResolvedConfig } from '../config/types.js';
import type { Operation } from '../operations/types.js';
import { buildGraph } from '../revisions/graph.js';
import { scanVersions } from '../revisions/scan.js';
import { autogenerate } from './autogenerate.js';
import { requireAtHeads } from './database-state.js';
import { withConnection } from './project.js';
import type { Reporter } from './reporter.js';

/**
 * The operations that would bring the database to the schema; empty when they match.
 *
 * @example
 * const differences = await checkSchema(config, reporter);
 * process.exitCode = differences.length ? 1 : 0;
 */
export async function checkSchema(config: ResolvedConfig, reporter: Reporter): Promise<readonly Operation[]> {
  const graph = buildGraph(await scanVersions(config.versionsDir));
  const result = await withConnection(config, async ({ db, dialect }) => {
    await requireAtHeads(db, graph, config.versionTable);
    return autogenerate(config, db, dialect);
  });
  for (const warning of result.warnings) reporter.warn(warning);
  return result.operations;
}
