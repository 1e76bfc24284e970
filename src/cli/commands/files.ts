/**
 * The commands that write project files: `init`, `merge`, `pull`.
 */
import { relative } from 'node:path';
import { initProject } from '../../api/init.js';
import type { Session } from '../session.js';

const shown = (path: string) => relative(process.cwd(), path) || path;

/**
 * `schemigrate init [dir] [--dialect <name>] [--json]`: needs no config.
 *
 * @example
 * await init(session, './my-app');
 */
export async function init({ options, output, json }: Session, directory: string): Promise<void> {
  const result = await initProject({ directory, dialect: options.dialect as string | undefined });
  if (json) return output.json(result);
  for (const path of result.existing) output.print(`  exists  ${shown(path)} (left alone)`);
  for (const path of result.created) output.print(`  create  ${shown(path)}`);
  output.print('Next: edit src/db/schema/, then `schemigrate revision -m "create users" --autogenerate` and `schemigrate upgrade head`.');
}

/**
 * `schemigrate merge <revs...> -m <msg> [--json]`: needs no database.
 *
 * @example
 * await merge(session, ['heads']);
 */
export async function merge({ migrator, options, output, json }: Session, revisions: readonly string[]): Promise<void> {
  const result = await (await migrator()).merge(revisions, {
    message: options.message as string,
    revId: options.revId as string | undefined,
    branchLabels: (options.branchLabel as string[] | undefined) ?? [],
  });
  if (json) return output.json(result);
  output.print(`Generating ${shown(result.file)} ... done`);
}

/**
 * `schemigrate pull [--out <dir>] [--stamp] … [--json]`
 *
 * @example
 * await pull(session);
 */
export async function pull({ migrator, options, output, json }: Session): Promise<void> {
  const result = await (await migrator()).pull({
    out: options.out as string | undefined,
    force: options.force === true,
    stamp: options.stamp === true,
    schemas: (options.schema as string[] | undefined) ?? [],
    allSchemas: options.allSchemas === true,
  });
  if (json) return output.json(result);
  if (result.baseline === null) return;
  // The versions folder was empty, so the version table had no row to remove.
  output.print(`Generating ${shown(result.baseline.file)} ... done`);
  output.print(`Stamped: removed nothing; recorded ${result.baseline.revision}.`);
}
