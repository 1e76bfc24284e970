/**
 * The revision graph: revisions linked to their parents (`downRevision`, several for a merge)
 * and to revisions they need first (`dependsOn`), with any number of roots and branches.
 * Built once from the headers and validated; every query is pure.
 */
import { basename } from 'node:path';
import { SchemigrateError } from '../util/errors.js';
import type { RevisionHeader } from './header.js';

/** Immutable view of the validated revision graph. */
export interface RevisionGraph {
  /** Every revision, sorted by ID. */
  readonly revisions: readonly RevisionHeader[];
  /** Revisions that no other revision names as `downRevision`, sorted by ID. */
  readonly heads: readonly string[];
  /** Revisions without a `downRevision`, sorted by ID. */
  readonly bases: readonly string[];
  has(id: string): boolean;
  /** The header of a revision; throws a SchemigrateError for an unknown ID. */
  get(id: string): RevisionHeader;
  /** Revisions naming `id` as `downRevision`, sorted by ID. */
  children(id: string): readonly string[];
  /** `downRevisions` and `dependsOn` together: what must be applied before `id`, sorted by ID. */
  requirements(id: string): readonly string[];
  /** Every revision that must be applied before `id` (through parents and dependsOn), sorted by ID. */
  ancestors(id: string): readonly string[];
  /** Every revision that needs `id` applied first, sorted by ID. */
  descendants(id: string): readonly string[];
  /** Revisions naming `id` directly, as `downRevision` or in `dependsOn`, sorted by ID. */
  dependents(id: string): readonly string[];
  /** The revision carrying a branch label, if any. */
  branchLabelOwner(label: string): string | undefined;
  /**
   * Every revision, parents before children. Stable: a depth-first walk from the heads in ID
   * order, requirements in ID order, so each branch comes out whole before its merge.
   */
  topologicalOrder(): readonly string[];
}

/**
 * Build and validate the graph: duplicate IDs, unknown parents or dependencies, cycles,
 * self-references and reused branch labels are SchemigrateErrors naming the files.
 *
 * @example
 * const graph = buildGraph(await scanVersions(config.versionsDir));
 * graph.heads; // ['9c1e4b7a2f3d']
 */
export function buildGraph(headers: readonly RevisionHeader[]): RevisionGraph {
  checkSquashedFilesGone(headers);
  const byId = indexById(headers);
  checkReferences(byId);
  const labels = indexBranchLabels(byId);
  checkAcyclic(byId);
  return new ValidatedGraph(byId, labels);
}

/** The answer for a revision without children or dependents, shared (hence frozen). */
const NONE: readonly string[] = Object.freeze([]);

class ValidatedGraph implements RevisionGraph {
  readonly revisions: readonly RevisionHeader[];
  readonly heads: readonly string[];
  readonly bases: readonly string[];
  readonly #byId: ReadonlyMap<string, RevisionHeader>;
  readonly #children: ReadonlyMap<string, readonly string[]>;
  /** Built on first use: the graph-only commands never ask. */
  #dependents: ReadonlyMap<string, readonly string[]> | undefined;
  readonly #labels: ReadonlyMap<string, string>;

  constructor(byId: ReadonlyMap<string, RevisionHeader>, labels: ReadonlyMap<string, string>) {
    this.#byId = byId;
    this.#labels = labels;
    const ids = [...byId.keys()].sort();
    this.revisions = ids.map((id) => byId.get(id)!);
    const children = listsBy(this.revisions, (header) => header.downRevisions);
    this.#children = children;
    this.heads = ids.filter((id) => !children.has(id));
    this.bases = ids.filter((id) => byId.get(id)!.downRevisions.length === 0);
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  get(id: string): RevisionHeader {
    const header = this.#byId.get(id);
    if (!header) throw new SchemigrateError(`Unknown revision '${id}': no file in versions/ declares it.`, { code: 'UNKNOWN_REVISION', details: { revision: id } });
    return header;
  }

  children(id: string): readonly string[] {
    this.get(id);
    return this.#children.get(id) ?? NONE;
  }

  requirements(id: string): readonly string[] {
    return requirementsOf(this.get(id));
  }

  ancestors(id: string): readonly string[] {
    return this.#closure(id, (next) => this.requirements(next));
  }

  descendants(id: string): readonly string[] {
    this.get(id);
    const dependents = this.#dependentLists();
    return this.#closure(id, (next) => dependents.get(next) ?? NONE);
  }

  dependents(id: string): readonly string[] {
    this.get(id);
    return this.#dependentLists().get(id) ?? NONE;
  }

  branchLabelOwner(label: string): string | undefined {
    return this.#labels.get(label);
  }

  topologicalOrder(): readonly string[] {
    // Heads first so that branches stay whole; the rest only for revisions that are merely depended on.
    return requirementsFirst([...this.heads, ...this.revisions.map((header) => header.revision)], (id) => this.requirements(id));
  }

  #dependentLists(): ReadonlyMap<string, readonly string[]> {
    this.#dependents ??= listsBy(this.revisions, requirementsOf);
    return this.#dependents;
  }

  #closure(start: string, next: (id: string) => readonly string[]): readonly string[] {
    const seen = new Set<string>();
    const pending = [...next(start)];
    while (pending.length > 0) {
      const id = pending.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      pending.push(...next(id));
    }
    return [...seen].sort();
  }
}

/**
 * For each revision that `targets` names, the revisions naming it, in the order of `headers`.
 * Lists exist only for revisions that have members: in a long history most have one child and
 * the newest none, so thousands of empty arrays are not worth making.
 */
function listsBy(headers: readonly RevisionHeader[], targets: (header: RevisionHeader) => readonly string[]): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const header of headers) {
    for (const target of targets(header)) {
      const list = lists.get(target);
      if (list) list.push(header.revision);
      else lists.set(target, [header.revision]);
    }
  }
  return lists;
}

function requirementsOf(header: RevisionHeader): readonly string[] {
  // The common case, one parent and no dependencies, needs no copy.
  if (header.dependsOn.length === 0 && header.downRevisions.length <= 1) return header.downRevisions;
  return [...new Set([...header.downRevisions, ...header.dependsOn])].sort();
}

function describe(header: RevisionHeader): string {
  return `${header.revision} (${basename(header.file)})`;
}

function indexById(headers: readonly RevisionHeader[]): Map<string, RevisionHeader> {
  const byId = new Map<string, RevisionHeader>();
  for (const header of headers) {
    const existing = byId.get(header.revision);
    if (existing) {
      throw new SchemigrateError(
        `Duplicate revision ID '${header.revision}': declared by both ${existing.file} and ${header.file}.`,
        { code: 'INVALID_GRAPH' },
      );
    }
    byId.set(header.revision, header);
  }
  return byId;
}

/**
 * A squash revision keeps the ID of the last revision it replaces (docs/revision-graph.md), so
 * it and the files it replaces cannot both be in versions/: say which files to delete.
 */
function checkSquashedFilesGone(headers: readonly RevisionHeader[]): void {
  for (const squash of headers) {
    // Nearly every revision replaces nothing: scanning all headers for each would be quadratic.
    if (!squash.replaces?.length) continue;
    const replaced = new Set(squash.replaces);
    const left = headers.filter((header) => header !== squash && replaced.has(header.revision));
    if (left.length > 0) {
      throw new SchemigrateError(
        `The squash revision ${describe(squash)} replaces revisions whose files are still in versions/: ${left.map((header) => header.file).join(', ')}. ` +
          'Delete those files (the squash revision stands for them).',
        { code: 'INVALID_GRAPH', details: { squash: squash.file, replaced: left.map((header) => header.file) } },
      );
    }
  }
}

function checkReferences(byId: ReadonlyMap<string, RevisionHeader>): void {
  const check = (header: RevisionHeader, field: 'downRevision' | 'dependsOn', ids: readonly string[]): void => {
    for (const id of ids) {
      if (id === header.revision) {
        throw new SchemigrateError(`Revision ${describe(header)} names itself in its ${field}; file: ${header.file}.`, { code: 'INVALID_GRAPH' });
      }
      if (!byId.has(id)) {
        throw new SchemigrateError(
          `Revision ${describe(header)} names '${id}' in its ${field}, but no file in versions/ declares that revision; file: ${header.file}.`,
          { code: 'INVALID_GRAPH' },
        );
      }
    }
  };
  for (const header of byId.values()) {
    check(header, 'downRevision', header.downRevisions);
    check(header, 'dependsOn', header.dependsOn);
  }
}

function indexBranchLabels(byId: ReadonlyMap<string, RevisionHeader>): Map<string, string> {
  const labels = new Map<string, string>();
  for (const header of byId.values()) {
    for (const label of header.branchLabels) {
      const owner = labels.get(label);
      if (owner !== undefined) {
        throw new SchemigrateError(
          `Branch label '${label}' is used twice: by ${byId.get(owner)!.file} and ${header.file}.`,
          { code: 'INVALID_GRAPH' },
        );
      }
      labels.set(label, header.revision);
    }
  }
  return labels;
}

/** Depth-first search for a cycle through parents and dependencies; report it file by file. */
function checkAcyclic(byId: ReadonlyMap<string, RevisionHeader>): void {
  requirementsFirst([...byId.keys()].sort(), (id) => requirementsOf(byId.get(id)!), {
    onCycle(path) {
      const cycle = path.map((member) => describe(byId.get(member)!));
      throw new SchemigrateError(
        `The revision graph has a cycle: ${cycle.join(' -> ')}. Fix downRevision or dependsOn in one of these files.`,
        { code: 'INVALID_GRAPH' },
      );
    },
  });
}

/**
 * Depth-first post-order from `starts`: each revision after everything `next` leads to, each
 * once, in a stable order. Iterative, because histories run to thousands of revisions in a line.
 * `skip` leaves a revision (and what only it leads to) out; `onCycle` receives the path
 * `a -> … -> a` when `next` leads back to a revision being visited.
 *
 * @example
 * requirementsFirst(graph.heads, (id) => graph.requirements(id)); // parents before children
 */
export function requirementsFirst(
  starts: readonly string[],
  next: (id: string) => readonly string[],
  options: { readonly skip?: (id: string) => boolean; readonly onCycle?: (path: readonly string[]) => void } = {},
): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: { readonly id: string; readonly next: readonly string[]; index: number }[] = [];
  const enter = (id: string): void => {
    if (state.get(id) === 'done' || options.skip?.(id)) return;
    if (state.get(id) === 'visiting') {
      const path = stack.map((frame) => frame.id);
      options.onCycle?.([...path.slice(path.indexOf(id)), id]);
      return;
    }
    state.set(id, 'visiting');
    stack.push({ id, next: next(id), index: 0 });
  };
  for (const start of starts) {
    enter(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.index < frame.next.length) {
        enter(frame.next[frame.index++]!);
        continue;
      }
      stack.pop();
      state.set(frame.id, 'done');
      order.push(frame.id);
    }
  }
  return order;
}
