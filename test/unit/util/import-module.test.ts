/**
 * Which user modules may resolve a specifier: those that do not are evaluated without jiti's
 * per-module lookup of the nearest tsconfig.json (its `paths` could never apply to them).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importUserModule, resolvesSpecifiers } from '../../../src/util/import-module.js';

/** Modules that import only types, or nothing. */
const RESOLVING_NOTHING = [
  "import type { Kysely } from 'schemigrate';\nexport const a = 1;",
  "import type Default from './x.js';\nimport type * as all from './y.js';",
  'export async function upgrade(db) {\n  // the rows copied from the old table stay\n  await db.schema.dropTable("old").execute();\n}',
  '// a revision that imports nothing\nexport const revision = "abc";',
];

/** Modules that may ask their loader to resolve a specifier. */
const RESOLVING = [
  "import { sql, type Kysely } from 'schemigrate';",
  "import { sql } from 'kysely';",
  "import './side-effect.js';",
  "import type from './named-type.js';",
  "import typeorm from 'typeorm';",
  "const helpers = await import('./helpers.js');",
  'const here = import.meta.url;',
  "const fs = require('node:fs');",
  "export { helper } from '../helpers.js';",
  "export * from './tables.js';",
  "export type {\n  Row,\n} from './types.js';",
  "import type { A } from './a.js';\nimport { b } from './b.js';",
];

describe('resolvesSpecifiers', () => {
  it.each([...RESOLVING_NOTHING.map((source) => [source, false] as const), ...RESOLVING.map((source) => [source, true] as const)])('%j: %s', (source, expected) => {
    expect(resolvesSpecifiers(source)).toBe(expected);
  });
});

describe('importUserModule with the source given', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-import-module-'));
    // A tsconfig.json jiti cannot read: only a module that resolves something needs it read.
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: './missing-base.json' }));
    writeFileSync(join(dir, 'helper.ts'), 'export const answer: number = 42;\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('evaluates a module that resolves nothing without reading the tsconfig', async () => {
    const file = join(dir, 'type-only.ts');
    const source = "import type { Kysely } from 'schemigrate';\nexport const tables: number = 3;\nexport type Db = Kysely<any>;\n";
    writeFileSync(file, source);
    await expect(importUserModule(file, 'full', source)).resolves.toMatchObject({ tables: 3 });
  });

  it('still reads the tsconfig for a module that imports a value', async () => {
    const file = join(dir, 'imports-value.ts');
    const source = "import { answer } from './helper.js';\nexport const doubled: number = answer * 2;\n";
    writeFileSync(file, source);
    await expect(importUserModule(file, 'full', source)).rejects.toThrow(/missing-base\.json/);
  });
});
