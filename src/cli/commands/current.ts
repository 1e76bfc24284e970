/**
 * `schemigrate current [-v] [--check-heads] [--json]`: the revision(s) the database is at. With
 * `--check-heads`, exit status 2 when revisions are pending (a gate for deploy scripts).
 */
import { describePending } from '../../api/database-state.js';
import { detailed, marks } from '../revision-text.js';
import type { Session } from '../session.js';

/**
 * @example
 * await current(session); // prints '9c1e4b7a2f3d (head)'
 */
export async function current({ migrator, options, output, json }: Session): Promise<void> {
  const project = await migrator();
  const state = await project.current();
  if (json) {
    output.json(state);
  } else {
    if (state.revisions.length === 0) output.print('<base> (no revision applied)');
    for (const info of state.revisions) {
      output.print(options.verbose ? detailed(info, project.config.rootDir) : `${info.revision}${marks({ ...info, isCurrent: false })}`);
    }
  }
  if (options.checkHeads && !state.atHeads) {
    if (!json) output.warn(`${describePending(state.pending)} Run \`schemigrate upgrade heads\`.`);
    process.exitCode = 2;
  }
}
