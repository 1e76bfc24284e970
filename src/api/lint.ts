/**
 * `lint`: the safe-migration findings of the revisions in a range (docs/lint.md). Offline: the
 * statements are recorded, no database is contacted.
 */
import { lintRevisions, type Finding } from '../lint/lint.js';
import type { Project } from './project.js';

/**
 * The findings of every revision in `range` (`<from>:<to>` or `<to>`; default: base to the
 * heads), in upgrade order, allowances applied.
 *
 * @example
 * const findings = await lint(project, '3f2a9c1b7d4e:head');
 * findings.some((finding) => finding.severity === 'error'); // a CI gate
 */
export async function lint(project: Project, range?: string): Promise<Finding[]> {
  const [graph, dialect] = await Promise.all([project.graph(), project.dialect()]);
  return lintRevisions({ dialect, graph, range });
}
