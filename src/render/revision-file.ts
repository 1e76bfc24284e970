/**
 * A whole revision file: the template filled with the header literals and the rendered
 * `upgrade`/`downgrade` bodies (SPEC §5).
 */
import type { Operation } from '../operations/types.js';
import { jsString, jsStringArray } from './code.js';
import type { OperationRenderer } from './operation-renderer.js';
import { renderOperations } from './operations.js';
import { fillTemplate } from './template.js';

export interface RevisionFileInput {
  readonly template: string;
  readonly message: string;
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels: readonly string[] | null;
  readonly dependsOn: readonly string[] | null;
  /** A squash revision's replaced IDs, written as `export const replaces` after `dependsOn`. */
  readonly replaces?: readonly string[];
  readonly createDate: Date;
  readonly upgrade: readonly Operation[];
  readonly downgrade: readonly Operation[];
  /** The dialect's renderer (`dialect.renderer`). */
  readonly renderer: OperationRenderer;
}

/** The runtime helpers online revisions call. */
const ONLINE_HELPERS = ['inPlace', 'withLockRetries'];

/**
 * The import line: `sql` and the online helpers only when a body uses them, so the file has
 * no unused import; an online revision's declarations (`onlinePreamble`) follow it.
 */
function importsLine(bodies: readonly string[], renderer: OperationRenderer): string {
  const names = [
    ...(bodies.some((body) => /\bsql[`.]/.test(body)) ? ['sql'] : []),
    ...ONLINE_HELPERS.filter((helper) => bodies.some((body) => body.includes(`${helper}(`))),
  ];
  const line = names.length === 0 ? "import type { Kysely } from 'schemigrate';" : `import { ${names.join(', ')}, type Kysely } from 'schemigrate';`;
  const preamble = renderer.online ? renderer.onlinePreamble(names.includes('withLockRetries')) : [];
  return preamble.length > 0 ? [line, '', ...preamble].join('\n') : line;
}

function literalOf(value: string | readonly string[] | null): string {
  if (value === null) return 'null';
  return typeof value === 'string' ? jsString(value) : jsStringArray(value);
}

/** The message inside the doc comment: `*\/` cannot close it, later lines keep the ` * `. */
function docCommentText(message: string): string {
  return message.trim().replaceAll('*/', '*\\/').split(/\r?\n/).join('\n * ').replaceAll(' * \n', ' *\n');
}

/**
 * The placeholder values a revision template may use: those of SPEC §5 (`revision`,
 * `downRevision`, `branchLabels` and `dependsOn` as TypeScript literals) plus `revisionId`
 * and `revises`, the bare forms for the doc comment.
 *
 * @example
 * revisionTemplateValues(input).downRevision; // "'3f2a9c1b7d4e'"
 */
function revisionTemplateValues(input: Omit<RevisionFileInput, 'template'>, bodies: RevisionBodies): Record<string, string> {
  const { upgrade: upgrades, downgrade: downgrades } = bodies;
  const parents = input.downRevision === null ? [] : typeof input.downRevision === 'string' ? [input.downRevision] : input.downRevision;
  return {
    message: docCommentText(input.message),
    revision: jsString(input.revision),
    revisionId: input.revision,
    downRevision: literalOf(input.downRevision),
    revises: parents.length === 0 ? '<base>' : parents.join(', '),
    branchLabels: literalOf(input.branchLabels),
    dependsOn: literalOf(input.dependsOn),
    createDate: input.createDate.toISOString(),
    imports: importsLine([upgrades, downgrades], input.renderer),
    upgrades,
    downgrades,
  };
}

/** The bodies of a revision's `upgrade` and `downgrade` functions, as `renderOperations` writes them. */
export interface RevisionBodies {
  readonly upgrade: string;
  readonly downgrade: string;
}

/**
 * The bodies of a revision's functions, rendered once for its file and for whatever runs them
 * without loading it (`runtime/rendered-revision.ts`).
 *
 * @example
 * renderRevisionBodies({ upgrade, downgrade: [], renderer }).downgrade; // '  // No changes.\n  void db; …'
 */
export function renderRevisionBodies(input: Pick<RevisionFileInput, 'upgrade' | 'downgrade' | 'renderer'>): RevisionBodies {
  return { upgrade: renderOperations(input.upgrade, input.renderer), downgrade: renderOperations(input.downgrade, input.renderer) };
}

/**
 * The text of a revision file; `bodies` are its operations' (`renderRevisionBodies`), rendered here unless given.
 *
 * @example
 * renderRevisionFile({ template, message: 'create users', revision: '9c1e4b7a2f3d', downRevision: null,
 *   branchLabels: null, dependsOn: null, createDate: new Date(), upgrade, downgrade: invertOperations(upgrade), renderer });
 */
export function renderRevisionFile(input: RevisionFileInput, bodies: RevisionBodies = renderRevisionBodies(input)): string {
  const source = fillTemplate(input.template, revisionTemplateValues(input, bodies));
  if (input.replaces === undefined) return source;
  // Not a template placeholder, so that projects' own templates need no change for squash.
  const replaces = `export const replaces: string[] = ${jsStringArray(input.replaces)};\n`;
  return source.replace(/^export const dependsOn\b.*\n/m, (line) => line + replaces);
}
