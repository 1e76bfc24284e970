/**
 * Where this copy of schemigrate lives. Found from this module's own file, which sits at a
 * different depth in `src/` (tests), in tsc's `dist/` and in the bundle's `dist/chunks/`.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const thisFile = fileURLToPath(import.meta.url);

function findRoot(): string {
  for (let dir = dirname(thisFile); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`schemigrate cannot find its own package.json above ${thisFile}.`);
  }
}

/** The package's folder (holding package.json, `templates/`, `dist/`). */
export const PACKAGE_ROOT = findRoot();

/** The folder of the code that is running: `<root>/dist` when built, `<root>/src` under a TypeScript runner. */
export const CODE_ROOT = join(PACKAGE_ROOT, relative(PACKAGE_ROOT, thisFile).split(sep)[0]);

/**
 * A file of the running code by its path below `src/`, without extension: the `.js` when built,
 * the `.ts` under a TypeScript runner.
 *
 * @example
 * ownModule('index'); // '/…/node_modules/schemigrate/dist/index.js'
 */
export function ownModule(path: string): string {
  return join(CODE_ROOT, `${path}${CODE_ROOT.endsWith(`${sep}dist`) ? '.js' : '.ts'}`);
}
