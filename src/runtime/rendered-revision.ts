/**
 * A revision module built in memory from the bodies its file is rendered with, for running
 * a revision just written without loading its file: at 1,000 tables the file is 1.3 MB, and
 * importing it through jiti costs 0.5 s of CPU and 70 MiB more than running the bodies
 * (docs/benchmarks.md).
 */
import { sql, type Kysely } from 'kysely';
import type { OperationRenderer } from '../render/operation-renderer.js';
import type { RevisionBodies } from '../render/revision-file.js';
import { inPlace } from './in-place.js';
import type { RevisionModule } from './load-revision.js';
import { withLockRetries } from './lock-retries.js';

type AsyncFunctionConstructor = new (...parameters: string[]) => (...args: unknown[]) => Promise<void>;

/** The constructor of `async function` values: like `Function`, but its bodies may `await`. */
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as AsyncFunctionConstructor;

/**
 * What a rendered body may name besides `db` (the `locks` constant of an online revision's
 * preamble, and the helpers its import line imports from 'schemigrate'), with their values.
 */
function bodyScope(renderer: OperationRenderer): Record<string, unknown> {
  return { sql, withLockRetries, inPlace, locks: renderer.locks };
}

/**
 * The module of a revision file whose functions' bodies are `bodies`, rendered by `renderer`:
 * the same bodies (plain JavaScript) run as async functions, each compiled when first called,
 * and the file's `transactional`. This is what the bodies do, whatever the project's revision
 * template writes around them: a template that exported `transactional` or `lint` itself is
 * not read here.
 *
 * @example
 * const module = renderedRevisionModule(renderRevisionBodies({ upgrade, downgrade, renderer }), renderer);
 * await recordUpgrade(dialect, module, file); // the statements the written file's upgrade sends
 */
export function renderedRevisionModule(bodies: RevisionBodies, renderer: OperationRenderer): RevisionModule {
  const scope = bodyScope(renderer);
  // Strict, as the file's module is.
  const run = async (body: string, db: Kysely<any>): Promise<void> => new AsyncFunction('db', ...Object.keys(scope), `'use strict';\n${body}`)(db, ...Object.values(scope));
  return {
    upgrade: (db) => run(bodies.upgrade, db),
    downgrade: (db) => run(bodies.downgrade, db),
    transactional: renderer.transactional,
  };
}
