/**
 * The target grammar of `upgrade`, `downgrade` and `stamp` (SPEC §6): `head`, `heads`,
 * `base`, a revision ID or unique prefix, `+N`/`-N`, `<rev>+N`/`<rev>-N`, `<label>@head`,
 * `<label>@base`, `<label>@+N` and `<label>@-N`.
 *
 * A branch label names the first revision of its branch (where `revision --branch-label`
 * puts it); the branch is that revision and every revision built on it.
 */
import { SchemigrateError } from '../util/errors.js';
import type { RevisionGraph } from './graph.js';

/** Shortest prefix accepted in place of a full revision ID. */
const MIN_PREFIX_LENGTH = 4;

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

  const branchBase = branchBaseOf(graph, trimmed);
  if (branchBase !== undefined) return graph.get(branchBase).downRevisions;

  const onBranch = /^(.+)@([+-])(\d+)$/.exec(trimmed);
  if (onBranch) return stepOnBranch(graph, onBranch[1]!, onBranch[2] as '+' | '-', Number(onBranch[3]), currentHeads);

  const relative = /^([+-])(\d+)$/.exec(trimmed);
  if (relative) {
    if (currentHeads.length > 1) {
      throw new SchemigrateError(
        `'${trimmed}' is relative to the current revision, but the database has several current heads (${currentHeads.join(', ')}); name the branch instead (<rev>${relative[1]}${relative[2]} or <branchLabel>@${relative[1]}${relative[2]}).`,
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
 * For `<label>@base`, the first revision of that branch: `<label>@base` is the point just
 * below it (a downgrade to it removes the whole branch, and nothing of other trees).
 * `undefined` for any other target.
 *
 * @example
 * branchBaseOf(graph, 'auth@base'); // '3f2a9c1b7d4e' (the revision labelled 'auth')
 * branchBaseOf(graph, 'head');      // undefined
 */
export function branchBaseOf(graph: RevisionGraph, target: string): string | undefined {
  const match = /^(.+)@base$/.exec(target.trim());
  return match ? branchOwner(graph, match[1]!) : undefined;
}

/** The revision a branch label (or a revision ID or prefix used as one) names. */
function branchOwner(graph: RevisionGraph, label: string): string {
  return graph.branchLabelOwner(label) ?? resolveRevision(graph, label);
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
    const owner = branchOwner(graph, label);
    return singleHead(graph, headsAbove(graph, owner), `The branch '${label}'`);
  }
  return resolvePrefix(graph, name);
}

/** A target keyword one or two typing slips away from `name` (`haed` → `head`), if any. */
function closeKeyword(name: string): string | undefined {
  const distance = (a: string, b: string): number => {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
      previous = row;
    }
    return previous[b.length]!;
  };
  const lower = name.toLowerCase();
  return ['head', 'heads', 'base', 'current'].find((keyword) => keyword !== lower && distance(lower, keyword) <= 2 && !/^[0-9a-f]+$/.test(lower));
}

function resolvePrefix(graph: RevisionGraph, prefix: string): string {
  const matches = graph.revisions.map((header) => header.revision).filter((id) => id.startsWith(prefix));
  if (matches.length === 0 || prefix.length === 0) {
    const suggestion = closeKeyword(prefix);
    throw new SchemigrateError(
      `Unknown revision '${prefix}': no revision ID starts with it and it is not a branch label.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
      { code: 'UNKNOWN_REVISION', details: { revision: prefix, ...(suggestion && { suggestion }) } },
    );
  }
  if (prefix.length < MIN_PREFIX_LENGTH) {
    throw new SchemigrateError(
      `The revision prefix '${prefix}' is too short: give at least ${MIN_PREFIX_LENGTH} characters (it matches ${matches.join(', ')}).`,
      { code: 'AMBIGUOUS_REVISION', details: { revision: prefix, matches } },
    );
  }
  if (matches.length > 1) {
    throw new SchemigrateError(`The revision prefix '${prefix}' is ambiguous: it matches ${matches.join(', ')}.`, {
      code: 'AMBIGUOUS_REVISION',
      details: { revision: prefix, matches },
    });
  }
  return matches[0]!;
}

function singleHead(graph: RevisionGraph, heads: readonly string[], subject: string): string {
  if (heads.length === 1) return heads[0]!;
  if (heads.length === 0) throw new SchemigrateError(`${subject} has no revisions yet.`, { code: 'UNKNOWN_REVISION' });
  const listed = heads.map((id) => `${id} (${graph.get(id).message || 'no message'})`).join(', ');
  throw new SchemigrateError(
    `${subject} has ${heads.length} heads: ${listed}. Name one (e.g. '${heads[0]}' or '<branchLabel>@head'), use 'heads' for all of them, or create a merge revision with \`schemigrate merge\`.`,
    { code: 'MULTIPLE_HEADS', details: { heads } },
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

/**
 * `<label>@+N` / `<label>@-N`: steps from the branch's current revision (its applied
 * revision that nothing applied on the branch builds on), or from just below the branch
 * when none of it is applied.
 */
function stepOnBranch(
  graph: RevisionGraph,
  label: string,
  sign: '+' | '-',
  count: number,
  currentHeads: readonly string[],
): readonly string[] {
  const owner = branchOwner(graph, label);
  const members = new Set([owner, ...descendantsThroughChildren(graph, owner)]);
  const applied = new Set(currentHeads.flatMap((id) => (graph.has(id) ? [id, ...graph.ancestors(id)] : [id])));
  const appliedMembers = [...members].filter((id) => applied.has(id));
  const tops = appliedMembers.filter((id) => !graph.children(id).some((child) => appliedMembers.includes(child)));
  if (tops.length > 1) {
    throw new SchemigrateError(
      `'${label}@${sign}${count}' is relative to the branch's current revision, but the branch '${label}' is applied up to several revisions (${tops.join(', ')}); name the revision instead.`,
    );
  }
  if (tops.length === 1) return step(graph, tops[0], sign, count);
  if (sign === '-') {
    throw new SchemigrateError(
      `Cannot move ${count} step(s) below the branch '${label}': none of its revisions is applied (only 0 step(s) exist in that direction).`,
    );
  }
  // From just below the branch, the first step is onto the labelled revision itself.
  return count === 0 ? graph.get(owner).downRevisions : step(graph, owner, '+', count, `the base of branch '${label}'`, 1);
}

/** Every revision above `id` through children only (not through dependsOn). */
function descendantsThroughChildren(graph: RevisionGraph, id: string): string[] {
  const found = new Set<string>();
  const pending = [...graph.children(id)];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (found.has(next)) continue;
    found.add(next);
    pending.push(...graph.children(next));
  }
  return [...found];
}

/**
 * Walk `count` steps along the only child or parent; `undefined` is base. `origin` and
 * `alreadyTaken` describe a walk that began before `start` (for `<label>@+N` from below the branch).
 */
function step(
  graph: RevisionGraph,
  start: string | undefined,
  sign: '+' | '-',
  count: number,
  origin: string = start ?? 'base',
  alreadyTaken = 0,
): readonly string[] {
  let position = start;
  for (let taken = alreadyTaken; taken < count; taken++) {
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
