/**
 * `schemigrate check [--json]`: exit status 0 when the database matches the schema, 2 (printing
 * the operations) when it differs, 1 on any error. For CI.
 */
import type { Session } from '../session.js';

/**
 * @example
 * await check(session);
 */
export async function check({ migrator, output, json }: Session): Promise<void> {
  const result = await (await migrator()).check();
  if (!result.clean) process.exitCode = 2;
  if (json) return output.json(result);
  if (result.clean) return output.print('No differences: the database matches the schema.');
  output.print(`The database differs from the schema (${result.operations.length} operation(s)):`);
  for (const line of result.summary) output.print(`  ${line}`);
}
