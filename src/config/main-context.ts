/**
 * The global object of Node's main context. jiti evaluates user modules (config, schema,
 * revisions) there, even when schemigrate itself runs in another context, such as jest's
 * sandbox with its own `globalThis` and a copied `process.env`. State that user modules must
 * see — environment variables from `.env`, the table registry — goes through this object.
 */
import { runInThisContext } from 'node:vm';

let mainGlobal: typeof globalThis | undefined;

/**
 * The main context's `globalThis` (the same object as ours outside a sandbox).
 *
 * @example
 * mainContextGlobal().process.env.DATABASE_URL = 'sqlite:./dev.sqlite3';
 */
export function mainContextGlobal(): typeof globalThis {
  mainGlobal ??= runInThisContext('globalThis') as typeof globalThis;
  return mainGlobal;
}
