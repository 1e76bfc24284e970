/**
 * A cache of parsed revision headers, so that graph commands over thousands of revisions read
 * one small JSON file and stat each revision instead of reading and tokenizing every file.
 *
 * An entry is trusted only while its file keeps the size, modification time and change time it
 * had when parsed; anything else is parsed again. The cache lives in the system's temporary
 * folder (like jiti's transpile cache), one file per versions folder, and is only ever an
 * optimisation: when it cannot be read or written, headers are simply parsed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RevisionHeader } from './header.js';

/** Bumped whenever `RevisionHeader` or the parser's rules change, so older entries are dropped. */
const FORMAT = 1;

interface Entry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly header: Omit<RevisionHeader, 'file'>;
}

interface CacheFile {
  readonly format: number;
  readonly entries: Readonly<Record<string, Entry>>;
}

function cachePath(versionsDir: string): string {
  const key = createHash('sha256').update(versionsDir).digest('hex').slice(0, 16);
  return join(tmpdir(), 'schemigrate', `headers-${key}.json`);
}

function readCache(path: string): Readonly<Record<string, Entry>> {
  try {
    const cache = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
    return cache.format === FORMAT && typeof cache.entries === 'object' ? cache.entries : {};
  } catch {
    return {};
  }
}

function writeCache(path: string, entries: Record<string, Entry>): void {
  // Write-then-rename, so a concurrent reader sees the old cache or the new one, never half.
  const temporary = `${path}.${process.pid}`;
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(temporary, JSON.stringify({ format: FORMAT, entries } satisfies CacheFile));
    renameSync(temporary, path);
  } catch {
    // Read-only or full temporary folder: the next run parses again.
  }
}

function isFresh(entry: Entry | undefined, stats: Stats): entry is Entry {
  return entry !== undefined && entry.size === stats.size && entry.mtimeMs === stats.mtimeMs && entry.ctimeMs === stats.ctimeMs;
}

/**
 * The headers of `names` (files in `versionsDir`), from the cache where a file is unchanged and
 * from `parse` otherwise. A header that fails to parse throws, and is never cached.
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
): RevisionHeader[] {
  const path = cachePath(versionsDir);
  const cached = readCache(path);
  const entries: Record<string, Entry> = {};
  let changed = names.length !== Object.keys(cached).length;
  const headers = names.map((name) => {
    const file = join(versionsDir, name);
    const stats = statSync(file);
    const entry = cached[name];
    if (isFresh(entry, stats)) {
      entries[name] = entry;
      return { ...entry.header, file };
    }
    const { file: _file, ...header } = parse(file);
    entries[name] = { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, header };
    changed = true;
    return { ...header, file };
  });
  if (changed) writeCache(path, entries);
  return headers;
}
