/**
 * Loading user TypeScript (config, schema barrel, revision files) through jiti, with esbuild as
 * its transform. An import of `'schemigrate'` in user code resolves to this running copy of the
 * package, so projects work without installing it locally.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import type { Jiti } from 'jiti';
import { ownModule } from './own-package.js';
import { cachedTransform } from './transform-user-module.js';

/**
 * What `'schemigrate'` means in user code: the whole public API, or only `defineConfig` for a
 * config file that needs nothing else (`config/entry.ts`), which loads without Kysely.
 */
export type PackageEntry = 'full' | 'config';

const ENTRY_MODULES: Record<PackageEntry, string> = { full: 'index', config: 'config/entry' };

const loaders = new Map<string, Jiti>();

/** The loader for `entry`; `tsconfigPaths` false for a module that resolves no specifier (see `resolvesSpecifiers`). */
function loader(entry: PackageEntry, tsconfigPaths: boolean): Jiti {
  const key = `${entry}:${tsconfigPaths}`;
  let jiti = loaders.get(key);
  if (!jiti) {
    // Loaded on first use, and through `require`: importing jiti's CommonJS bundle from ESM
    // makes Node scan its 190 kB for export names on every start.
    const { createJiti } = createRequire(import.meta.url)('jiti') as typeof import('jiti');
    jiti = createJiti(import.meta.url, {
      alias: { schemigrate: ownModule(ENTRY_MODULES[entry]) },
      tsconfigPaths,
      // jiti's default list without the JSX kinds (.tsx, .mtsx, .ctsx): every listed extension
      // is tried, in vain, for each `./x.js` specifier that names a `.ts` file before jiti maps
      // one to the other (about 4 ms per extension per 10 such imports).
      extensions: ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'],
      interopDefault: true,
      moduleCache: false,
      // esbuild rather than Babel, and a disk cache of its own that a run can look ahead into
      // (transform-user-module.ts): jiti asks the transform for every module.
      transform: cachedTransform,
      fsCache: false,
    });
    loaders.set(key, jiti);
  }
  return jiti;
}

/**
 * Import a user module (TypeScript or JavaScript, ESM or CJS) by absolute path; `entry` says
 * what its imports of `'schemigrate'` resolve to. `source`, the file's text when the caller has
 * it, is evaluated as that file: jiti then skips resolving a path that is already absolute
 * (through the `tsconfig` paths, ~0.1 ms a file; a run imports every revision it applies).
 *
 * @example
 * const barrel = await importUserModule<Record<string, unknown>>('/app/src/db/schema/index.ts');
 */
export async function importUserModule<T = Record<string, unknown>>(absolutePath: string, entry: PackageEntry = 'full', source?: string): Promise<T> {
  if (source === undefined) return (await loader(entry, true).import(absolutePath)) as T;
  // jiti finds and parses the nearest tsconfig.json for every module it evaluates, for its
  // `paths` (~0.2 ms a module): a module that resolves nothing, as most revisions, never uses them.
  const jiti = loader(entry, resolvesSpecifiers(source));
  return (await jiti.evalModule(source, { id: absolutePath, filename: absolutePath, ext: extname(absolutePath), async: true })) as T;
}

/** What follows `import` in a type-only import: `type`, then `{`, `*` or a name other than `from`. */
const TYPE_ONLY = /^\s+type\s+(?!from\b)[\w${*]/;
/** A `require`, or an `export … from '…'`. */
const RESOLVING = /\brequire\b|\bexport\b[^;]*?\bfrom\s*['"`]/;
const IMPORT = /\bimport\b/g;

/**
 * Whether a module's source may ask its loader to resolve a specifier: an `import` other than
 * `import type` (a value import, `import()`, `import.meta`), an `export … from`, a `require`.
 * It errs towards true: the words in a comment or a string count as well.
 *
 * @example
 * resolvesSpecifiers("import type { Kysely } from 'schemigrate';"); // false
 * resolvesSpecifiers("import { sql, type Kysely } from 'schemigrate';"); // true
 */
export function resolvesSpecifiers(source: string): boolean {
  if (RESOLVING.test(source)) return true;
  for (const match of source.matchAll(IMPORT)) {
    if (!TYPE_ONLY.test(source.slice(match.index + 'import'.length, match.index + 80))) return true;
  }
  return false;
}
