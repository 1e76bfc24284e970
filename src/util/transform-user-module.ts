/**
 * The transform jiti runs on user TypeScript not in this module's cache: esbuild strips the types and
 * turns ES module syntax into the CommonJS that jiti evaluates, in one pass, in its own process
 * (a fraction of the time and memory of jiti's own Babel transform, or of Sucrase's before it);
 * es-module-lexer finds the imports. The output follows jiti's conventions as its Babel transform
 * does: in an `import()`-ed module, static imports become `await jitiImport(…)`, so that ES
 * module dependencies (this package among them) load natively; `import()` becomes
 * `jitiImport()`; `import.meta.url`, `.filename`, `.dirname`, `.env` and `.resolve` become
 * their values.
 *
 * A file esbuild cannot turn into CommonJS (top-level `await`), that keeps syntax this Node does
 * not run (decorators without `experimentalDecorators`), that has code before an import (Babel
 * hoists imports as ES modules do), whose output does not compile in jiti's module wrapper,
 * that imports with attributes, that reads `import.meta` otherwise, that the lexer cannot read
 * (such as `import x = require('…')`), or that does not parse goes to jiti's Babel transform,
 * which also words syntax errors the way jiti reports them.
 *
 * Outputs are kept on disk (transform-cache.ts). Before a load, `prepareTransforms` transforms
 * the modules not there yet all together, in esbuild's service, where jiti would ask for them
 * one at a time, each waiting for a synchronous call.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TransformOptions, TransformResult } from 'jiti';
import { TransformCache } from './transform-cache.js';

type Esbuild = typeof import('esbuild');
type Lexer = typeof import('es-module-lexer');

const require = createRequire(import.meta.url);

// Loaded on first use: a warm run finds every module in jiti's cache and loads neither.
let esbuild: Esbuild | undefined;
let lexer: Lexer | undefined;

function loadLexer(): Lexer {
  if (!lexer) {
    lexer = require('es-module-lexer') as Lexer;
    lexer.initSync();
  }
  return lexer;
}

/** The properties of `import.meta` that jiti's Babel plugins give values. */
const IMPORT_META_NAMES = ['url', 'filename', 'dirname', 'env', 'resolve'] as const;
const IMPORT_META_PROPERTY = new RegExp(`^\\s*\\.\\s*(?:${IMPORT_META_NAMES.join('|')})\\b`);

/** What jiti's Babel plugins put in place of `import.meta.<name>`. */
function importMetaValue(name: (typeof IMPORT_META_NAMES)[number], filename: string): string {
  switch (name) {
    case 'url':
      return JSON.stringify(pathToFileURL(filename).href);
    case 'filename':
      return JSON.stringify(filename);
    case 'dirname':
      return JSON.stringify(dirname(filename));
    case 'env':
      return 'process.env';
    case 'resolve':
      return 'jitiESMResolve';
  }
}

/** No real specifier holds it (a new one per process); esbuild copies it into `require("…")` as it is. */
const PLACEHOLDER_PREFIX = `schemigrate-import-${randomUUID()}:`;

/** A placeholder for an import's specifier; its last path segment is the real one's, which esbuild names the module's variable after. */
function placeholder(index: number, specifier: string): string {
  return `${PLACEHOLDER_PREFIX}${index}/${specifier.split('/').pop()!.replace(/\W/g, '')}`;
}

const PLACEHOLDER_REQUIRE = new RegExp(`require\\("${PLACEHOLDER_PREFIX}(\\d+)/\\w*"\\)`, 'g');
const REQUIRE_CALL = /\brequire\(/g;

/** Whitespace, a comment or a semicolon, from where the scan stands. */
const TRIVIA = /\s+|;|\/\/[^\n]*|\/\*[\s\S]*?\*\//y;

/** Whether `code` between `start` and `end` holds nothing but whitespace, comments and semicolons. */
function onlyTrivia(code: string, start: number, end: number): boolean {
  let at = start;
  while (at < end) {
    TRIVIA.lastIndex = at;
    if (!TRIVIA.test(code)) return false;
    at = TRIVIA.lastIndex;
  }
  return at === end;
}

interface MarkedImports {
  readonly code: string;
  /** The real specifiers, by placeholder index. */
  readonly specifiers: string[];
  readonly hasDynamicImport: boolean;
}

/**
 * Replace each static import's specifier by a placeholder (one per distinct specifier), so that
 * the `require` calls esbuild writes for imports can be told from the module's own. Undefined
 * when an import has attributes (`with { type: 'json' }`), when code comes before an import
 * (kept in its place in this output, where Babel hoists imports as ES modules do), or when
 * `import.meta` is read other than through the properties jiti gives values.
 */
function markStaticImports(source: string, filename: string): MarkedImports | undefined {
  const [imports] = loadLexer().parse(source, filename);
  const specifiers: string[] = [];
  let code = '';
  let copied = 0;
  let previousEnd = 0;
  let hasDynamicImport = false;
  for (const entry of imports) {
    if (entry.d === -2 && !IMPORT_META_PROPERTY.test(source.slice(entry.e, entry.e + 40))) return undefined;
    if (entry.d >= 0) hasDynamicImport = true;
    if (entry.d !== -1) continue;
    if (entry.a !== -1 || entry.n === undefined || !onlyTrivia(source, previousEnd, entry.ss)) return undefined;
    previousEnd = entry.se;
    let index = specifiers.indexOf(entry.n);
    if (index === -1) index = specifiers.push(entry.n) - 1;
    code += source.slice(copied, entry.s) + placeholder(index, entry.n);
    copied = entry.e;
  }
  return { code: code + source.slice(copied), specifiers, hasDynamicImport };
}

/** Point the `import()`s of esbuild's output at jiti's `jitiImport()`. */
function redirectDynamicImports(code: string, filename: string): string {
  const [imports] = loadLexer().parse(code, filename);
  let out = '';
  let copied = 0;
  for (const entry of imports) {
    if (entry.d < 0) continue;
    out += code.slice(copied, entry.ss) + 'jitiImport';
    copied = entry.ss + 'import'.length;
  }
  return out + code.slice(copied);
}

function countMatches(code: string, pattern: RegExp): number {
  return code.match(pattern)?.length ?? 0;
}

interface EsbuildOutput {
  readonly code: string;
  /** The source map, when asked for. */
  readonly map?: string;
}

/** What esbuild is given for a module: its source with marked imports, and the options. */
interface EsbuildInput {
  readonly marked: MarkedImports;
  readonly options: import('esbuild').TransformOptions;
}

/** The input for esbuild; undefined when the source needs Babel. */
function esbuildInput({ source, filename = join(process.cwd(), 'module.ts'), ts = false }: TransformOptions, withMap: boolean): EsbuildInput | undefined {
  const marked = markStaticImports(source, filename);
  if (!marked) return undefined;
  return {
    marked,
    options: {
      loader: ts ? 'ts' : 'js',
      format: 'cjs',
      sourcefile: filename,
      // import() stays, for jitiImport; the rest of the syntax as written (no target to lower to).
      supported: { 'dynamic-import': true },
      define: Object.fromEntries(IMPORT_META_NAMES.map((name) => [`import.meta.${name}`, importMetaValue(name, filename)])),
      sourcemap: withMap ? 'external' : false,
      logLevel: 'silent',
    },
  };
}

/** esbuild's output made jiti's: imports pointed at their files; undefined when the source needs Babel after all. */
function esbuildOutput({ source, filename = join(process.cwd(), 'module.ts'), async = false }: TransformOptions, { marked }: EsbuildInput, { code, map }: { code: string; map: string }, withMap: boolean): EsbuildOutput | undefined {
  // esbuild writes no other `require(` than those of imports: any more means the lexer missed an
  // import of the TypeScript source, which Babel then handles.
  if (countMatches(code, REQUIRE_CALL) - countMatches(code, PLACEHOLDER_REQUIRE) !== countMatches(source, REQUIRE_CALL)) return undefined;
  const imported = code.replace(PLACEHOLDER_REQUIRE, (_, index: string) => {
    const specifier = JSON.stringify(existingFile(marked.specifiers[Number(index)]!, filename));
    return async ? `(await jitiImport(${specifier}))` : `require(${specifier})`;
  });
  const output = marked.hasDynamicImport ? redirectDynamicImports(imported, filename) : imported;
  return compilesInJitiWrapper(output, async) ? { code: output, ...(withMap && { map }) } : undefined;
}

function loadEsbuild(): Esbuild {
  esbuild ??= require('esbuild') as Esbuild;
  return esbuild;
}

/**
 * Strip types and convert ES module syntax to jiti's CommonJS with esbuild, in one pass;
 * undefined when the source needs Babel (and a throw when esbuild cannot convert it).
 */
function transformWithEsbuild(options: TransformOptions, { withMap = false } = {}): EsbuildOutput | undefined {
  const input = esbuildInput(options, withMap);
  return input && esbuildOutput(options, input, loadEsbuild().transformSync(input.marked.code, input.options), withMap);
}

/** `transformWithEsbuild` in esbuild's service: many modules at once, and no thread started for a synchronous call. */
async function transformWithEsbuildService(options: TransformOptions): Promise<EsbuildOutput | undefined> {
  const input = esbuildInput(options, false);
  return input && esbuildOutput(options, input, await loadEsbuild().transform(input.marked.code, input.options), false);
}

/**
 * A relative `./x.js` that names `./x.ts` (TypeScript's rule; no `x.js` exists) written as
 * `./x.ts`: jiti would otherwise look for it under every extension and as a folder on every
 * load, thousands of failed `stat` calls for a large schema barrel's `export * from` lines.
 *
 * @example
 * existingFile('./users.js', '/app/src/db/schema/index.ts'); // './users.ts' when only users.ts exists
 */
function existingFile(specifier: string, importer: string): string {
  const match = /^(\.{1,2}\/.*)\.([mc]?)js$/.exec(specifier);
  if (!match) return specifier;
  const [, stem, kind] = match;
  const folder = dirname(importer);
  if (existsSync(resolve(folder, `${stem}.${kind}js`))) return specifier;
  return existsSync(resolve(folder, `${stem}.${kind}ts`)) ? `${stem}.${kind}ts` : specifier;
}

const AsyncFunction = (async () => {}).constructor as FunctionConstructor;
const WRAPPER_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname', 'jitiImport', 'jitiESMResolve'];

/**
 * Whether `code` compiles as the body of the function jiti wraps a module in. It does not when
 * the module declares a name of that function's parameters at its top level (`const require =
 * createRequire(import.meta.url)`), which Babel renames and esbuild does not, or keeps syntax
 * esbuild passes through and this Node does not run (decorators).
 */
function compilesInJitiWrapper(code: string, async: boolean): boolean {
  try {
    new (async ? AsyncFunction : Function)(...WRAPPER_PARAMETERS, code);
    return true;
  } catch {
    return false;
  }
}

let babel: ((options: TransformOptions) => TransformResult) | undefined;

/** jiti's own transform (Babel), which its package does not export: loaded by path. */
function babelTransform(options: TransformOptions): TransformResult {
  babel ??= require(join(dirname(require.resolve('jiti')), '..', 'dist', 'babel.cjs')) as (options: TransformOptions) => TransformResult;
  return babel(options);
}

/** Changes whenever this transform's output, or its cache's layout, does: it names the cache's folder. */
export const TRANSFORM_VERSION = 'esbuild-2';

/** The transformed modules, on disk (transform-cache.ts). */
const cache = new TransformCache(join(tmpdir(), 'jiti', `schemigrate-${TRANSFORM_VERSION}`));

/** The module as jiti loads it through `importUserModule`: TypeScript, imported (not required), default export unwrapped. */
function importedAs(filename: string, source: string): TransformOptions {
  return { source, filename, ts: true, async: true, interopDefault: true };
}

/**
 * The transform: esbuild where it can, Babel where it must.
 *
 * @example
 * transformUserModule({ source, filename: '/app/src/db/schema/users.ts', ts: true, async: true }).code;
 */
export function transformUserModule(options: TransformOptions): TransformResult {
  let code: string | undefined;
  try {
    code = transformWithEsbuild(options)?.code;
  } catch {
    // esbuild could not parse or convert it: Babel either can, or reports the error as jiti words it.
  }
  return code === undefined ? babelTransform(options) : { code };
}

/**
 * jiti's `transform` option: the cached output, else `transformUserModule`'s, then cached.
 *
 * @example
 * createJiti(import.meta.url, { transform: cachedTransform, fsCache: false });
 */
export function cachedTransform(options: TransformOptions): TransformResult {
  const cached = cache.get(options);
  if (cached !== undefined) return { code: cached };
  const result = transformUserModule(options);
  if (result.error === undefined) cache.set(options, result.code);
  return result;
}

/** A TypeScript module's path. */
const TYPESCRIPT = /\.[mc]?ts$/;

/** The specifiers `source` (the text of `file`) imports or re-exports statically, read by the lexer. */
function specifiersInSource(file: string, source: string): string[] {
  try {
    return loadLexer()
      .parse(source, file)[0]
      .flatMap(({ n, d }) => (d === -1 && n !== undefined ? [n] : []));
  } catch {
    return [];
  }
}

/** The relative specifiers a transformed module imports: a cached module's, read without the lexer. */
const RELATIVE_IMPORT_IN_OUTPUT = /\b(?:jitiImport|require)\("(\.\.?\/[^"]+)"\)/g;

/**
 * The local TypeScript modules among `specifiers` (imported by `file`): relative ones naming an
 * existing `.ts` file, directly, through TypeScript's `.js` spelling or without an extension.
 * Others (packages, aliases, folders) are left to jiti.
 */
function localModules(file: string, specifiers: readonly string[]): string[] {
  return specifiers.flatMap((specifier) => {
    if (!/^\.\.?\//.test(specifier)) return [];
    const named = existingFile(specifier, file);
    const path = resolve(dirname(file), TYPESCRIPT.test(named) ? named : `${named}.ts`);
    return TYPESCRIPT.test(path) && existsSync(path) ? [path] : [];
  });
}

/** The last preparation started, settled: the next one starts after it. */
let preparing: Promise<void> = Promise.resolve();

/**
 * Transform the TypeScript `files` (and, with `followImports`, the local modules they import,
 * transitively) that are not in the cache yet, all at once in esbuild's service, so that
 * importing them finds them there. One by one through jiti, each would wait for a synchronous
 * transform, the first of a process also starting esbuild's thread (about 0.1 s). A module
 * esbuild cannot take, or that cannot be read, is left to the import, which reports it.
 *
 * @example
 * await prepareTransforms(['/app/migrations/versions/3f2a9c1b7d4e_add_users.ts']);
 * await prepareTransforms(['/app/src/db/schema/index.ts'], { followImports: true });
 */
export function prepareTransforms(files: readonly string[], { followImports = false } = {}): Promise<void> {
  // After the preparations already under way, whose modules this one then finds in the cache.
  const prepared = preparing.then(() => transformMissing(files, followImports));
  preparing = prepared.catch(() => undefined);
  return prepared;
}

/**
 * Whether the TypeScript `file`, as it reads now, is not in the transform cache yet (false for
 * JavaScript, which is not transformed ahead, and when it cannot be read: its import reports that).
 *
 * @example
 * needsTransform('/app/migrations/versions/3f2a9c1b7d4e_add_users.ts'); // true for a revision just written
 */
export function needsTransform(file: string): boolean {
  if (!TYPESCRIPT.test(file)) return false;
  try {
    return !cache.has(importedAs(file, readFileSync(file, 'utf8')));
  } catch {
    return false;
  }
}

async function transformMissing(files: readonly string[], followImports: boolean): Promise<void> {
  const pending: TransformOptions[] = [];
  const seen = new Set<string>();
  const queue = files.filter((file) => TYPESCRIPT.test(file));
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const options = importedAs(file, source);
    if (!followImports) {
      if (!cache.has(options)) pending.push(options);
      continue;
    }
    const cached = cache.get(options);
    if (cached === undefined) pending.push(options);
    const specifiers = cached === undefined ? specifiersInSource(file, source) : [...cached.matchAll(RELATIVE_IMPORT_IN_OUTPUT)].map((match) => match[1]!);
    queue.push(...localModules(file, specifiers));
  }
  await Promise.all(
    pending.map(async (options) => {
      const output = await transformWithEsbuildService(options).catch(() => undefined);
      if (output !== undefined) cache.set(options, output.code);
    }),
  );
}

/** A position in a file: 1-based line, 1-based column, as in a stack trace. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Where in a user TypeScript file, as written, a position of the code that ran comes from:
 * esbuild prints the code its own way, where Babel keeps every line in place. Undefined when
 * the file is not esbuild's (Babel's, whose lines are the source's, or unreadable) or the
 * position is in esbuild's helpers. The transform is rerun with a map; it gives the same code as
 * the run that failed, which jiti cached under this transform's version.
 *
 * @example
 * const asWritten = positionsAsWritten('/app/src/db/schema/users.ts');
 * asWritten?.({ line: 24, column: 9 }); // { line: 6, column: 9 }
 */
export function positionsAsWritten(file: string): ((ran: Position) => Position | undefined) | undefined {
  let map: string | undefined;
  try {
    map = transformWithEsbuild(importedAs(file, readFileSync(file, 'utf8')), { withMap: true })?.map;
  } catch {
    return undefined;
  }
  if (map === undefined) return undefined;
  const { decode } = require('@jridgewell/sourcemap-codec') as typeof import('@jridgewell/sourcemap-codec');
  const lines = decode((JSON.parse(map) as { mappings: string }).mappings);
  return ({ line, column }) => {
    // The last segment that starts at or before the column (the map's columns are 0-based), else the line's first.
    const segments = (lines[line - 1] ?? []).filter((segment) => segment.length >= 4);
    const segment = segments.filter((candidate) => candidate[0] <= column - 1).at(-1) ?? segments[0];
    return segment === undefined ? undefined : { line: segment[2]! + 1, column: segment[3]! + 1 };
  };
}
