/**
 * The second step of `npm run build`, after tsc: rewrite the package's entry modules in dist/
 * as bundles of src/ (with Kysely), their shared code in dist/chunks/.
 *
 * Why: a command used to load ~330 ES modules (ours and Kysely's), and on Node 20, which has
 * no compile cache, resolving, reading and compiling them one by one was ~0.1 s of every run;
 * a dozen chunks load in a fraction of that (docs/benchmarks.md). tsc's per-file output stays
 * beside them for the declarations and for tools that import one module (the benchmark).
 *
 * The entries are every module something outside the bundle loads: the CommonJS CLI front's
 * import()s (src/cli/*.cts), the package's exports, and the config-only entry that user config
 * files get for `'schemigrate'` (src/util/import-module.ts). Being entries, each exists once,
 * so state they keep (pending interrupt cleanups, the error class) is shared by all of them.
 * Drivers and loaders stay external: native code, or loaded only by some commands.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const src = join(root, 'src');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** `dist/x.js` or `./x.js` (relative to `from`) → the `src/x.ts` it is built from. */
function sourceOf(specifier, from) {
  return resolve(from, specifier).replace(join(root, 'dist'), src).replace(/\.js$/, '.ts');
}

function frontImports() {
  const fronts = ['cli', 'api'].flatMap((folder) =>
    readdirSync(join(src, folder))
      .filter((file) => file.endsWith('.cts'))
      .map((file) => join(src, folder, file)),
  );
  return fronts.flatMap((front) =>
    [...readFileSync(front, 'utf8').matchAll(/\bimport\('(\.[^']+\.js)'\)/g)].map((match) => sourceOf(match[1], dirname(front))),
  );
}

function exportedModules() {
  return Object.values(pkg.exports)
    .flatMap((target) => (typeof target === 'string' ? [target] : [target.default, target.import?.default]))
    .filter((path) => path?.endsWith('.js'))
    .map((path) => sourceOf(path, root));
}

const entryPoints = [...new Set([...frontImports(), ...exportedModules(), join(src, 'config/entry.ts')])].sort();

// Chunk names carry content hashes: drop the last build's.
rmSync(join(root, 'dist', 'chunks'), { recursive: true, force: true });
await build({
  entryPoints,
  outbase: src,
  outdir: join(root, 'dist'),
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: Object.keys(pkg.dependencies).filter((name) => name !== 'kysely'),
  // Maps for `node --enable-source-maps`, pointing at src/ as tsc's do.
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
});
console.log(`bundled ${entryPoints.length} entries: ${entryPoints.map((path) => relative(src, path)).join(', ')}`);
