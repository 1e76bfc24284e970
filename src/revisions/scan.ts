/**
 * Reading every revision header in `versions/`.
 */
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SchemigrateError } from '../util/errors.js';
import { cachedHeaders } from './header-cache.js';
import { parseRevisionHeader, type RevisionHeader } from './header.js';

const REVISION_FILE = /\.(?:ts|mts|js|mjs)$/;

/** Below this many revisions parsing is cheaper than keeping a cache file around. */
const CACHED_FROM = 100;

/**
 * Whether a file name in `versions/` is a revision module (declaration files are not).
 *
 * @example
 * isRevisionFileName('9c1e4b7a2f3d_add_profile.ts'); // true
 * isRevisionFileName('types.d.ts'); // false
 */
function isRevisionFileName(name: string): boolean {
  return REVISION_FILE.test(name) && !/\.d\.m?ts$/.test(name);
}

/**
 * The headers of every revision file in a versions folder, sorted by file name; none when the
 * folder does not exist yet (the first revision creates it). Unchanged files of a large history
 * are answered from the header cache (`header-cache.ts`).
 *
 * @example
 * const headers = await scanVersions('/app/migrations/versions');
 */
export async function scanVersions(versionsDir: string): Promise<RevisionHeader[]> {
  const dir = resolve(versionsDir);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new SchemigrateError(
      `Cannot read the versions folder ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}); run \`schemigrate init\` or check \`migrations\` in the config.`,
      { cause: error },
    );
  }
  const names = entries
    .filter((entry) => entry.isFile() && isRevisionFileName(entry.name))
    .map((entry) => entry.name)
    .sort();
  // Synchronous reads: for thousands of small files they are several times faster than as many
  // promise round trips through libuv's thread pool, and nothing else runs meanwhile.
  const parse = (file: string): RevisionHeader => parseRevisionHeader(readFileSync(file, 'utf8'), file);
  return names.length >= CACHED_FROM ? cachedHeaders(dir, names, parse) : names.map((name) => parse(join(dir, name)));
}
