/**
 * Writing a new revision file: the one place `revision`, `merge` and `pull --stamp` go through.
 * It checks what the new revision says against the graph (its ID, parent, branch labels and
 * dependencies), renders it from the project's template and writes it into `versions/` under
 * the configured file name, never overwriting. Without operations it needs no database and no
 * dialect.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import type { Operation } from '../operations/types.js';
import { formatTypeScript } from '../render/format.js';
import { writeGeneratedFiles } from '../render/generated-files.js';
import { OperationRenderer } from '../render/operation-renderer.js';
import { renderRevisionBodies, renderRevisionFile, type RevisionBodies } from '../render/revision-file.js';
import { SchemigrateError } from '../util/errors.js';
import { newRevisionId, revisionFileName, validateRevisionId } from './file-name.js';
import type { RevisionGraph } from './graph.js';
import { resolveRevision } from './targets.js';
import { readRevisionTemplate } from './templates.js';

/** What a new revision is asked to be. */
export interface NewRevisionRequest {
  readonly message: string;
  /** The ID to use instead of a random one. */
  readonly revId?: string;
  /**
   * The parent(s): a revision, `<label>@head`, or `base` for a new root, or several revisions
   * for a merge (`heads` for every head). Default: the graph's only head.
   */
  readonly parents?: string | readonly string[];
  /** Allow a single parent that is not a head, starting a new branch. */
  readonly splice?: boolean;
  readonly branchLabels?: readonly string[];
  /** Revisions (IDs, prefixes, branch labels) that must be applied first; stored as full IDs. */
  readonly dependsOn?: readonly string[];
}

/** The header of a new revision, checked against the graph. */
export interface NewRevisionHeader {
  readonly message: string;
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels: readonly string[] | null;
  readonly dependsOn: readonly string[] | null;
  /** Only for a squash revision: the IDs it replaces. */
  readonly replaces?: readonly string[];
}

/** What the revision does: operations and the dialect renderer that writes them as code. */
export interface RevisionBody {
  readonly upgrade: readonly Operation[];
  readonly downgrade: readonly Operation[];
  readonly renderer: OperationRenderer;
}

/** The body of a revision that changes nothing (a merge, an empty revision): no dialect needed. */
export const EMPTY_BODY: RevisionBody = {
  upgrade: [],
  downgrade: [],
  renderer: new OperationRenderer(() => {
    throw new Error('An empty revision renders no operation.');
  }),
};

/**
 * Check a new revision against the graph: message, ID (unused), parent(s), labels, dependencies.
 *
 * @example
 * planRevision(graph, { message: 'add users' }); // { revision: '3f2a9c1b7d4e', downRevision: '9c1e4b7a2f3d', … }
 * planRevision(graph, { message: 'merge', parents: ['heads'] }); // downRevision: ['b100…', 'c100…']
 */
export function planRevision(graph: RevisionGraph, request: NewRevisionRequest): NewRevisionHeader {
  if (!request.message?.trim()) throw new SchemigrateError('A revision needs a message: pass -m "what it changes".');
  const revision = request.revId === undefined ? newRevisionId() : validateRevisionId(request.revId);
  if (graph.has(revision)) throw new SchemigrateError(`Revision ID '${revision}' already exists in ${graph.get(revision).file}.`);
  const downRevision = Array.isArray(request.parents) ? mergeParents(graph, request.parents) : chooseParent(graph, request.parents as string | undefined, request.splice === true);
  const branchLabels = checkBranchLabels(graph, request.branchLabels ?? []);
  const dependsOn = resolveDependencies(graph, request.dependsOn ?? [], downRevision);
  return {
    message: request.message,
    revision,
    downRevision,
    branchLabels: branchLabels.length > 0 ? branchLabels : null,
    dependsOn: dependsOn.length > 0 ? dependsOn : null,
  };
}

/** A new revision file, rendered and formatted but not yet written. */
export interface RenderedRevision {
  /** Its name in `versions/`. */
  readonly fileName: string;
  /** Its formatted source. */
  readonly source: string;
  /** Its functions' bodies as rendered (before formatting), to run them without loading the file. */
  readonly bodies: RevisionBodies;
}

/**
 * Render a revision file from the project's template, formatted.
 *
 * @example
 * const rendered = await renderRevision(config, header, body); // { fileName: '3f2a9c1b7d4e_add_users.ts', source: '…' }
 */
export async function renderRevision(config: ResolvedConfig, header: NewRevisionHeader, body: RevisionBody): Promise<RenderedRevision> {
  const createDate = new Date();
  const bodies = renderRevisionBodies(body);
  const source = renderRevisionFile({ ...header, ...body, template: readRevisionTemplate(config), message: header.message.trim(), createDate }, bodies);
  return {
    fileName: revisionFileName(config.fileTemplate, { revision: header.revision, message: header.message, date: createDate }),
    source: await formatTypeScript(source),
    bodies,
  };
}

/**
 * Write a revision file into `versions/` (rendered here, or as `renderRevision` gave it), then
 * run the config's postWrite commands on it; never overwrites. Returns the file's absolute path.
 *
 * @example
 * const file = await writeRevision(config, planRevision(graph, { message: 'merge', parents: ['heads'] }), EMPTY_BODY);
 */
export async function writeRevision(config: ResolvedConfig, header: NewRevisionHeader, body: RevisionBody, rendered?: RenderedRevision): Promise<string> {
  const { fileName, source } = rendered ?? (await renderRevision(config, header, body));
  const file = join(config.versionsDir, fileName);
  if (existsSync(file)) throw new SchemigrateError(`${file} already exists; not overwriting it.`, { code: 'FILE_EXISTS', details: { file } });
  await writeGeneratedFiles([{ path: file, content: source, formatted: true }], { postWrite: config.postWrite, cwd: config.rootDir });
  return file;
}

/** The parent: the given one (`base` for a new root; not a head only with `splice`), else the graph's single head. */
function chooseParent(graph: RevisionGraph, head: string | undefined, splice: boolean): string | null {
  if (head === undefined) {
    if (graph.heads.length > 1) {
      throw new SchemigrateError(
        `The revision graph has ${graph.heads.length} heads (${graph.heads.join(', ')}); a new revision needs one parent. ` +
          'Name it with --head <rev> (or --head <branchLabel>@head), or merge the heads first with `schemigrate merge heads -m "…"`.',
        { code: 'MULTIPLE_HEADS', details: { heads: graph.heads } },
      );
    }
    return graph.heads[0] ?? null;
  }
  if (head === 'base') return null;
  const parent = resolveRevision(graph, head);
  if (graph.children(parent).length > 0 && !splice) {
    throw new SchemigrateError(
      `Revision ${parent} is not a head: ${graph.children(parent).join(', ')} already build(s) on it. ` +
        `A revision on it starts a new branch; pass --splice to do that, or name a head (\`schemigrate heads\` lists them).`,
    );
  }
  return parent;
}

/** A merge's parents: at least two distinct revisions, none built on another, sorted. */
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

const RESERVED_LABELS = new Set(['head', 'heads', 'base', 'current']);

/** Branch labels must be unused, and must not read as a target (`@`, `:`, `+N`, reserved words). */
function checkBranchLabels(graph: RevisionGraph, labels: readonly string[]): readonly string[] {
  for (const label of labels) {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(label) || RESERVED_LABELS.has(label)) {
      throw new SchemigrateError(
        `Invalid branch label '${label}': use a letter or underscore, then letters, digits, '_', '.' or '-' (not head, heads, base or current).`,
      );
    }
    const owner = graph.branchLabelOwner(label);
    if (owner !== undefined) throw new SchemigrateError(`Branch label '${label}' is already used by ${graph.get(owner).file}.`);
    if (graph.has(label)) throw new SchemigrateError(`Branch label '${label}' is also a revision ID; choose another.`);
  }
  if (new Set(labels).size !== labels.length) throw new SchemigrateError(`A branch label is given twice: ${labels.join(', ')}.`);
  return labels;
}

/** Dependencies resolved to full IDs, checked to be neither a parent nor repeated. */
function resolveDependencies(graph: RevisionGraph, names: readonly string[], parents: string | readonly string[] | null): readonly string[] {
  const parentIds = parents === null ? [] : typeof parents === 'string' ? [parents] : parents;
  const ids = names.map((name) => graph.branchLabelOwner(name) ?? resolveRevision(graph, name));
  for (const [index, id] of ids.entries()) {
    if (parentIds.includes(id)) throw new SchemigrateError(`--depends-on ${names[index]} names the new revision's own parent (${id}); it needs no dependency.`);
    if (ids.indexOf(id) !== index) throw new SchemigrateError(`--depends-on names ${id} twice.`);
  }
  return ids;
}
