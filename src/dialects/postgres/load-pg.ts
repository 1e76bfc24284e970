/**
 * Loading `pg` without paying for its Cloudflare Workers probe. Where `navigator` is not defined
 * (Node 20), `pg` tells a Worker apart by constructing a `Response`, which loads Node's whole
 * `fetch` implementation: 30–50 ms of every PostgreSQL command's start, for a class schemigrate
 * never uses. A plain `navigator`, defined only while `pg` loads, answers the probe as Node 21+
 * itself does (its `navigator.userAgent` is not Cloudflare's).
 */
import { createRequire } from 'node:module';

type Pg = typeof import('pg');

const require = createRequire(import.meta.url);

/**
 * The `pg` module, loaded once per process.
 *
 * @example
 * const pool = new (loadPg().Pool)({ connectionString: 'postgres://localhost/app' });
 */
export function loadPg(): Pg {
  if ('navigator' in globalThis) return require('pg') as Pg;
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent: 'Node.js' }, configurable: true });
  try {
    return require('pg') as Pg;
  } finally {
    delete (globalThis as { navigator?: unknown }).navigator;
  }
}
