/**
 * The transform behind jiti: esbuild's output written in jiti's conventions, and Babel for what
 * esbuild would not give the same way; new modules transformed ahead, together. Executed behaviour is covered by
 * test/cli/user-typescript.test.ts.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importUserModule } from '../../../src/util/import-module.js';
import { prepareTransforms, TRANSFORM_VERSION, transformUserModule } from '../../../src/util/transform-user-module.js';

const FILENAME = '/app/src/schema/users.ts';

function transform(source: string, { async = true } = {}): string {
  return transformUserModule({ source, filename: FILENAME, ts: true, async, interopDefault: true }).code;
}

describe('transformUserModule', () => {
  it('imports asynchronously through jiti in an import()-ed module, and with require otherwise', () => {
    const source = "import { table } from 'schemigrate';\nimport * as names from './names.js';\nexport const users = table(names.users, {});\n";
    const imported = transform(source);
    expect(imported).toContain('(await jitiImport("schemigrate"))');
    expect(imported).toContain('(await jitiImport("./names.js"))');
    expect(imported).toContain('(0, import_schemigrate.table)(');
    expect(imported).not.toContain('require(');
    expect(transform(source, { async: false })).toContain('require("schemigrate")');
  });

  it('elides type-only imports and keeps the module its own require calls', () => {
    const code = transform("import type { Kysely } from 'kysely';\nimport { type Sql, sql } from 'schemigrate';\nconst legacy = require('./legacy');\nexport const x: Sql = sql`1`;\nexport const y: Kysely<unknown> = legacy;\n");
    expect(code).not.toContain('kysely');
    expect(code).toContain('(await jitiImport("schemigrate"))');
    expect(code).toContain('require("./legacy")');
  });

  it("re-exports what another module exports", () => {
    const code = transform("export * from './a.js';\nexport { b as c } from './b.js';\n");
    expect(code).toContain('(await jitiImport("./a.js"))');
    expect(code).toContain('(await jitiImport("./b.js"))');
    expect(code).toContain('__reExport(');
  });

  it('writes a relative ./x.js that names x.ts as ./x.ts, and leaves one that names a real x.js', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sg-transform-'));
    try {
      for (const file of ['users.ts', 'posts.mts', 'legacy.js', 'legacy.ts']) writeFileSync(join(folder, file), '');
      const { code } = transformUserModule({
        source: "export * from './users.js';\nexport * from './posts.mjs';\nexport * from './legacy.js';\nexport * from './missing.js';\n",
        filename: join(folder, 'index.ts'),
        ts: true,
        async: true,
      });
      expect(code).toContain('jitiImport("./users.ts")');
      expect(code).toContain('jitiImport("./posts.mts")');
      expect(code).toContain('jitiImport("./legacy.js")');
      expect(code).toContain('jitiImport("./missing.js")');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('replaces import() and import.meta as jiti does', () => {
    const code = transform("export const load = () => import('./late.js');\nexport const url = import.meta.url, file = import.meta.filename, folder = import.meta.dirname, env = import.meta.env, resolve = import.meta.resolve;\n");
    expect(code).toContain('() => jitiImport("./late.js")');
    expect(code).toContain(JSON.stringify(pathToFileURL(FILENAME).href));
    expect(code).toContain('"/app/src/schema/users.ts"');
    expect(code).toContain('"/app/src/schema"');
    expect(code).toContain('process.env');
    expect(code).toContain('jitiESMResolve');
    expect(code).not.toContain('import.meta');
    expect(code).not.toMatch(/\bimport\(/);
  });

  it('compiles enums, const enums, parameter properties and value namespaces', () => {
    const code = transform("export enum Kind { A = 'a', B = 'b' }\nconst enum Size { S = 1 }\nexport class Box { constructor(private size = Size.S) {} }\nexport namespace Names {\n  export const users = 'users';\n}\n");
    expect(code).toContain('Kind2["A"] = "a"');
    expect(code).toContain('this.size = size');
    expect(code).toContain('Names2.users = "users"');
    expect(code).toContain('module.exports = __toCommonJS(');
  });

  it('leaves decorators, top-level await, code before an import, a top-level require, import attributes, import = require and a bare import.meta to Babel', () => {
    for (const source of [
      'function sealed(c: unknown) {}\n@sealed\nexport class A {}\n',
      // esbuild writes no CommonJS with top-level await; jiti runs a module in an async function.
      "const { suffix } = await import('./suffix.js');\nexport const name = 'users' + suffix;\n",
      "export const meta = import.meta;\n",
      "import data from './data.json' with { type: 'json' };\nexport const d = data;\n",
      // Not ES module syntax: the lexer that finds the imports stops at it.
      "import legacy = require('./legacy');\nexport const d = legacy;\n",
      // Code before an import: Babel hoists the import, as an ES module does; this output would not.
      "export const early = users.name;\nimport { users } from './users.js';\n",
      // jiti's module wrapper has a `require` parameter: Babel renames this one, esbuild would not.
      "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nexport const pkg = require('./package.json');\n",
    ]) {
      const code = transform(source);
      // Babel's style of export, where esbuild writes `module.exports = __toCommonJS(…)`.
      expect(code).toMatch(/Object\.defineProperty\(exports, "__esModule", \{\s*value: true\s*\}\)/);
      expect(code).not.toContain('@sealed');
      expect(code).not.toContain('__toCommonJS');
    }
  });

  it('keeps declared namespaces and JSDoc tags on the fast path', () => {
    const code = transform("/** @example users */\nimport type { Kysely } from 'kysely';\n// a comment; then another import\nimport { table } from 'schemigrate';\ndeclare namespace Ambient { const x: number }\nexport const users = table('users', {});\n");
    expect(code).toContain('(0, import_schemigrate.table)(');
  });

  it("reports a syntax error the way jiti reports Babel's", () => {
    const code = transform('export const = 1;\n');
    expect(code).toContain('__JITI_ERROR__');
    expect(code).toContain(FILENAME);
  });
});

describe('prepareTransforms', () => {
  let dir: string;
  beforeEach(() => {
    // A folder of its own: its modules are new to the transform cache.
    dir = mkdtempSync(join(tmpdir(), 'sg-prepare-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The cache's entries for the modules of `dir` (entries are named `<folder>-<module>.<hash>.js`). */
  function cachedModules(): string[] {
    const cache = join(tmpdir(), 'jiti', `schemigrate-${TRANSFORM_VERSION}`);
    const prefix = `${basename(dir)}-`;
    return existsSync(cache) ? readdirSync(cache).filter((entry) => entry.startsWith(prefix)).map((entry) => entry.slice(prefix.length).split('.')[0]!).sort() : [];
  }

  it('transforms new modules ahead, with the local modules they import, and importing them gives their exports', async () => {
    writeFileSync(join(dir, 'index.ts'), "export * from './a.js';\nexport { b } from './b';\nimport type { Kysely } from 'kysely';\nexport type Db = Kysely<unknown>;\n");
    writeFileSync(join(dir, 'a.ts'), "import { c } from './c.js';\nexport const a: number = c + 1;\n");
    writeFileSync(join(dir, 'b.ts'), 'export const b: string = "b";\n');
    writeFileSync(join(dir, 'c.ts'), 'export const c = 41;\n');
    writeFileSync(join(dir, 'unused.ts'), 'export const unused = 0;\n');
    await prepareTransforms([join(dir, 'index.ts')], { followImports: true });
    expect(cachedModules()).toEqual(['a', 'b', 'c', 'index']);
    const module = await importUserModule<Record<string, unknown>>(join(dir, 'index.ts'));
    expect({ a: module.a, b: module.b }).toEqual({ a: 42, b: 'b' });
  });

  it('without followImports takes only the files named; an edited file is new again', async () => {
    writeFileSync(join(dir, 'one.ts'), "import { two } from './two.js';\nexport const one = two;\n");
    writeFileSync(join(dir, 'two.ts'), 'export const two = 2;\n');
    await prepareTransforms([join(dir, 'one.ts')]);
    expect(cachedModules()).toEqual(['one']);
    writeFileSync(join(dir, 'one.ts'), "import { two } from './two.js';\nexport const one = two * 10;\n");
    await prepareTransforms([join(dir, 'one.ts')]);
    expect(cachedModules()).toEqual(['one', 'one']);
    expect((await importUserModule<Record<string, unknown>>(join(dir, 'one.ts'))).one).toBe(20);
  });

  it('leaves a module esbuild cannot take to the import, which gives it to Babel', async () => {
    writeFileSync(join(dir, 'waits.ts'), "const { n } = await import('./n.js');\nexport const waited: number = n;\n");
    writeFileSync(join(dir, 'n.ts'), 'export const n = 7;\n');
    await prepareTransforms([join(dir, 'waits.ts')], { followImports: true });
    expect(cachedModules()).toEqual([]);
    expect((await importUserModule<Record<string, unknown>>(join(dir, 'waits.ts'))).waited).toBe(7);
  });
});
