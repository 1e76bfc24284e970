/**
 * Importing a revision file to run it: the only place revision code executes.
 */
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { importUserModule } from '../util/import-module.js';
import type { RevisionGraph } from '../revisions/graph.js';
import { needsTransform, prepareTransforms } from '../util/transform-user-module.js';
import { SchemigrateError } from '../util/errors.js';
import { frameAsWritten, stackFrames } from '../util/stack.js';

/** The executable part of a revision file. */
export interface RevisionModule {
  upgrade(db: Kysely<any>): Promise<void>;
  downgrade(db: Kysely<any>): Promise<void>;
  /** `false` when the file exports `transactional = false`. */
  readonly transactional: boolean;
  /**
   * `false` when the file exports `startsAhead = false`: its code waits until the revision before
   * it has finished, where a dialect would otherwise run it alongside (`Dialect.startsAhead`).
   */
  readonly startsAhead?: boolean;
  /** The file's `export const lint` as written (checked by `src/lint/allowances.ts`), if any. */
  readonly lint?: unknown;
}

/**
 * Import a revision file and check that it has `upgrade`, `downgrade` and, if present, a
 * boolean `transactional`.
 *
 * @example
 * const module = await loadRevisionModule('/app/migrations/versions/9c1e4b7a2f3d_add_profile.ts');
 * await module.upgrade(db);
 */
export async function loadRevisionModule(file: string): Promise<RevisionModule> {
  let exports: Record<string, unknown>;
  try {
    exports = await importUserModule<Record<string, unknown>>(file, 'full', readFileSync(file, 'utf8'));
  } catch (error) {
    const line = lineIn(error, file);
    const reason = (isErrorLike(error) ? error.message : String(error)).replace(/\s+/g, ' ').trim();
    throw new SchemigrateError(`Cannot load the revision file ${file}${line ? `:${line}` : ''}: ${reason}`, { code: 'INVALID_REVISION_FILE', cause: error });
  }
  for (const name of ['upgrade', 'downgrade'] as const) {
    if (typeof exports[name] !== 'function') {
      throw new SchemigrateError(`The revision file ${file} does not export an \`async function ${name}(db)\`.`, { code: 'INVALID_REVISION_FILE' });
    }
  }
  return {
    upgrade: exports.upgrade as RevisionModule['upgrade'],
    downgrade: exports.downgrade as RevisionModule['downgrade'],
    transactional: flag(exports, 'transactional', file),
    startsAhead: flag(exports, 'startsAhead', file),
    ...(exports.lint !== undefined && { lint: exports.lint }),
  };
}

/** A boolean the file may export (`transactional`, `startsAhead`); true when it does not. */
function flag(exports: Record<string, unknown>, name: string, file: string): boolean {
  const value = exports[name] ?? true;
  if (typeof value !== 'boolean') throw new SchemigrateError(`In the revision file ${file}, \`export const ${name}\` must be true or false.`, { code: 'INVALID_REVISION_FILE' });
  return value;
}

/**
 * Import revision files (with `load`, `loadRevisionModule` by default), in order. The new ones (a
 * revision just written; every one on a fresh machine) are transformed together first.
 *
 * @example
 * const modules = await loadRevisionModules(steps.map((step) => step.revision.file));
 */
export async function loadRevisionModules(files: readonly string[], load: (file: string) => Promise<RevisionModule> = loadRevisionModule): Promise<RevisionModule[]> {
  await prepareTransforms(files);
  return Promise.all(files.map((file) => load(file)));
}

/** Revisions at most that `transformNewest` starts on: a fresh clone's whole history is transformed as it runs. */
const NEWEST_LIMIT = 20;

/**
 * Start transforming the newest revisions that are not in the transform cache (one just written,
 * or pulled): from each head back to the first one that is. `upgrade` calls it before it
 * connects, so that esbuild works while the connection opens and `loadRevisionModules` finds
 * them transformed. It never rejects: a revision that fails is left to its import.
 *
 * @example
 * void transformNewest(graph);
 * const { db } = await project.connection();
 */
export function transformNewest(graph: RevisionGraph): Promise<void> {
  const files: string[] = [];
  const seen = new Set<string>();
  const queue = [...graph.heads];
  for (let id = queue.shift(); id !== undefined && files.length < NEWEST_LIMIT; id = queue.shift()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const { file, downRevisions } = graph.get(id);
    if (!needsTransform(file)) continue;
    files.push(file);
    queue.push(...downRevisions);
  }
  return files.length === 0 ? Promise.resolve() : prepareTransforms(files);
}

/** The line in `file` an import error points at, as written: from its stack, or from its message (a syntax error), if any. */
function lineIn(error: unknown, file: string): number | undefined {
  if (!isErrorLike(error)) return undefined;
  const frame = stackFrames(error.stack).find((candidate) => candidate.file === file);
  if (frame !== undefined) return frameAsWritten(frame).line;
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+)`).exec(error.message) ?? /\((\d+):\d+\)/.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

/** An Error, possibly from another realm (a module evaluated in a separate VM context fails `instanceof`). */
function isErrorLike(error: unknown): error is { readonly message: string; readonly stack?: string } {
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}
