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

const loaders = new Map<PackageEntry, Jiti>();

function loader(entry: PackageEntry): Jiti {
  let jiti = loaders.get(entry);
  if (!jiti) {
    // Loaded on first use, and through `require`: importing jiti's CommonJS bundle from ESM
    // makes Node scan its 190 kB for export names on every start.
    const { createJiti } = createRequire(import.meta.url)('jiti') as typeof import('jiti');
    jiti = createJiti(import.meta.url, {
      alias: { schemigrate: ownModule(ENTRY_MODULES[entry]) },
      tsconfigPaths: true,
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
    loaders.set(entry, jiti);
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
  const jiti = loader(entry);
  if (source === undefined) return (await jiti.import(absolutePath)) as T;
  return (await jiti.evalModule(source, { id: absolutePath, filename: absolutePath, ext: extname(absolutePath), async: true })) as T;
}
