/**
 * A cache of parsed revision headers, so that graph commands over thousands of revisions read
 * one small JSON file and stat each revision instead of reading and tokenizing every file.
 *
 * An entry is trusted only while its file keeps the inode, size, modification time and change
 * time it had when parsed; anything else is parsed again. A file changed less than
 * `SETTLE_MS` before the scan is parsed but not cached: a file system records times in steps
 * (a jiffy on Linux, a second or two on some), so a second edit within the same step could
 * leave every recorded fact unchanged. The cache lives in the system's temporary folder (like
 * jiti's transpile cache), one file per versions folder, and is only ever an optimisation: when
 * it cannot be read or written, headers are simply parsed.
 *
 * Every file is still stat'ed on every run: editing a file in place changes the file, not its
 * folder, so the folder's own times cannot vouch for its files.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import type { RevisionHeader } from './header.js';

/** Bumped whenever the layout below, `RevisionHeader` or the parser's rules change. */
const FORMAT = 4;

/**
 * How long after its last change a file's times are trusted to move on its next change: the
 * coarsest common time step (FAT's 2 s modification time), with room for clock rounding.
 */
export const SETTLE_MS = 3000;

/**
 * The cache file: one array per field, index i describing `names[i]` (columns parse in half
 * the time of an object or array per file, and numbers in one array need no object each).
 * An empty list is stored as 0.
 */
interface CacheFile {
  readonly format: number;
  readonly names: readonly string[];
  /** Inode, size, modification and change time (ms) of each file: four numbers per file. */
  readonly stats: readonly number[];
  readonly revisions: readonly string[];
  readonly downRevisions: readonly (string[] | 0)[];
  readonly branchLabels: readonly (string[] | 0)[];
  readonly dependsOn: readonly (string[] | 0)[];
  readonly messages: readonly string[];
  readonly createDates: readonly (string | null)[];
  /** A squash revision's `replaces`; 0 for every other revision. */
  readonly replaces: readonly (string[] | 0)[];
}

/** The shared empty list of headers read from the cache (frozen: headers are read-only). */
const NONE: readonly string[] = Object.freeze([]);

function cachePath(versionsDir: string): string {
  const key = createHash('sha256').update(versionsDir).digest('hex').slice(0, 16);
  return join(tmpdir(), 'schemigrate', `headers-${key}.json`);
}

function readCache(path: string): CacheFile | undefined {
  try {
    const cache = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
    const columns = [cache.revisions, cache.downRevisions, cache.branchLabels, cache.dependsOn, cache.messages, cache.createDates, cache.replaces];
    const sound =
      cache.format === FORMAT &&
      Array.isArray(cache.names) &&
      cache.stats?.length === cache.names.length * 4 &&
      columns.every((column) => column?.length === cache.names.length);
    return sound ? cache : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(path: string, cache: CacheFile): void {
  // Write-then-rename, so a concurrent reader sees the old cache or the new one, never half.
  const temporary = `${path}.${process.pid}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, JSON.stringify(cache));
    renameSync(temporary, path);
  } catch {
    // Read-only or full temporary folder: the next run parses again.
  }
}

/** Where each name sits in the cache: usually at the same index, as both lists are sorted. */
function indexer(cache: CacheFile | undefined): (name: string, at: number) => number | undefined {
  if (!cache) return () => undefined;
  let byName: Map<string, number> | undefined;
  return (name, at) => {
    if (cache.names[at] === name) return at;
    byName ??= new Map(cache.names.map((cached, index) => [cached, index]));
    return byName.get(name);
  };
}

function isFresh(cache: CacheFile, index: number, stats: Stats): boolean {
  const at = index * 4;
  return (
    cache.stats[at] === stats.ino &&
    cache.stats[at + 1] === stats.size &&
    cache.stats[at + 2] === stats.mtimeMs &&
    cache.stats[at + 3] === stats.ctimeMs
  );
}

function headerAt(cache: CacheFile, index: number, file: string): RevisionHeader {
  const revision = cache.revisions[index]!;
  const downRevisions = cache.downRevisions[index] || NONE;
  const branchLabels = cache.branchLabels[index] || NONE;
  const dependsOn = cache.dependsOn[index] || NONE;
  const message = cache.messages[index]!;
  const createDate = cache.createDates[index];
  const replaces = cache.replaces[index];
  const header = createDate == null ? { revision, downRevisions, branchLabels, dependsOn, message, file } : { revision, downRevisions, branchLabels, dependsOn, message, file, createDate };
  return replaces ? { ...header, replaces } : header;
}

/** The cache of `headers`, leaving out files whose `stamps` (four numbers per file) are NaN. */
function cacheOf(names: readonly string[], headers: readonly RevisionHeader[], stamps: readonly number[]): CacheFile {
  const kept = names.flatMap((_, index) => (Number.isNaN(stamps[index * 4]) ? [] : [index]));
  const list = (values: readonly string[]): string[] | 0 => (values.length > 0 ? [...values] : 0);
  return {
    format: FORMAT,
    names: kept.map((index) => names[index]!),
    stats: kept.flatMap((index) => stamps.slice(index * 4, index * 4 + 4)),
    revisions: kept.map((index) => headers[index]!.revision),
    downRevisions: kept.map((index) => list(headers[index]!.downRevisions)),
    branchLabels: kept.map((index) => list(headers[index]!.branchLabels)),
    dependsOn: kept.map((index) => list(headers[index]!.dependsOn)),
    messages: kept.map((index) => headers[index]!.message),
    createDates: kept.map((index) => headers[index]!.createDate ?? null),
    replaces: kept.map((index) => (headers[index]!.replaces ? [...headers[index]!.replaces] : 0)),
  };
}

/**
 * The headers of `names` (files in `versionsDir`, an absolute normalised path), from the cache where a file is unchanged and
 * from `parse` otherwise. A header that fails to parse throws, and is never cached; nor is one
 * whose file changed less than `SETTLE_MS` before `now` (it is parsed again next time).
 *
 * @example
 * const headers = cachedHeaders('/app/migrations/versions', ['ab12_init.ts'], (file) =>
 *   parseRevisionHeader(readFileSync(file, 'utf8'), file),
 * );
 */
export function cachedHeaders(
  versionsDir: string,
  names: readonly string[],
  parse: (file: string) => RevisionHeader,
  now: number = Date.now(),
): RevisionHeader[] {
  const path = cachePath(versionsDir);
  const cached = readCache(path);
  const indexOf = indexer(cached);
  const settledBefore = now - SETTLE_MS;
  // What the next cache would record of each file (NaN: not to be cached), in one number array.
  const stamps: number[] = [];
  let changed = names.length !== cached?.names.length;
  // `versionsDir` is absolute and normalised and each name a plain file name: path.join's
  // normalisation, 5,000 times over, would only cost time.
  const prefix = versionsDir.endsWith(sep) ? versionsDir : versionsDir + sep;
  const headers = names.map((name, at) => {
    const file = prefix + name;
    const stats = statSync(file);
    const index = indexOf(name, at);
    if (cached && index !== undefined && isFresh(cached, index, stats)) {
      stamps.push(stats.ino, stats.size, stats.mtimeMs, stats.ctimeMs);
      return headerAt(cached, index, file);
    }
    const header = parse(file);
    // The change time moves on every write (a user cannot set it), so it alone says "settled".
    if (stats.ctimeMs < settledBefore) stamps.push(stats.ino, stats.size, stats.mtimeMs, stats.ctimeMs);
    else stamps.push(NaN, NaN, NaN, NaN);
    changed = true;
    return header;
  });
  if (changed) writeCache(path, cacheOf(names, headers, stamps));
  return headers;
}
