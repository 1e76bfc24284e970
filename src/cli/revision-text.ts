/**
 * How the graph commands print revisions: one line each (`history`), or in full (`-v`).
 */
import { basename, relative } from 'node:path';
import type { RevisionInfo } from '../api/types.js';

/** The marks after a revision ID: ` (head) (current) (branchpoint) (mergepoint) (squashed into …)`. */
export function marks(info: Pick<RevisionInfo, 'isHead' | 'isBranchPoint' | 'isMergePoint' | 'isCurrent' | 'squashedInto'>): string {
  // Plain concatenation: this runs once per line of a history thousands of lines long.
  let text = '';
  if (info.isHead) text += ' (head)';
  if (info.isCurrent) text += ' (current)';
  if (info.isBranchPoint) text += ' (branchpoint)';
  if (info.isMergePoint) text += ' (mergepoint)';
  if (info.squashedInto !== undefined) text += ` (squashed into ${basename(info.squashedInto)}, which waits for this file to be deleted)`;
  return text;
}

function parents(info: RevisionInfo): string {
  const list = info.downRevision === null ? [] : typeof info.downRevision === 'string' ? [info.downRevision] : info.downRevision;
  return list.length > 0 ? list.join(', ') : '<base>';
}

/**
 * `3f2a9c1b7d4e -> 9c1e4b7a2f3d (head), add profile`
 *
 * @example
 * oneLine(info);
 */
export function oneLine(info: RevisionInfo): string {
  return `${parents(info)} -> ${info.revision}${marks(info)}, ${info.message}`;
}

/**
 * A revision in full, its path relative to `rootDir`; ends with a newline.
 *
 * @example
 * detailed(info, migrator.config.rootDir);
 */
export function detailed(info: RevisionInfo, rootDir: string): string {
  const lines = [`Rev: ${info.revision}${marks(info)}`, `Parent: ${parents(info)}`];
  if (info.children.length > 1) lines.push(`Branches into: ${info.children.join(', ')}`);
  if (info.branchLabels.length) lines.push(`Branch names: ${info.branchLabels.join(', ')}`);
  if (info.dependsOn.length) lines.push(`Depends on: ${info.dependsOn.join(', ')}`);
  lines.push(`Path: ${relative(rootDir, info.file)}`, '', `    ${info.message}`);
  if (info.createDate) lines.push('', `    Create Date: ${info.createDate}`);
  return `${lines.join('\n')}\n`;
}
