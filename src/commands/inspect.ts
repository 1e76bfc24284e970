/**
 * Graph inspection: `history`, `current`, `heads`, `branches`, `show`. Headers are read statically;
 * only `current` and `history -i` contact the database.
 */
import { relative } from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { buildGraph, type RevisionGraph } from '../revisions/graph.js';
import { historyEntries, historyEntry, type HistoryEntry } from '../revisions/history.js';
import { pendingRevisions } from '../revisions/plan.js';
import { scanVersions } from '../revisions/scan.js';
import { resolveRevision } from '../revisions/targets.js';
import { SchemigrateError } from '../util/errors.js';
import { withConnection } from './project.js';
import type { Reporter } from './reporter.js';

/** Where inspection results are printed. */
export interface Printer {
  print(line: string): void;
}

async function loadGraph(config: ResolvedConfig): Promise<RevisionGraph> {
  return buildGraph(await scanVersions(config.versionsDir));
}

/**
 * The database side of `current` and `history -i`, imported on demand: it loads Kysely, which
 * the graph-only commands (`history`, `heads`, `branches`, `show`) never need.
 */
async function databaseSide() {
  const [{ readCurrentHeads }, { tamperWarnings }, { describePending }, { assertSoundVersionRows }] = await Promise.all([
    import('../runtime/version-table.js'),
    import('./tamper.js'),
    import('./database-state.js'),
    import('../revisions/version-state.js'),
  ]);
  return { readCurrentHeads, tamperWarnings, describePending, assertSoundVersionRows };
}

async function currentHeads(config: ResolvedConfig): Promise<readonly string[]> {
  const { readCurrentHeads } = await databaseSide();
  return withConnection(config, ({ db }) => readCurrentHeads(db, config.versionTable));
}

function marks(entry: Pick<HistoryEntry, 'isHead' | 'isBranchPoint' | 'isMergePoint' | 'isCurrent'>): string {
  // Plain concatenation: this runs once per line of a history thousands of lines long.
  let text = '';
  if (entry.isHead) text += ' (head)';
  if (entry.isCurrent) text += ' (current)';
  if (entry.isBranchPoint) text += ' (branchpoint)';
  if (entry.isMergePoint) text += ' (mergepoint)';
  return text;
}

function oneLine(entry: HistoryEntry): string {
  const { revision } = entry;
  const parents = revision.downRevisions.length ? revision.downRevisions.join(', ') : '<base>';
  return `${parents} -> ${revision.revision}${marks(entry)}, ${revision.message}`;
}

function detailed(entry: HistoryEntry, config: ResolvedConfig): string {
  const { revision } = entry;
  const lines = [
    `Rev: ${revision.revision}${marks(entry)}`,
    `Parent: ${revision.downRevisions.length ? revision.downRevisions.join(', ') : '<base>'}`,
  ];
  if (entry.children.length > 1) lines.push(`Branches into: ${entry.children.join(', ')}`);
  if (revision.branchLabels.length) lines.push(`Branch names: ${revision.branchLabels.join(', ')}`);
  if (revision.dependsOn.length) lines.push(`Depends on: ${revision.dependsOn.join(', ')}`);
  lines.push(`Path: ${relative(config.rootDir, revision.file)}`, '', `    ${revision.message}`);
  if (revision.createDate) lines.push('', `    Create Date: ${revision.createDate}`);
  return `${lines.join('\n')}\n`;
}

function asJson(entry: HistoryEntry) {
  const { revision } = entry;
  return {
    revision: revision.revision,
    downRevision: revision.downRevisions.length > 1 ? revision.downRevisions : (revision.downRevisions[0] ?? null),
    branchLabels: revision.branchLabels,
    dependsOn: revision.dependsOn,
    message: revision.message,
    createDate: revision.createDate ?? null,
    file: revision.file,
    isHead: entry.isHead,
    isCurrent: entry.isCurrent,
    isBranchPoint: entry.isBranchPoint,
    isMergePoint: entry.isMergePoint,
  };
}

/** The revisions between `from` and `to` (inclusive), either end optional. */
function inRange(graph: RevisionGraph, range: string, heads: readonly string[]): (id: string) => boolean {
  const parts = range.split(':');
  if (parts.length !== 2) throw new SchemigrateError(`Invalid range '${range}': write <from>:<to>, either end optional (e.g. base:head, 3f2a:).`);
  const resolveEnd = (name: string, side: 'from' | 'to'): readonly string[] | undefined => {
    if (name === '' || name === 'base' || name === 'heads') return undefined;
    // A database at base is the bottom of the graph: as a lower end it excludes nothing.
    if (name === 'current') return heads.length > 0 || side === 'to' ? heads : undefined;
    return [resolveRevision(graph, name)];
  };
  const from = resolveEnd(parts[0]!, 'from');
  const to = resolveEnd(parts[1]!, 'to');
  const above = from && new Set(from.flatMap((id) => [id, ...graph.descendants(id)]));
  const below = to && new Set(to.flatMap((id) => [id, ...graph.ancestors(id)]));
  return (id) => (!above || above.has(id)) && (!below || below.has(id));
}

/**
 * Print the graph, newest first.
 *
 * @example
 * await history(config, { indicateCurrent: true }, printer);
 */
export async function history(
  config: ResolvedConfig,
  options: { revRange?: string; verbose?: boolean; indicateCurrent?: boolean; json?: boolean },
  printer: Printer,
): Promise<void> {
  const graph = await loadGraph(config);
  const needsDatabase = options.indicateCurrent || options.revRange?.split(':').includes('current');
  const heads = needsDatabase ? await currentHeads(config) : [];
  const keep = options.revRange ? inRange(graph, options.revRange, heads) : () => true;
  const entries = historyEntries(graph, options.indicateCurrent ? heads : []).filter((entry) => keep(entry.revision.revision));
  if (options.json) {
    printer.print(JSON.stringify(entries.map(asJson), null, 2));
    return;
  }
  // One write for the whole list: thousands of small writes cost more than the graph itself.
  if (entries.length > 0) printer.print(entries.map((entry) => (options.verbose ? detailed(entry, config) : oneLine(entry))).join('\n'));
}

/**
 * Print the revision(s) the database is at, warning about applied revision files that changed
 * or disappeared (`tamperWarnings`); a version table that cannot be right is a SchemigrateError
 * (`assertSoundVersionRows`). With `checkHeads`, then fail (a SchemigrateError,
 * exit status 1) unless every head is applied: a gate for deploy scripts.
 *
 * @example
 * await current(config, {}, printer); // 9c1e4b7a2f3d (head)
 * await current(config, { checkHeads: true }, printer); // throws when revisions are pending
 */
export async function current(
  config: ResolvedConfig,
  options: { verbose?: boolean; json?: boolean; checkHeads?: boolean },
  printer: Printer & Pick<Reporter, 'warn'>,
): Promise<void> {
  const graph = await loadGraph(config);
  const { readCurrentHeads, tamperWarnings, describePending, assertSoundVersionRows } = await databaseSide();
  const { heads, tampered } = await withConnection(config, async ({ db }) => ({
    heads: await readCurrentHeads(db, config.versionTable),
    tampered: await tamperWarnings(db, graph, config),
  }));
  for (const warning of tampered) printer.warn(warning);
  assertSoundVersionRows(graph, heads, config.versionTable);
  const entries = heads.map((id) => historyEntry(graph, id, heads));
  if (options.json) {
    printer.print(JSON.stringify(entries.map(asJson), null, 2));
    return;
  }
  if (entries.length === 0) printer.print('<base> (no revision applied)');
  for (const entry of entries) {
    printer.print(options.verbose ? detailed(entry, config) : `${entry.revision.revision}${marks({ ...entry, isCurrent: false })}`);
  }
  if (options.checkHeads) {
    const pending = pendingRevisions(graph, heads);
    if (pending.length > 0) {
      throw new SchemigrateError(`${describePending(pending)} Heads: ${graph.heads.join(', ')}. Run \`schemigrate upgrade heads\`.`);
    }
  }
}

/**
 * Print every branch point (a revision several revisions build on) with its branches, oldest
 * first; `verbose` prints each branch point in full.
 *
 * @example
 * await branches(config, {}, printer);
 * // 3f2a9c1b7d4e (branchpoint), create users
 * //     -> 9c1e4b7a2f3d (head), add profile
 * //     -> 77aa00000000 (head), add billing
 */
export async function branches(config: ResolvedConfig, options: { verbose?: boolean }, printer: Printer): Promise<void> {
  const graph = await loadGraph(config);
  const points = graph.topologicalOrder().filter((id) => graph.children(id).length > 1);
  if (points.length === 0) {
    printer.print('No branch points: every revision has at most one child.');
    return;
  }
  for (const id of points) {
    const entry = historyEntry(graph, id, []);
    printer.print(options.verbose ? detailed(entry, config).trimEnd() : `${id}${marks(entry)}, ${entry.revision.message}`);
    for (const child of entry.children) {
      const childEntry = historyEntry(graph, child, []);
      printer.print(`    -> ${child}${marks(childEntry)}, ${childEntry.revision.message}`);
    }
    if (options.verbose) printer.print('');
  }
}

/**
 * Print every head of the graph.
 *
 * @example
 * await heads(config, {}, printer); // 9c1e4b7a2f3d (head)
 */
export async function heads(config: ResolvedConfig, options: { verbose?: boolean }, printer: Printer): Promise<void> {
  const graph = await loadGraph(config);
  for (const id of graph.heads) {
    const entry = historyEntry(graph, id, []);
    printer.print(options.verbose ? detailed(entry, config) : `${id} (head)`);
  }
}

/**
 * Print one revision in detail.
 *
 * @example
 * await show(config, '9c1e', printer);
 */
export async function show(config: ResolvedConfig, name: string, printer: Printer): Promise<void> {
  const graph = await loadGraph(config);
  const id = name === 'base' ? undefined : resolveRevision(graph, name);
  if (!id) throw new SchemigrateError("'base' is the empty database before any revision; name a revision to show.");
  printer.print(detailed(historyEntry(graph, id, []), config));
}
