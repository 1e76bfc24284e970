/**
 * The query-types workload (issue 15): a project whose barrel has N tables and a file of
 * queries over them, type-checked with `tsc --noEmit` twice — once with the database type
 * derived from the schema (`Database<typeof schema, 'postgres'>`), once with the same types
 * written out by hand as interfaces, the way a project without schemigrate's types keeps them.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TABLES_PER_MODULE = 100;
/** One query of each kind for every QUERY_STRIDE-th table. */
const QUERY_STRIDE = 10;

/** The TypeScript compilers measured, by `tsc` script. */
export const COMPILERS = [
  { name: 'TypeScript 5.9', tsc: join(ROOT, 'node_modules/typescript/bin/tsc') },
  { name: 'TypeScript 7', tsc: join(ROOT, 'node_modules/typescript-7/bin/tsc') },
];

function tableName(i) {
  return `qt_${String(i).padStart(5, '0')}`;
}

function moduleName(i) {
  return `tables_${String(Math.floor(i / TABLES_PER_MODULE)).padStart(3, '0')}`;
}

/**
 * Table `i`: 12 columns of mixed types — an identity key, a foreign key to the previous table
 * (the first refers to itself), text, numeric, defaults, a timestamp, a json document typed
 * with `$type`, a uuid, an enumeration and a generated column.
 */
function tableSource(i) {
  const name = tableName(i);
  const parent = i === 0 ? `(): ColumnRef => ${name}.columns.id` : `() => ${tableName(i - 1)}.columns.id`;
  return `export const ${name} = table('${name}', {
  id: integer().primaryKey().autoIncrement(),
  parent_id: integer().references(${parent}, { onDelete: 'cascade' }),
  code: varchar(64).notNull(),
  description: text(),
  amount: numeric(12, 2),
  quantity: integer().notNull().default(0),
  is_active: boolean().notNull().default(true),
  created_at: timestamp().notNull().default(sql\`CURRENT_TIMESTAMP\`),
  payload: json().$type<Payload>(),
  external_id: uuid(),
  status: status().notNull().default('new'),
  total: numeric(14, 2).generatedAs(sql\`amount * quantity\`, { stored: true }),
}, (t) => [unique().on(t.code), index().on(t.parent_id)]);
`;
}

/** The same table's row type, written by hand with Kysely's helpers. */
function interfaceSource(i) {
  return `export interface ${tableName(i).toUpperCase()} {
  id: Generated<number>;
  parent_id: number | null;
  code: string;
  description: string | null;
  amount: ColumnType<string | null, string | number | null, string | number | null>;
  quantity: ColumnType<number, number | undefined, number>;
  is_active: ColumnType<boolean, boolean | 0 | 1 | undefined, boolean | 0 | 1>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  payload: ColumnType<Payload | null, string | null, string | null>;
  external_id: string | null;
  status: ColumnType<Status, Status | undefined, Status>;
  total: GeneratedAlways<string | null>;
}
`;
}

/** Four queries over table `i`: a filtered select joined to its parent, an insert, an update, a delete. */
function querySource(i) {
  const name = tableName(i);
  return `export async function query_${i}(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('${name} as t')
    .leftJoin('${name} as p', 'p.id', 't.parent_id')
    .select(['t.id', 't.code', 't.amount', 't.payload', 'p.code as parent_code'])
    .where('t.status', '=', 'done')
    .where('t.is_active', '=', true)
    .orderBy('t.created_at', 'desc')
    .execute();
  const inserted = await db
    .insertInto('${name}')
    .values({ code: 'c', amount: 1, payload: JSON.stringify({ n: 1 }), status: 'new' })
    .returning(['id', 'total'])
    .executeTakeFirstOrThrow();
  await db.updateTable('${name}').set({ quantity: 2, description: null }).where('id', '=', inserted.id).execute();
  await db.deleteFrom('${name}').where('external_id', 'is', null).execute();
  return [rows[0]?.payload?.n, rows[0]?.parent_code, inserted.total] as const;
}
`;
}

/**
 * Write the project into `dir`: the schema modules, the queries, and a tsconfig that checks
 * them with the database type of `variant` (`'derived'` or `'hand-written'`).
 *
 * @example
 * writeQueryTypesProject('/tmp/qt', { tables: 1000, variant: 'derived' });
 */
export function writeQueryTypesProject(dir, { tables, variant }) {
  mkdirSync(join(dir, 'schema'), { recursive: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  // The project installs schemigrate (this checkout, typed by dist/) and kysely.
  symlinkSync(ROOT, join(dir, 'node_modules', 'schemigrate'), 'dir');
  symlinkSync(join(ROOT, 'node_modules', 'kysely'), join(dir, 'node_modules', 'kysely'), 'dir');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true, types: [] },
      include: ['schema', 'db.ts', 'queries.ts'],
    }),
  );
  writeFileSync(
    join(dir, 'schema', 'common.ts'),
    `import { enumeration } from 'schemigrate';\n\nexport const status = enumeration('status', ['new', 'done']);\nexport type Status = 'new' | 'done';\nexport interface Payload {\n  readonly n: number;\n}\n`,
  );
  const modules = new Set();
  for (let start = 0; start < tables; start += TABLES_PER_MODULE) {
    const end = Math.min(start + TABLES_PER_MODULE, tables);
    const imports = start === 0 ? '' : `import { ${tableName(start - 1)} } from './${moduleName(start - 1)}.js';\n`;
    const body = [];
    for (let i = start; i < end; i++) body.push(tableSource(i));
    modules.add(moduleName(start));
    writeFileSync(
      join(dir, 'schema', `${moduleName(start)}.ts`),
      `import { boolean, index, integer, json, numeric, sql, table, text, timestamp, unique, uuid, varchar, type ColumnRef } from 'schemigrate';\nimport { status, type Payload } from './common.js';\n${imports}\n${body.join('\n')}`,
    );
  }
  writeFileSync(join(dir, 'schema', 'index.ts'), ['common', ...modules].map((m) => `export * from './${m}.js';\n`).join(''));

  const interfaces = [];
  for (let i = 0; i < tables; i++) interfaces.push(interfaceSource(i));
  writeFileSync(
    join(dir, 'db.ts'),
    variant === 'derived'
      ? `import type { Database } from 'schemigrate';\nimport type * as schema from './schema/index.js';\n\nexport type DB = Database<typeof schema, 'postgres'>;\n`
      : `import type { ColumnType, Generated, GeneratedAlways } from 'kysely';\nimport type { Payload, Status } from './schema/common.js';\n\n${interfaces.join('\n')}\nexport interface DB {\n${Array.from({ length: tables }, (_, i) => `  ${tableName(i)}: ${tableName(i).toUpperCase()};`).join('\n')}\n}\n`,
  );
  const queries = [];
  for (let i = 0; i < tables; i += QUERY_STRIDE) queries.push(querySource(i));
  writeFileSync(join(dir, 'queries.ts'), `import type { Kysely } from 'kysely';\nimport type { DB } from './db.js';\n\n${queries.join('\n')}`);
  return { queries: queries.length * 4 };
}
