/**
 * `schemigrate squash <from>:<to> -m <msg> [--yes] [--json]`: write one revision standing for
 * a straight run of revisions, and list the files it replaces, to delete (docs/revision-graph.md).
 */
import { relative } from 'node:path';
import type { Session } from '../session.js';

/**
 * @example
 * await squash(session, 'base:3f2a9c1b7d4e');
 */
export async function squash({ migrator, options, output, json }: Session, range: string): Promise<void> {
  const result = await (await migrator()).squash(range, { message: options.message as string, allowData: options.yes === true });
  if (json) return output.json(result);
  const shown = (file: string) => relative(process.cwd(), file) || file;
  output.print(`Generating ${shown(result.file)} ... done (${result.operations.length} operation(s), standing for ${result.replaced.length} revisions)`);
  for (const { revision, sql } of result.dataStatements) output.print(`  data statement left out (--yes): ${revision}: ${sql}`);
  output.print('Delete the replaced files now; until then the revision graph does not load:');
  for (const { file } of result.replaced) output.print(`  ${shown(file)}`);
}
