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
const FORMAT = 2;

/**
 * How long after its last change a file's times are trusted to move on its next change: the
 * coarsest common time step (FAT's 2 s modification time), with room for clock rounding.
 */
export const SETTLE_MS = 3000;

/**
 * One file, as a JSON array (half the size and parse time of an object with named keys):
 * name, inode, size, modification and change time, then the header's fields.
 */
type Entry = [
  name: string,
  ino: number,
  size: number,
  mtimeMs: number,
  ctimeMs: number,
  revision: string,
  downRevisions: string[],
  branchLabels: string[],
  dependsOn: string[],
  message: string,
  createDate: string | null,
];

interface CacheFile {
  readonly format: number;
  readonly entries: readonly Entry[];
}

function cachePath(versionsDir: string): string {
  const key = createHash('sha256').update(versionsDir).digest('hex').slice(0, 16);
  return join(tmpdir(), 'schemigrate', `headers-${key}.json`);
}

function readCache(path: string): Map<string, Entry> {
  try {
    const cache = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
    if (cache.format !== FORMAT || !Array.isArray(cache.entries)) return new Map();
    const entries = new Map<string, Entry>();
    for (const entry of cache.entries) entries.set(entry[0], entry);
    return entries;
  } catch {
    return new Map();
  }
}

function writeCache(path: string, entries: readonly Entry[]): void {
  // Write-then-rename, so a concurrent reader sees the old cache or the new one, never half.
  const temporary = `${path}.${process.pid}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, JSON.stringify({ format: FORMAT, entries } satisfies CacheFile));
    renameSync(temporary, path);
  } catch {
    // Read-only or full temporary folder: the next run parses again.
  }
}

function isFresh(entry: Entry | undefined, stats: Stats): entry is Entry {
  return (
    entry !== undefined &&
    entry[1] === stats.ino &&
    entry[2] === stats.size &&
    entry[3] === stats.mtimeMs &&
    entry[4] === stats.ctimeMs
  );
}

function headerOf(entry: Entry, file: string): RevisionHeader {
  const [, , , , , revision, downRevisions, branchLabels, dependsOn, message, createDate] = entry;
  return createDate === null
    ? { revision, downRevisions, branchLabels, dependsOn, message, file }
    : { revision, downRevisions, branchLabels, dependsOn, message, file, createDate };
}

function entryOf(name: string, stats: Stats, header: RevisionHeader): Entry {
  const { revision, downRevisions, branchLabels, dependsOn, message, createDate } = header;
  return [
    name,
    stats.ino,
    stats.size,
    stats.mtimeMs,
    stats.ctimeMs,
    revision,
    [...downRevisions],
    [...branchLabels],
    [...dependsOn],
    message,
    createDate ?? null,
  ];
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
  const settledBefore = now - SETTLE_MS;
  const entries: Entry[] = [];
  let changed = names.length !== cached.size;
  // `versionsDir` is absolute and normalised and each name a plain file name: path.join's
  // normalisation, 5,000 times over, would only cost time.
  const prefix = versionsDir.endsWith(sep) ? versionsDir : versionsDir + sep;
  const headers = names.map((name) => {
    const file = prefix + name;
    const stats = statSync(file);
    const entry = cached.get(name);
    if (isFresh(entry, stats)) {
      entries.push(entry);
      return headerOf(entry, file);
    }
    const header = parse(file);
    // The change time moves on every write (a user cannot set it), so it alone says "settled".
    if (stats.ctimeMs < settledBefore) entries.push(entryOf(name, stats, header));
    changed = true;
    return header;
  });
  if (changed) writeCache(path, entries);
  return headers;
}
