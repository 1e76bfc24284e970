/**
 * The transform jiti runs on user TypeScript it has not cached yet: Sucrase strips the types and
 * turns ES module syntax into the CommonJS that jiti evaluates, in one pass, in a fraction of the
 * time and memory of jiti's own Babel transform; es-module-lexer finds the imports. The output
 * follows jiti's conventions as its Babel transform does: in an `import()`-ed module, static
 * imports become `await jitiImport(…)`, so that ES module dependencies (this package among them)
 * load natively and top-level `await` works; `import()` becomes `jitiImport()`;
 * `import.meta.url`, `.filename`, `.dirname`, `.env` and `.resolve` become their values.
 *
 * Sucrase drops TypeScript namespaces as if they held only types, leaves decorators in place and
 * does not hoist imports or rename a top-level `require`; a file that may use either of the first
 * two, that has code before an import, whose output does not compile in jiti's module wrapper,
 * that imports with attributes, that the lexer cannot read (such as `import x = require('…')`),
 * or that Sucrase cannot parse goes to jiti's Babel transform, which also words syntax errors
 * the way jiti reports them.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TransformOptions, TransformResult } from 'jiti';

type Sucrase = typeof import('sucrase');
type Lexer = typeof import('es-module-lexer');

/** What this file reads of a token from Sucrase's parser (`sucrase/dist/parser`). */
interface SucraseToken {
  readonly type: number;
  readonly contextualKeyword: number;
  readonly isType: boolean;
}

interface SucraseParser {
  parse(code: string, jsx: boolean, typescript: boolean, flow: boolean): { tokens: SucraseToken[] };
}

const require = createRequire(import.meta.url);

// Loaded on first use: a warm run finds every module in jiti's cache and loads neither.
let sucrase: Sucrase | undefined;
let lexer: Lexer | undefined;

function loadSucrase(): Sucrase {
  return (sucrase ??= require('sucrase') as Sucrase);
}

function loadLexer(): Lexer {
  if (!lexer) {
    lexer = require('es-module-lexer') as Lexer;
    lexer.initSync();
  }
  return lexer;
}

/** Cheap test for syntax that only Babel handles; a hit is confirmed on Sucrase's tokens. */
const MAYBE_DECORATOR_OR_NAMESPACE = /@[\p{ID_Start}_$]|\b(?:namespace|module)\s+[\p{ID_Start}_$]/u;

/** Whether `source` has a decorator or a `namespace`/`module` declaration that is not `declare`d. */
function needsBabel(source: string): boolean {
  if (!MAYBE_DECORATOR_OR_NAMESPACE.test(source)) return false;
  const { parse } = require('sucrase/dist/parser') as SucraseParser;
  const { TokenType } = require('sucrase/dist/parser/tokenizer/types') as { TokenType: Record<string, number> };
  const { ContextualKeyword } = require('sucrase/dist/parser/tokenizer/keywords') as { ContextualKeyword: Record<string, number> };
  const { tokens } = parse(source, false, true, false);
  return tokens.some((token, i) => {
    if (token.type === TokenType.at) return true;
    const declaresScope = token.contextualKeyword === ContextualKeyword._namespace || token.contextualKeyword === ContextualKeyword._module;
    return declaresScope && token.isType && tokens[i + 1]?.type === TokenType.name && tokens[i - 1]?.type !== TokenType._declare;
  });
}

/** The value Babel's jiti plugins put in place of `import.meta.<name>`, if any. */
function importMetaValue(name: string, filename: string): string | undefined {
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
    default:
      return undefined;
  }
}

/**
 * A specifier that Sucrase copies into `require('…')` verbatim and that no real one looks like;
 * its last path segment is the real one's, which Sucrase names the module's variable after.
 */
function placeholder(index: number, specifier: string): string {
  return `\\u0000${index}/${specifier.split('/').pop()!.replace(/\W/g, '')}`;
}

/** Characters above which a transformed file's parser state is worth releasing at once (see transformWithSucrase). */
const LARGE_SOURCE = 100_000;

const PLACEHOLDER_REQUIRE = /require\('\\u0000(\d+)\/\w*'\)/g;
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

/**
 * Replace each static import's specifier by a placeholder (one per distinct specifier), so that
 * the `require` calls Sucrase writes for imports can be told from the module's own. Returns the
 * code and the real specifiers by placeholder index; undefined when an import has attributes
 * (`with { type: 'json' }`), or when code comes before an import: Sucrase leaves imports where
 * they stand, Babel hoists them as ES modules do.
 */
function markStaticImports(source: string, filename: string): { code: string; specifiers: string[] } | undefined {
  const [imports] = loadLexer().parse(source, filename);
  const specifiers: string[] = [];
  let code = '';
  let copied = 0;
  let previousEnd = 0;
  for (const entry of imports) {
    if (entry.d !== -1) continue;
    if (entry.a !== -1 || entry.n === undefined || !onlyTrivia(source, previousEnd, entry.ss)) return undefined;
    previousEnd = entry.se;
    let index = specifiers.indexOf(entry.n);
    if (index === -1) index = specifiers.push(entry.n) - 1;
    code += source.slice(copied, entry.s) + placeholder(index, entry.n);
    copied = entry.e;
  }
  return { code: code + source.slice(copied), specifiers };
}

/** Point `import()` and `import.meta` of Sucrase's output at what jiti provides in their place. */
function redirectDynamicImportsAndMeta(code: string, filename: string): string {
  const [imports] = loadLexer().parse(code, filename);
  let out = '';
  let copied = 0;
  for (const entry of imports) {
    if (entry.d === -2) {
      const property = /^\s*\.\s*([\p{ID_Start}_$][\p{ID_Continue}$]*)/u.exec(code.slice(entry.e));
      const value = property && importMetaValue(property[1], filename);
      if (value === undefined) continue;
      out += code.slice(copied, entry.ss) + value;
      copied = entry.e + property![0].length;
    } else if (entry.d >= 0) {
      out += code.slice(copied, entry.ss) + 'jitiImport';
      copied = entry.ss + 'import'.length;
    }
  }
  return out + code.slice(copied);
}

function countMatches(code: string, pattern: RegExp): number {
  return code.match(pattern)?.length ?? 0;
}

/**
 * Strip types and convert ES module syntax to jiti's CommonJS with Sucrase, in one pass;
 * undefined when the source needs Babel.
 */
function transformWithSucrase({ source, filename = join(process.cwd(), 'module.ts'), ts = false, async = false }: TransformOptions): string | undefined {
  if (ts && needsBabel(source)) return undefined;
  const marked = markStaticImports(source, filename);
  if (!marked) return undefined;
  const sucrase = loadSucrase();
  const { code } = sucrase.transform(marked.code, {
    transforms: ts ? ['typescript', 'imports'] : ['imports'],
    filePath: filename,
    disableESTransforms: true,
    preserveDynamicImport: true,
  });
  // Sucrase's parser keeps the last file's tokens in module state until it parses another:
  // ~50 MiB for a 1.3 MB revision, held while that revision runs. An empty parse lets them go.
  if (marked.code.length > LARGE_SOURCE) sucrase.transform('', { transforms: ['imports'] });
  // Sucrase writes no other `require(` than those of imports: any more means the lexer missed an
  // import of the TypeScript source, which Babel then handles.
  if (countMatches(code, REQUIRE_CALL) - countMatches(code, PLACEHOLDER_REQUIRE) !== countMatches(source, REQUIRE_CALL)) return undefined;
  const imported = code.replace(PLACEHOLDER_REQUIRE, (_, index: string) => {
    const specifier = JSON.stringify(existingFile(marked.specifiers[Number(index)]!, filename));
    return async ? `(await jitiImport(${specifier}))` : `require(${specifier})`;
  });
  const output = redirectDynamicImportsAndMeta(imported, filename);
  return compilesInJitiWrapper(output, async) ? output : undefined;
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
 * createRequire(import.meta.url)`), which Babel renames and Sucrase does not, or keeps syntax
 * Sucrase passes through and this Node does not run.
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

/** Changes whenever this transform's output does: it names the folder of jiti's disk cache (import-module.ts). */
export const TRANSFORM_VERSION = 'sucrase-1';

/**
 * jiti's `transform` option: Sucrase where it can, Babel where it must.
 *
 * @example
 * createJiti(import.meta.url, { transform: transformUserModule, fsCache: true });
 */
export function transformUserModule(options: TransformOptions): TransformResult {
  let code: string | undefined;
  try {
    code = transformWithSucrase(options);
  } catch {
    // Sucrase could not parse it: Babel either can, or reports the error as jiti words it.
  }
  return code === undefined ? babelTransform(options) : { code };
}
