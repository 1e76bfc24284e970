/**
 * `schemigrate merge <revs...> -m <msg>`: a revision whose `downRevision` lists several
 * revisions (usually heads), joining their branches. It changes no schema itself.
 */
import type { ResolvedConfig } from '../config/types.js';
import { newRevisionId, validateRevisionId } from '../revisions/file-name.js';
import { buildGraph, type RevisionGraph } from '../revisions/graph.js';
import { scanVersions } from '../revisions/scan.js';
import { resolveRevision } from '../revisions/targets.js';
import { SchemigrateError } from '../util/errors.js';
import { resolveDialect } from './project.js';
import type { Reporter } from './reporter.js';
import { writeRevision } from './revision.js';

export interface MergeOptions {
  readonly message: string;
  readonly revId?: string;
  readonly branchLabels?: readonly string[];
}

export interface MergeResult {
  readonly revision: string;
  /** The merged revisions, sorted: the new file's `downRevision`. */
  readonly parents: readonly string[];
  readonly file: string;
}

/**
 * Write a merge revision of `names` (IDs, prefixes, `<label>@head`, or `heads` for every head).
 *
 * @example
 * await mergeRevisions(config, ['heads'], { message: 'merge auth and billing' }, reporter);
 */
export async function mergeRevisions(
  config: ResolvedConfig,
  names: readonly string[],
  options: MergeOptions,
  reporter: Reporter,
): Promise<MergeResult> {
  if (!options.message?.trim()) throw new SchemigrateError('A merge needs a message: pass -m "what it joins".');
  const graph = buildGraph(await scanVersions(config.versionsDir));
  const parents = mergeParents(graph, names);
  const revision = options.revId === undefined ? newRevisionId() : validateRevisionId(options.revId);
  if (graph.has(revision)) throw new SchemigrateError(`Revision ID '${revision}' already exists in ${graph.get(revision).file}.`);
  for (const label of options.branchLabels ?? []) {
    const owner = graph.branchLabelOwner(label);
    if (owner !== undefined) throw new SchemigrateError(`Branch label '${label}' is already used by ${graph.get(owner).file}.`);
  }
  const { dialect } = await resolveDialect(config);
  const file = writeRevision(
    config,
    {
      message: options.message,
      revision,
      downRevision: parents,
      branchLabels: options.branchLabels?.length ? options.branchLabels : null,
      dependsOn: null,
      upgrade: [],
      downgrade: [],
      ddl: dialect.renderer,
    },
    reporter,
  );
  return { revision, parents, file };
}

/** Resolve the names to at least two distinct revisions, none built on another. */
function mergeParents(graph: RevisionGraph, names: readonly string[]): readonly string[] {
  const ids = [...new Set(names.flatMap((name) => (name === 'heads' ? graph.heads : [resolveRevision(graph, name)])))].sort();
  if (ids.length < 2) {
    const found = ids.length === 0 ? 'no revision' : `only ${ids[0]}`;
    throw new SchemigrateError(
      `A merge needs at least two revisions to join, but ${names.join(' ')} names ${found}. \`schemigrate heads\` lists the heads.`,
    );
  }
  for (const id of ids) {
    const below = ids.find((other) => other !== id && graph.ancestors(id).includes(other));
    if (below !== undefined) {
      throw new SchemigrateError(`Cannot merge ${below} with ${id}: ${id} already builds on ${below}. Merge only revisions on separate branches.`);
    }
  }
  return ids;
}
