/**
 * `schemigrate squash <from>:<to> -m <msg> [--yes] [--json]`: write one revision standing for
 * a straight run of revisions, and list the files it replaces, to delete once no database is
 * inside the range (docs/revision-graph.md).
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
  output.print(`It was proved in a throwaway database: from ${result.replaced[0]!.revision}'s parent, its upgrade gives exactly the schema at ${result.revision}, and its downgrade the schema it started from.`);
  output.print('Until the replaced files are deleted they are still used (a database inside the range upgrades through them) and the squash revision waits.');
  output.print(`Delete them once every database is at ${result.revision} or later, or not yet past the range's start (\`schemigrate current\`):`);
  for (const { file } of result.replaced) output.print(`  ${shown(file)}`);
}
