/**
 * Loading user TypeScript (config, schema barrel, revision files) through jiti. An import of
 * `'schemigrate'` in user code resolves to this running copy of the package, so projects work
 * without installing it locally.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createJiti, type Jiti } from 'jiti';

/** This package's entry point: `dist/index.js` when built, `src/index.ts` under ts-jest. */
function packageEntry(): string {
  for (const candidate of ['../index.js', '../index.ts']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('schemigrate cannot find its own entry point.');
}

let jiti: Jiti | undefined;

function loader(): Jiti {
  jiti ??= createJiti(import.meta.url, {
    alias: { schemigrate: packageEntry() },
    tsconfigPaths: true,
    interopDefault: true,
    moduleCache: false,
    // Transpiled output is cached on disk by content hash: a warm run skips Babel entirely.
    fsCache: true,
  });
  return jiti;
}

/**
 * Import a user module (TypeScript or JavaScript, ESM or CJS) by absolute path.
 *
 * @example
 * const barrel = await importUserModule<Record<string, unknown>>('/app/src/db/schema/index.ts');
 */
export async function importUserModule<T = Record<string, unknown>>(absolutePath: string): Promise<T> {
  return (await loader().import(absolutePath)) as T;
}
