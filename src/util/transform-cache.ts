/**
 * The disk cache of transformed user modules (transform-user-module.ts). schemigrate keeps it
 * rather than jiti, so that it can tell ahead which modules are not in it and transform those
 * together (`prepareTransforms`). An entry is named by a hash of everything the transform reads
 * (the module's path and text, and how jiti loads it), so an edited module gets a new entry and
 * an entry never goes stale. A cache that cannot be read or written only makes loads slower.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { TransformOptions } from 'jiti';

/**
 * Transformed modules in one folder.
 *
 * @example
 * const cache = new TransformCache('/tmp/jiti/schemigrate-esbuild-2');
 * cache.get(options) ?? cache.set(options, transform(options));
 */
export class TransformCache {
  readonly #folder: string;
  #created = false;
  /**
   * The last entry looked up for each way of loading a module, with its output once read: a run
   * asks about a module more than once (`prepareTransforms` looks ahead, then jiti loads it).
   */
  readonly #recent = new Map<string, { readonly source: string; readonly path: string; code?: string }>();

  constructor(folder: string) {
    this.#folder = folder;
  }

  /** The cached output for `options`, if any. */
  get(options: TransformOptions): string | undefined {
    const entry = this.#entry(options);
    if (entry.code !== undefined) return entry.code;
    try {
      entry.code = readFileSync(entry.path, 'utf8');
      return entry.code;
    } catch {
      return undefined;
    }
  }

  /** Whether `options` has a cached output. */
  has(options: TransformOptions): boolean {
    const entry = this.#entry(options);
    return entry.code !== undefined || existsSync(entry.path);
  }

  /** Keep `code` as the output for `options` (written whole, then renamed into place, so that a reader never sees half of it). */
  set(options: TransformOptions, code: string): void {
    const entry = this.#entry(options);
    entry.code = code;
    const partial = `${entry.path}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      if (!this.#created) mkdirSync(this.#folder, { recursive: true });
      this.#created = true;
      writeFileSync(partial, code);
      renameSync(partial, entry.path);
    } catch {
      // Not cached on disk: the next process transforms the module again.
    }
  }

  /** The entry for `options`: the recent one while the module's text is the same, else a new one. */
  #entry(options: TransformOptions): { readonly source: string; readonly path: string; code?: string } {
    const { source, filename = '', ts, async, interopDefault, jsx } = options;
    const key = JSON.stringify([filename, ts ?? false, async ?? false, interopDefault ?? false, jsx ?? false]);
    const recent = this.#recent.get(key);
    if (recent?.source === source) return recent;
    const entry = { source, path: this.#path(key, filename, source) };
    this.#recent.set(key, entry);
    return entry;
  }

  /** `<folder>-<module>.<hash>.js`, the hash over what the transform reads. */
  #path(key: string, filename: string, source: string): string {
    const hash = createHash('sha256').update(key).update('\0').update(source).digest('hex').slice(0, 24);
    return join(this.#folder, `${basename(dirname(filename))}-${basename(filename, extname(filename))}.${hash}.js`);
  }
}
