import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_NAMING_CONVENTION } from '../../../src/config/load.js';
import { standardStringLiteral } from '../../../src/model/string-literal.js';
import { loadSchema, transformSchemaAhead } from '../../../src/schema/load-barrel.js';
import { SchemigrateError } from '../../../src/util/errors.js';
import { needsTransform } from '../../../src/util/transform-user-module.js';

const root = process.cwd();
const options = { naming: DEFAULT_NAMING_CONVENTION, maxIdentifierLength: 63, stringLiteral: standardStringLiteral, rootDir: root };
const barrel = (name: string) => join(root, 'fixtures/schemas', name, 'index.ts');

describe('loadSchema', () => {
  it('loads an ESM TypeScript barrel importing schemigrate into the model', async () => {
    const { model, warnings, tableCount } = await loadSchema(barrel('blog'), options);
    expect(warnings).toEqual([]);
    expect(tableCount).toBe(2);
    expect(model.tables.map((t) => t.name)).toEqual(['posts', 'users']);
    expect(model.enums).toEqual([{ name: 'mood', values: ['sad', 'ok', 'happy'] }]);
    const [posts, users] = model.tables;
    expect(users!.uniques).toEqual([{ name: 'uq_users_email', columns: ['email'] }]);
    expect(users!.indexes.map((i) => i.name)).toEqual(['ix_users_createdAt']);
    expect(users!.columns.find((c) => c.name === 'createdAt')).toEqual({
      name: 'createdAt',
      type: { kind: 'timestamp', withTimezone: true },
      nullable: false,
      autoIncrement: false,
      default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' },
    });
    expect(posts!.foreignKeys).toEqual([
      { name: 'fk_posts_authorId_users', columns: ['authorId'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade' },
    ]);
    expect(posts!.indexes).toEqual([
      { name: 'ix_posts_title_lower', unique: false, parts: [{ kind: 'expression', sql: 'lower(title)', descending: false }] },
    ]);
    expect(posts!.checks).toEqual([{ name: 'ck_posts_price_positive', sql: 'price > 0' }]);
  });

  it('gives the same model on every load', async () => {
    const first = await loadSchema(barrel('blog'), options);
    const second = await loadSchema(barrel('blog'), options);
    expect(second.model).toEqual(first.model);
  });

  it('warns about a defined but unexported table and about a module the barrel never imports', async () => {
    const { model, warnings } = await loadSchema(barrel('warnings'), options);
    expect(model.tables.map((t) => t.name)).toEqual(['users']);
    expect(warnings).toEqual([
      "table 'audit' is defined in fixtures/schemas/warnings/users.ts but not exported from the barrel fixtures/schemas/warnings/index.ts",
      'module fixtures/schemas/warnings/nested/legacy.ts defines tables but is not imported by the barrel fixtures/schemas/warnings/index.ts',
    ]);
  });

  it('shows absolute paths when the files are outside rootDir', async () => {
    const { warnings } = await loadSchema(barrel('warnings'), { ...options, rootDir: '/nonexistent/elsewhere' });
    expect(warnings[0]).toContain(join(root, 'fixtures/schemas/warnings/users.ts'));
  });

  it('names the file and line where a barrel module throws, with the message', async () => {
    const attempt = loadSchema(barrel('throws'), options);
    await expect(attempt).rejects.toThrow(SchemigrateError);
    await expect(attempt).rejects.toThrow(
      'The schema barrel fixtures/schemas/throws/index.ts failed to import at fixtures/schemas/throws/broken.ts:6: the schema module blew up',
    );
  });

  it('names the file and line of a syntax error', async () => {
    await expect(loadSchema(barrel('syntax-error'), options)).rejects.toThrow(
      /^The schema barrel fixtures\/schemas\/syntax-error\/index.ts failed to import at fixtures\/schemas\/syntax-error\/index.ts:5: .*Unexpected token$/,
    );
  });

  it('points at the user line when the schema language rejects a declaration', async () => {
    await expect(loadSchema(barrel('bad-column'), options)).rejects.toThrow(
      "failed to import at fixtures/schemas/bad-column/index.ts:3: Column 'body' of table 'notes' is not a column type",
    );
  });

  it('rejects a barrel that exports no table', async () => {
    const attempt = loadSchema(barrel('empty'), options);
    await expect(attempt).rejects.toThrow(SchemigrateError);
    await expect(attempt).rejects.toThrow(/^The schema barrel fixtures\/schemas\/empty\/index.ts exports no table/);
  });

  it('rejects a missing barrel', async () => {
    await expect(loadSchema(barrel('missing'), options)).rejects.toThrow(
      "The schema barrel fixtures/schemas/missing/index.ts does not exist; check 'schema' in the config.",
    );
  });
});

describe('transformSchemaAhead', () => {
  it('transforms a barrel and its modules once per process; a later load still takes what changed since', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-ahead-'));
    try {
      const index = join(dir, 'index.ts');
      const items = join(dir, 'items.ts');
      writeFileSync(index, "export * from './items.js';\n");
      writeFileSync(items, "import { table, integer } from 'schemigrate';\nexport const items = table('items', { id: integer().primaryKey() });\n");
      expect([needsTransform(index), needsTransform(items)]).toEqual([true, true]);
      await transformSchemaAhead(index);
      expect([needsTransform(index), needsTransform(items)]).toEqual([false, false]);
      // Edited: a second call in the same process leaves it to the load.
      writeFileSync(items, "import { table, integer } from 'schemigrate';\nexport const items = table('items', { id: integer().primaryKey(), n: integer() });\n");
      await transformSchemaAhead(index);
      expect(needsTransform(items)).toBe(true);
      const { model } = await loadSchema(index, { ...options, rootDir: dir });
      expect(model.tables[0]!.columns.map((column) => column.name)).toEqual(['id', 'n']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
