/**
 * Tamper detection: applied revision files whose text changed since they were applied, or that
 * disappeared, found by comparing the checksum table with the files (docs/reliability.md), and
 * `schemigrate rechecksum` to re-record checksums after an intended edit.
 */
import { relative } from 'node:path';
import type { Kysely } from 'kysely';
import type { ResolvedConfig } from '../config/types.js';
import { fileChecksum } from '../revisions/checksum.js';
import type { RevisionGraph } from '../revisions/graph.js';
import { appliedRevisions } from '../revisions/plan.js';
import { resolveRevision } from '../revisions/targets.js';
import { checksumTableName, readChecksums } from '../runtime/checksum-table.js';
import { rechecksumRevisions } from '../runtime/migrate.js';
import type { Project } from './project.js';
import type { RechecksumResult } from './types.js';

/**
 * One warning per applied revision whose file changed or is missing from `versions/`; empty
 * when every recorded checksum matches (revisions applied before checksums were recorded are
 * not reported).
 *
 * @example
 * for (const warning of await tamperWarnings(db, graph, config)) reporter.warn(warning);
 * // The file of applied revision 9c1e4b7a2f3d (migrations/versions/9c1e…_add_profile.ts) has changed since it was applied; …
 */
export async function tamperWarnings(db: Kysely<any>, graph: RevisionGraph, config: ResolvedConfig): Promise<string[]> {
  return checksumWarnings(await readChecksums(db, checksumTableName(config.versionTable)), graph, config);
}

/**
 * `tamperWarnings` for checksums already read (under the migration lock, by `upgrade`).
 *
 * @example
 * await checksumWarnings(new Map([['9c1e4b7a2f3d', '5e8f…']]), graph, config); // [] when the file still matches
 */
export async function checksumWarnings(recorded: ReadonlyMap<string, string>, graph: RevisionGraph, config: ResolvedConfig): Promise<string[]> {
  const warnings: string[] = [];
  // A revision a squash revision replaces was applied through its own file, deleted on purpose since.
  const squashed = new Set(graph.revisions.flatMap((header) => header.replaces ?? []));
  for (const [revision, checksum] of recorded) {
    if (!graph.has(revision)) {
      if (squashed.has(revision)) continue;
      warnings.push(
        `Applied revision ${revision} has no file in ${relative(config.rootDir, config.versionsDir) || '.'}: it was deleted or its ID changed. Restore the file (or, if it is gone on purpose, \`schemigrate rechecksum\` forgets revisions that are not applied).`,
      );
      continue;
    }
    const { file, replaces } = graph.get(revision);
    // A squash revision keeps the ID of the last revision it replaces, whose text was applied.
    if (!replaces?.length && fileChecksum(file) !== checksum) {
      warnings.push(
        `The file of applied revision ${revision} (${relative(config.rootDir, file)}) has changed since it was applied; the database ran the earlier text. Undo the edit, or run \`schemigrate rechecksum ${revision}\` if it is intended.`,
      );
    }
  }
  return warnings;
}

/**
 * Record the current checksum of the named applied revisions (every applied revision when none
 * is named) after an intended edit, and forget the leftover checksums of named (or all)
 * revisions that are not applied.
 *
 * @example
 * await rechecksum(project, ['9c1e']); // { rerecorded: ['9c1e4b7a2f3d'], forgotten: [] }
 */
export async function rechecksum(project: Project, revisions: readonly string[] = []): Promise<RechecksumResult> {
  const graph = await project.graph();
  const only = revisions.length > 0 ? revisions.map((name) => resolveRevision(graph, name)) : undefined;
  const { db, dialect } = await project.connection();
  return rechecksumRevisions({
    db,
    dialect,
    versionTable: project.config.versionTable,
    lockMode: project.config.lockMode,
    applied: (heads) => appliedRevisions(graph, heads),
    fileOf: (id) => graph.get(id).file,
    only,
  });
}
