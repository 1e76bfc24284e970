/**
 * `merge`: a revision whose `downRevision` lists several revisions (usually heads), joining
 * their branches. It changes no schema itself, so it needs no database.
 */
import { EMPTY_BODY, planRevision, writeRevision } from '../revisions/new-revision.js';
import type { Project } from './project.js';
import type { MergeResult } from './types.js';

export interface MergeOptions {
  readonly message: string;
  readonly revId?: string;
  readonly branchLabels?: readonly string[];
}

/**
 * Write a merge revision of `names` (IDs, prefixes, `<label>@head`, or `heads` for every head).
 *
 * @example
 * await merge(project, ['heads'], { message: 'merge auth and billing' }); // { revision: 'ab12…', parents: ['b100…', 'c100…'], file: '…' }
 */
export async function merge(project: Project, names: readonly string[], options: MergeOptions): Promise<MergeResult> {
  const header = planRevision(await project.graph(), { message: options.message, revId: options.revId, parents: names, branchLabels: options.branchLabels });
  const file = await writeRevision(project.config, header, EMPTY_BODY);
  project.emit({ type: 'file-written', file });
  return { revision: header.revision, parents: header.downRevision as readonly string[], file };
}
