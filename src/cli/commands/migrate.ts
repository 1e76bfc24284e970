/**
 * `upgrade`, `downgrade` (`--sql`: the script, no database) and `stamp`.
 */
import type { Session } from '../session.js';

/**
 * `schemigrate upgrade|downgrade <target> [--sql] [--allow-changed] [--json]`: a line per
 * revision as it starts, its time when it ends.
 *
 * @example
 * await migrate(session, 'upgrade', 'head');
 */
export async function migrate({ migrator, options, output, json }: Session, direction: 'upgrade' | 'downgrade', target: string): Promise<void> {
  const project = await migrator();
  if (options.sql) {
    const script = await project.sql(target, { direction });
    if (json) return output.json(script);
    return output.print(script.sql.trimEnd());
  }
  const steps = await project[direction](target, { allowChanged: options.allowChanged === true });
  if (json) return output.json(steps);
  if (steps.length === 0) output.info(`Nothing to ${direction}: the database is already at ${target}.`);
}

/**
 * `schemigrate stamp <targets...> [--purge] [--json]`
 *
 * @example
 * await stamp(session, ['head']); // Stamped: removed nothing; recorded 9c1e4b7a2f3d.
 */
export async function stamp({ migrator, options, output, json }: Session, targets: readonly string[]): Promise<void> {
  const change = await (await migrator()).stamp(targets, { purge: options.purge === true });
  if (json) return output.json(change);
  const list = (ids: readonly string[]) => (ids.length > 0 ? ids.join(', ') : 'nothing');
  output.print(`Stamped: removed ${list(change.removed)}; recorded ${list(change.recorded)}.`);
}

/**
 * `schemigrate rechecksum [revs...] [--json]`
 *
 * @example
 * await rechecksum(session, ['9c1e']); // Re-recorded the checksum of 9c1e4b7a2f3d.
 */
export async function rechecksum({ migrator, output, json }: Session, revisions: readonly string[]): Promise<void> {
  const result = await (await migrator()).rechecksum(revisions);
  if (json) return output.json(result);
  const { rerecorded, forgotten } = result;
  if (rerecorded.length > 0) output.print(`Re-recorded the checksum of ${rerecorded.join(', ')}.`);
  if (forgotten.length > 0) output.print(`Forgot the checksum of ${forgotten.join(', ')}: not applied.`);
  if (rerecorded.length + forgotten.length === 0) output.print('Every checksum was already up to date.');
}
