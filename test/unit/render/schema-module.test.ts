import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_NAMING_CONVENTION } from '../../../src/config/load.js';
import { standardStringLiteral } from '../../../src/model/string-literal.js';
import type { Model, Table } from '../../../src/model/types.js';
import { camelCase, kebabCase } from '../../../src/render/identifiers.js';
import { renderSchemaModules } from '../../../src/render/schema-module.js';
import { loadSchema } from '../../../src/schema/load-barrel.js';

const options = { naming: DEFAULT_NAMING_CONVENTION, maxIdentifierLength: 63, stringLiteral: standardStringLiteral };

function table(name: string, rest: Partial<Table>): Table {
  return { name, columns: [], foreignKeys: [], uniques: [], indexes: [], checks: [], ...rest };
}

/** Render, write to a temp folder, and load the barrel back. */
async function roundTrip(model: Model): Promise<{ model: Model; files: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-pull-'));
  try {
    const files = renderSchemaModules(model, options);
    for (const file of files) writeFileSync(join(dir, file.path), file.content);
    const loaded = await loadSchema(join(dir, 'index.ts'), { ...options, rootDir: dir });
    expect(loaded.warnings).toEqual([]);
    return { model: loaded.model, files: Object.fromEntries(files.map((file) => [file.path, file.content])) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const id = { name: 'id', type: { kind: 'integer' }, nullable: false, autoIncrement: true } as const;

const blog: Model = {
  enums: [{ name: 'mood', values: ['sad', "it's ok"] }],
  tables: [
    table('Order Details', {
      columns: [
        { name: 'order id', type: { kind: 'integer' }, nullable: false, autoIncrement: false },
        { name: 'line', type: { kind: 'smallint' }, nullable: false, autoIncrement: false },
        { name: 'default', type: { kind: 'numeric', precision: 10, scale: 2 }, nullable: true, autoIncrement: false, default: { kind: 'literal', value: 0 } },
      ],
      primaryKey: { name: 'order_details_pkey', columns: ['order id', 'line'] },
      foreignKeys: [
        { name: 'fk_Order Details_order id_orders', columns: ['order id'], referencedTable: 'orders', referencedColumns: ['id'], onDelete: 'cascade' },
      ],
    }),
    table('orders', {
      columns: [
        id,
        { name: 'parent_id', type: { kind: 'integer' }, nullable: true, autoIncrement: false },
        { name: 'note', type: { kind: 'text' }, nullable: true, autoIncrement: false, default: { kind: 'literal', value: 'a `tick` ${x} \\ \'q\'' }, comment: 'free text', collation: 'C' },
        { name: 'feeling', type: { kind: 'enum', name: 'mood', values: ['sad', "it's ok"] }, nullable: false, autoIncrement: false, default: { kind: 'literal', value: 'sad' } },
        { name: 'created', type: { kind: 'timestamp', withTimezone: true, precision: 3 }, nullable: false, autoIncrement: false, default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } },
        { name: 'code', type: { kind: 'varchar', length: 20 }, nullable: true, autoIncrement: false },
        { name: 'shape', type: { kind: 'custom', sql: 'geometry(Point, 4326)' }, nullable: true, autoIncrement: false },
        { name: 'total', type: { kind: 'numeric' }, nullable: true, autoIncrement: false, generated: { sql: '"code" || \'`\'', stored: true } },
      ],
      primaryKey: { name: 'pk_orders', columns: ['id'] },
      foreignKeys: [
        { name: 'orders_parent_fkey', columns: ['parent_id'], referencedTable: 'orders', referencedColumns: ['id'], deferrable: 'deferred', onUpdate: 'set null' },
      ],
      uniques: [
        { name: 'orders_code_key', columns: ['code'] },
        { name: 'uq_orders_code_created', columns: ['code', 'created'] },
        { name: 'uq_orders_parent_id', columns: ['parent_id'] },
      ],
      indexes: [
        { name: 'ix_orders_created', unique: false, parts: [{ kind: 'column', name: 'created', descending: true }] },
        { name: 'orders_lower_idx', unique: true, parts: [{ kind: 'expression', sql: 'lower(code)', descending: true }, { kind: 'column', name: 'id', descending: false }], where: 'code IS NOT NULL', method: 'btree' },
      ],
      checks: [
        { name: 'ck_orders_code_short', sql: 'length(code) < 21' },
      ],
      comment: 'customer orders',
    }),
  ],
};

describe('renderSchemaModules', () => {
  test('the rendered modules load back into the same model', async () => {
    const { model, files } = await roundTrip(blog);
    expect(model).toEqual(blog);
    expect(Object.keys(files)).toEqual(['enums.ts', 'index.ts', 'order-details.ts', 'orders.ts']);
    expect(files['index.ts']).toBe("export * from './enums.js';\nexport * from './order-details.js';\nexport * from './orders.js';\n");
  });

  test('writes conventional names nowhere and other names explicitly; annotates self references only', async () => {
    const { files } = await roundTrip(blog);
    expect(files['orders.ts']).toBe(
      [
        "import { check, type ColumnRef, custom, index, integer, numeric, sql, table, text, timestamp, unique, varchar } from 'schemigrate';",
        "import { mood } from './enums.js';",
        '',
        "export const orders = table('orders', {",
        '  id: integer().primaryKey().autoIncrement(),',
        "  parent_id: integer().unique().references((): ColumnRef => orders.columns.id, { onUpdate: 'set null', name: 'orders_parent_fkey', deferrable: 'deferred' }),",
        "  note: text().default('a `tick` ${x} \\\\ \\'q\\'').comment('free text').collate('C'),",
        "  feeling: mood().notNull().default('sad'),",
        '  created: timestamp({ withTimezone: true, precision: 3 }).notNull().default(sql`CURRENT_TIMESTAMP`),',
        '  code: varchar(20),',
        "  shape: custom('geometry(Point, 4326)'),",
        "  total: numeric().generatedAs(sql`\"code\" || '\\`'`, { stored: true }),",
        '}, (t) => [',
        "  unique('orders_code_key').on(t.code),",
        '  unique().on(t.code, t.created),',
        '  index().on(t.created.desc()),',
        "  index('orders_lower_idx').on(sql`lower(code) DESC`, t.id).unique().where(sql`code IS NOT NULL`).using('btree'),",
        "  check('code_short', sql`length(code) < 21`),",
        "]).comment('customer orders');",
        '',
      ].join('\n'),
    );
    expect(files['order-details.ts']).toContain("import { orders } from './orders.js';");
    expect(files['order-details.ts']).toContain("export const orderDetails = table('Order Details', {");
    expect(files['order-details.ts']).toContain("'order id': integer().references(() => orders.columns.id, { onDelete: 'cascade' }),");
    expect(files['order-details.ts']).toContain("primaryKey('order_details_pkey').on(t['order id'], t.line),");
    expect(files['order-details.ts']).toContain('default: numeric(10, 2).default(0),');
  });

  test('foreign keys that form a cycle between modules, composite keys, and inline enumerations', async () => {
    const model: Model = {
      enums: [],
      tables: [
        table('a', {
          columns: [id, { name: 'b_id', type: { kind: 'integer' }, nullable: true, autoIncrement: false }],
          primaryKey: { columns: ['id'] },
          foreignKeys: [{ name: 'fk_a_b_id_b', columns: ['b_id'], referencedTable: 'b', referencedColumns: ['id'] }],
        }),
        table('b', {
          columns: [
            id,
            { name: 'x', type: { kind: 'integer' }, nullable: false, autoIncrement: false },
            { name: 'kind', type: { kind: 'enum', name: 'b_kind', values: ['p', 'q'] }, nullable: true, autoIncrement: false },
          ],
          primaryKey: { columns: ['id'] },
          foreignKeys: [{ name: 'b_a', columns: ['id', 'x'], referencedTable: 'c', referencedColumns: ['a', 'b'], onDelete: 'set null' }],
        }),
        table('c', {
          columns: [
            { name: 'a', type: { kind: 'integer' }, nullable: false, autoIncrement: false },
            { name: 'b', type: { kind: 'integer' }, nullable: false, autoIncrement: false },
          ],
          primaryKey: { columns: ['a', 'b'] },
          foreignKeys: [{ name: 'fk_c_a_a', columns: ['a'], referencedTable: 'a', referencedColumns: ['id'] }],
        }),
      ],
    };
    const { model: loaded, files } = await roundTrip(model);
    // Primary key names the dialect does not keep come back as the convention's; inline enumerations join model.enums.
    const named = (t: Table): Table => ({ ...t, primaryKey: { name: `pk_${t.name}`, columns: t.primaryKey!.columns } });
    expect(loaded).toEqual({ tables: model.tables.map(named), enums: [{ name: 'b_kind', values: ['p', 'q'] }] });
    expect(files['b.ts']).toContain("const bKind = enumeration('b_kind', ['p', 'q']);");
    expect(files['b.ts']).toContain("foreignKey('b_a').columns(t.id, t.x).references((): ColumnRef[] => [c.columns.a, c.columns.b]).onDelete('set null'),");
    expect(files['c.ts']).toContain('primaryKey().on(t.a, t.b),');
  });

  test('names: camelCase variables clear of reserved words and the DSL, unique file names', async () => {
    const column = { name: 'v', type: { kind: 'text' }, nullable: true, autoIncrement: false } as const;
    const model: Model = {
      enums: [],
      tables: ['default', 'index', 'user_group', 'userGroup', '2fa'].sort().map((name) => table(name, { columns: [column] })),
    };
    const { files } = await roundTrip(model);
    expect(Object.keys(files)).toEqual(['2fa.ts', 'default.ts', 'index-table.ts', 'index.ts', 'user-group-table.ts', 'user-group.ts']);
    expect(files['default.ts']).toContain("export const defaultTable = table('default'");
    expect(files['index-table.ts']).toContain("export const indexTable = table('index'");
    expect(files['2fa.ts']).toContain("export const _2fa = table('2fa'");
    expect(files['user-group-table.ts']).toContain("export const userGroupTable = table('user_group'");
  });

  test('an index may share its name with a foreign key (PostgreSQL keeps them apart)', async () => {
    const model: Model = {
      enums: [],
      tables: [
        table('a', { columns: [id], primaryKey: { name: 'pk_a', columns: ['id'] } }),
        table('b', {
          columns: [id, { name: 'a_id', type: { kind: 'integer' }, nullable: true, autoIncrement: false }],
          primaryKey: { name: 'pk_b', columns: ['id'] },
          foreignKeys: [{ name: 'b_a_id_2070ade6', columns: ['a_id'], referencedTable: 'a', referencedColumns: ['id'] }],
          indexes: [{ name: 'b_a_id_2070ade6', unique: false, parts: [{ kind: 'column', name: 'a_id', descending: false }] }],
        }),
      ],
    };
    expect((await roundTrip(model)).model).toEqual(model);
  });

  test('tables and enums of a named PostgreSQL schema render through pgSchema and load back', async () => {
    const level = { name: 'level', schema: 'audit', values: ['info', 'error'] };
    const named: Model = {
      enums: [level],
      tables: [
        table('events', {
          schema: 'audit',
          columns: [id, { name: 'user_id', type: { kind: 'integer' }, nullable: true, autoIncrement: false }, { name: 'level', type: { kind: 'enum', ...level }, nullable: false, autoIncrement: false }],
          primaryKey: { name: 'pk_events', columns: ['id'] },
          foreignKeys: [{ name: 'fk_events_user_id_users', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'] }],
        }),
        table('users', { columns: [id], primaryKey: { name: 'pk_users', columns: ['id'] } }),
        table('users', {
          schema: 'audit',
          columns: [id, { name: 'user_id', type: { kind: 'integer' }, nullable: true, autoIncrement: false }],
          primaryKey: { name: 'pk_users', columns: ['id'] },
          foreignKeys: [{ name: 'fk_users_user_id_users', columns: ['user_id'], referencedTable: 'users', referencedSchema: 'audit', referencedColumns: ['id'] }],
        }),
      ],
      schemas: ['audit'],
    };
    const { model, files } = await roundTrip(named);
    expect(model).toEqual(named);
    expect(Object.keys(files)).toEqual(['audit-events.ts', 'audit-users.ts', 'enums.ts', 'index.ts', 'users.ts']);
    expect(files['enums.ts']).toContain("export const auditLevel = pgSchema('audit').enumeration('level', ['info', 'error']);");
    expect(files['audit-events.ts']).toContain("export const auditEvents = pgSchema('audit').table('events', {");
    expect(files['audit-events.ts']).toContain('references(() => users.columns.id)');
  });

  test('SQLite table options are written after the comment and load back', async () => {
    const tags = table('tags', {
      columns: [{ name: 'name', type: { kind: 'text' }, nullable: false, autoIncrement: false }],
      primaryKey: { name: 'pk_tags', columns: ['name'] },
      comment: 'labels',
      strict: true,
      withoutRowid: true,
    });
    const { model, files } = await roundTrip({ tables: [tags], enums: [] });
    expect(files['tags.ts']).toContain("}).comment('labels').strict().withoutRowid();");
    expect(model.tables).toEqual([tags]);
  });

  test('rendering is deterministic', () => {
    expect(renderSchemaModules(blog, options)).toEqual(renderSchemaModules(blog, options));
  });
});

describe('identifiers', () => {
  test.each([
    ['film_actor', 'filmActor'],
    ['InvoiceLine', 'invoiceLine'],
    ['QRTZ_JOB_DETAILS', 'qrtzJobDetails'],
    ['Order Details', 'orderDetails'],
  ])('camelCase(%s) = %s', (name, expected) => expect(camelCase(name)).toBe(expected));

  test('kebabCase', () => {
    expect(kebabCase('InvoiceLine')).toBe('invoice-line');
  });

  test('an expression with line breaks is written on one line and loads back unchanged, CR included', async () => {
    const multiLine = 'length(code)\r\n  < 21';
    const model: Model = {
      enums: [],
      tables: [table('codes', { columns: [id, { name: 'code', type: { kind: 'text' }, nullable: true, autoIncrement: false }], primaryKey: { name: 'pk_codes', columns: ['id'] }, checks: [{ name: 'ck_codes_code_short', sql: multiLine }] })],
    };
    const { model: loaded, files } = await roundTrip(model);
    expect(files['codes.ts']).toContain('sql`length(code)\\r\\n  < 21`');
    expect(loaded.tables[0]!.checks[0]!.sql).toBe(multiLine);
  });
});
