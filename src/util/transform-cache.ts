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

  constructor(folder: string) {
    this.#folder = folder;
  }

  /** The cached output for `options`, if any. */
  get(options: TransformOptions): string | undefined {
    try {
      return readFileSync(this.#path(options), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Whether `options` has a cached output. */
  has(options: TransformOptions): boolean {
    return existsSync(this.#path(options));
  }

  /** Keep `code` as the output for `options` (written whole, then renamed into place, so that a reader never sees half of it). */
  set(options: TransformOptions, code: string): void {
    const path = this.#path(options);
    const partial = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      if (!this.#created) mkdirSync(this.#folder, { recursive: true });
      this.#created = true;
      writeFileSync(partial, code);
      renameSync(partial, path);
    } catch {
      // Not cached: the next load transforms the module again.
    }
  }

  /** `<folder>-<module>.<hash>.js`, the hash over what the transform reads. */
  #path({ source, filename = '', ts, async, interopDefault, jsx }: TransformOptions): string {
    const hash = createHash('sha256')
      .update(JSON.stringify([filename, ts ?? false, async ?? false, interopDefault ?? false, jsx ?? false]))
      .update('\0')
      .update(source)
      .digest('hex')
      .slice(0, 24);
    return join(this.#folder, `${basename(dirname(filename))}-${basename(filename, extname(filename))}.${hash}.js`);
  }
}
