/**
 * Pulled modules type the same way as the schema they were pulled from: the type tests' schema
 * goes through the model to schema modules (what `pull` writes), and a query file asserts that
 * `Database<typeof pulled>` equals `Database<typeof declared>` table by table, on the select,
 * insert and update sides — except the columns narrowed by `$type`, which a database cannot tell.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_NAMING_CONVENTION } from '../../src/config/load.js';
import { getDialect } from '../../src/dialects/registry.js';
import { renderSchemaModules } from '../../src/render/schema-module.js';
import { dslModel } from '../helpers/dsl-model.js';
import { COMPILERS, typeCheck } from '../helpers/type-check.js';
import { accounts, allTypes, categories, events } from './schema.js';

const FIXTURES = resolve('test/types');

const QUERIES = `import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Database } from 'schemigrate';
import type { Equal, Expect, Flat } from '../expect.js';
import type * as declared from '../schema.js';
import type * as pulled from './index.js';

type Dialect = 'postgres' | 'mysql' | 'sqlite';
type Sides<T> = [Flat<Selectable<T>>, Flat<Insertable<T>>, Flat<Updateable<T>>];
type Same<D extends Dialect, K extends keyof Database<typeof declared, D>, Narrowed extends string = never> = Equal<
  Sides<Omit<Database<typeof pulled, D>[K], Narrowed>>,
  Sides<Omit<Database<typeof declared, D>[K], Narrowed>>
>;
type Tables<D extends Dialect> = [
  Equal<keyof Database<typeof pulled, D>, keyof Database<typeof declared, D>>,
  Same<D, 'all_types'>,
  Same<D, 'accounts', 'id' | 'settings' | 'citext'>,
  Same<D, 'categories'>,
  Same<D, 'audit.events'>,
];

export type Postgres = Expect<Equal<Tables<'postgres'>, [true, true, true, true, true]>>;
export type EveryDialect = Expect<Equal<Tables<Dialect>, [true, true, true, true, true]>>;
`;

describe.each(COMPILERS)('$name', (compiler) => {
  test('Database<typeof pulled> equals Database<typeof declared>', async () => {
    const dialect = await getDialect('postgres');
    const model = dslModel(dialect, [allTypes, accounts, categories, events]);
    const dir = join(FIXTURES, `.pulled-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      const files = renderSchemaModules(model, { naming: DEFAULT_NAMING_CONVENTION, maxIdentifierLength: dialect.maxIdentifierLength });
      for (const file of files) writeFileSync(join(dir, file.path), file.content);
      writeFileSync(join(dir, 'queries.ts'), QUERIES);
      const { diagnostics } = await typeCheck(compiler, [join(dir, 'queries.ts')]);
      expect(diagnostics).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
