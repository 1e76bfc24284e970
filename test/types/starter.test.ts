/**
 * The starter schema `init` writes exports the `DB` type, and a query over it compiles with
 * the row types of the starter's users table; the config `init` writes compiles without Node's
 * types, as a new project's TypeScript (6 and later) sees it.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COMPILERS, typeCheck } from '../helpers/type-check.js';

const QUERIES = `import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Equal, Expect, Flat } from '../expect.js';
import type { DB } from './index.js';

export type User = Expect<Equal<Selectable<DB['users']>, { id: number; email: string; name: string | null; createdAt: Date | string }>>;
export type NewUser = Expect<Equal<Flat<Insertable<DB['users']>>, { email: string; id?: number | undefined; name?: string | null | undefined; createdAt?: string | undefined }>>;

export async function firstEmail(db: Kysely<DB>): Promise<string | undefined> {
  return (await db.selectFrom('users').select('email').orderBy('createdAt').executeTakeFirst())?.email;
}
`;

describe.each(COMPILERS)('$name', (compiler) => {
  test("the starter's DB type types queries", async () => {
    const dir = resolve('test/types', `.starter-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      copyFileSync(resolve('templates/init/schema-index.ts.tmpl'), join(dir, 'index.ts'));
      copyFileSync(resolve('templates/init/schema-users.ts.tmpl'), join(dir, 'users.ts'));
      writeFileSync(join(dir, 'queries.ts'), QUERIES);
      const { diagnostics } = await typeCheck(compiler, [join(dir, 'queries.ts')]);
      expect(diagnostics).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the config init writes compiles without Node types, against the built package', async () => {
    const dir = resolve('test/types', `.starter-config-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      const config = join(dir, 'schemigrate.config.ts');
      writeFileSync(config, readFileSync(resolve('templates/init/schemigrate.config.ts.tmpl'), 'utf8').replaceAll('{{url}}', 'sqlite:./dev.sqlite3'));
      const { diagnostics } = await typeCheck(compiler, [config], { nodeTypes: false, schemigrate: 'built' });
      expect(diagnostics).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
