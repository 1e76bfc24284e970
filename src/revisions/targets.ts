/**
 * The target grammar of `upgrade`, `downgrade` and `stamp` (SPEC §6): `head`, `heads`,
 * `base`, a revision ID or unique prefix, `+N`/`-N`, `<rev>+N`/`<rev>-N`, `<label>@head`.
 */
import { SchemigrateError } from '../util/errors.js';
import type { RevisionGraph } from './graph.js';

/** Shortest prefix accepted in place of a full revision ID. */
export const MIN_PREFIX_LENGTH = 4;

/**
 * The revisions a target names, given the database's current heads; `[]` means `base`.
 *
 * @example
 * resolveTarget(graph, 'head', []);          // ['9c1e4b7a2f3d']
 * resolveTarget(graph, '-1', ['9c1e4b7a2f3d']); // ['3f2a9c1b7d4e']
 * resolveTarget(graph, 'base', ['9c1e4b7a2f3d']); // []
 */
export function resolveTarget(graph: RevisionGraph, target: string, currentHeads: readonly string[]): readonly string[] {
  const trimmed = target.trim();
  if (trimmed === 'base') return [];
  if (trimmed === 'heads') return graph.heads;
  if (graph.has(trimmed)) return [trimmed];

  const relative = /^([+-])(\d+)$/.exec(trimmed);
  if (relative) {
    if (currentHeads.length > 1) {
      throw new SchemigrateError(
        `'${trimmed}' is relative to the current revision, but the database has several current heads (${currentHeads.join(', ')}); use <rev>${relative[1]}${relative[2]} instead.`,
      );
    }
    return step(graph, currentHeads[0], relative[1] as '+' | '-', Number(relative[2]));
  }

  const fromRevision = /^(.+?)([+-])(\d+)$/.exec(trimmed);
  if (fromRevision) {
    const start = resolveTarget(graph, fromRevision[1]!, currentHeads);
    if (start.length > 1) {
      throw new SchemigrateError(`'${fromRevision[1]}' names several revisions (${start.join(', ')}); relative steps need one.`);
    }
    return step(graph, start[0], fromRevision[2] as '+' | '-', Number(fromRevision[3]));
  }

  return [resolveRevision(graph, trimmed)];
}

/**
 * One revision named by `head`, a full ID, a unique prefix of at least four characters, or
 * `<label>@head` (`<rev>@head` also works: the head above that revision).
 *
 * @example
 * resolveRevision(graph, '9c1e');     // '9c1e4b7a2f3d'
 * resolveRevision(graph, 'auth@head'); // the head of the branch labelled 'auth'
 */
export function resolveRevision(graph: RevisionGraph, name: string): string {
  if (graph.has(name)) return name;
  if (name === 'head') return singleHead(graph, graph.heads, 'The revision graph');
  const branchHead = /^(.+)@head$/.exec(name);
  if (branchHead) {
    const label = branchHead[1]!;
    const owner = graph.branchLabelOwner(label) ?? resolveRevision(graph, label);
    return singleHead(graph, headsAbove(graph, owner), `The branch '${label}'`);
  }
  return resolvePrefix(graph, name);
}

function resolvePrefix(graph: RevisionGraph, prefix: string): string {
  const matches = graph.revisions.map((header) => header.revision).filter((id) => id.startsWith(prefix));
  if (matches.length === 0 || prefix.length === 0) {
    throw new SchemigrateError(`Unknown revision '${prefix}': no revision ID starts with it and it is not a branch label.`);
  }
  if (prefix.length < MIN_PREFIX_LENGTH) {
    throw new SchemigrateError(
      `The revision prefix '${prefix}' is too short: give at least ${MIN_PREFIX_LENGTH} characters (it matches ${matches.join(', ')}).`,
    );
  }
  if (matches.length > 1) {
    throw new SchemigrateError(`The revision prefix '${prefix}' is ambiguous: it matches ${matches.join(', ')}.`);
  }
  return matches[0]!;
}

function singleHead(graph: RevisionGraph, heads: readonly string[], subject: string): string {
  if (heads.length === 1) return heads[0]!;
  if (heads.length === 0) throw new SchemigrateError(`${subject} has no revisions yet.`);
  const listed = heads.map((id) => `${id} (${graph.get(id).message || 'no message'})`).join(', ');
  throw new SchemigrateError(
    `${subject} has ${heads.length} heads: ${listed}. Name one (e.g. '${heads[0]}' or '<branchLabel>@head'), use 'heads' for all of them, or create a merge revision with \`schemigrate merge\`.`,
  );
}

/** Heads reachable from `id` through children (the branch above it), including `id` itself. */
function headsAbove(graph: RevisionGraph, id: string): readonly string[] {
  const heads = new Set<string>();
  const pending = [id];
  while (pending.length > 0) {
    const next = pending.pop()!;
    const children = graph.children(next);
    if (children.length === 0) heads.add(next);
    pending.push(...children);
  }
  return [...heads].sort();
}

/** Walk `count` steps along the only child or parent; `undefined` is base. */
function step(graph: RevisionGraph, start: string | undefined, sign: '+' | '-', count: number): readonly string[] {
  const origin = start ?? 'base';
  let position = start;
  for (let taken = 0; taken < count; taken++) {
    const neighbours =
      sign === '+'
        ? position === undefined
          ? graph.bases
          : graph.children(position)
        : position === undefined
          ? undefined
          : graph.get(position).downRevisions;
    if (neighbours === undefined || (sign === '+' && neighbours.length === 0)) {
      const direction = sign === '+' ? 'above' : 'below';
      throw new SchemigrateError(
        `Cannot move ${count} step(s) ${direction} ${origin}: only ${taken} step(s) exist in that direction.`,
      );
    }
    if (neighbours.length > 1) {
      const relation = sign === '+' ? (position === undefined ? 'several roots' : 'several children') : 'several parents (it is a merge)';
      throw new SchemigrateError(
        `Cannot move ${sign}${count} from ${origin}: ${position ?? 'base'} has ${relation}: ${neighbours.join(', ')}. Name the revision to go to instead.`,
      );
    }
    position = neighbours[0];
  }
  return position === undefined ? [] : [position];
}
