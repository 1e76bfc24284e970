/**
 * `history`, `heads`, `branches`, `show`: the graph, read from the files' headers (`history -i`
 * also reads the database).
 */
import { detailed, marks, oneLine } from '../revision-text.js';
import type { Session } from '../session.js';

/**
 * `schemigrate history [-r <from>:<to>] [-i] [-v] [--json]`
 *
 * @example
 * await history(session);
 */
export async function history({ migrator, options, output, json }: Session): Promise<void> {
  const project = await migrator();
  const entries = await project.history({ range: options.revRange as string | undefined, indicateCurrent: options.indicateCurrent === true });
  if (json) return output.json(entries);
  // One write for the whole list: thousands of small writes cost more than the graph itself.
  if (entries.length > 0) output.print(entries.map((entry) => (options.verbose ? detailed(entry, project.config.rootDir) : oneLine(entry))).join('\n'));
}

/** `schemigrate heads [-v] [--json]` */
export async function heads({ migrator, options, output, json }: Session): Promise<void> {
  const project = await migrator();
  const entries = await project.heads();
  if (json) return output.json(entries);
  for (const entry of entries) output.print(options.verbose ? detailed(entry, project.config.rootDir) : `${entry.revision} (head)`);
}

/** `schemigrate branches [-v] [--json]`: each branch point, oldest first, with its branches. */
export async function branches({ migrator, options, output, json }: Session): Promise<void> {
  const project = await migrator();
  const points = await project.branches();
  if (json) return output.json(points);
  if (points.length === 0) return output.print('No branch points: every revision has at most one child.');
  for (const point of points) {
    output.print(options.verbose ? detailed(point, project.config.rootDir).trimEnd() : `${point.revision}${marks(point)}, ${point.message}`);
    for (const branch of point.branches) output.print(`    -> ${branch.revision}${marks(branch)}, ${branch.message}`);
    if (options.verbose) output.print('');
  }
}

/** `schemigrate show <rev> [--json]` */
export async function show({ migrator, output, json }: Session, name: string): Promise<void> {
  const project = await migrator();
  const info = await project.show(name);
  if (json) return output.json(info);
  output.print(detailed(info, project.config.rootDir));
}
