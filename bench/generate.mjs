/**
 * Generated benchmark projects: a schema of N tables (the shape: 10 columns of mixed
 * types, 3 indexes and 1 foreign key each) split into modules behind one barrel, and revision
 * histories of any length written straight into `versions/`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Tables per schema module: a real project spreads its tables over many files. */
const TABLES_PER_MODULE = 100;

/**
 * The name of table `i` (zero-padded so that name order is creation order).
 *
 * @example
 * tableName(7); // 'bench_00007'
 */
export function tableName(i) {
  return `bench_${String(i).padStart(5, '0')}`;
}

/**
 * One table declaration: 10 columns (integer key, foreign key, varchar, text, numeric,
 * integer with a default, boolean, timestamptz, json, uuid), a unique constraint and two
 * indexes (3 indexes in the database) and a foreign key to the previous table (the first
 * refers to itself). MySQL has no timestamp with time zone: there it is a plain timestamp.
 */
function tableSource(i, dialect) {
  const name = tableName(i);
  const parent = i === 0 ? name : tableName(i - 1);
  const parentRef = i === 0 ? `${name}.columns.id` : `${parent}.columns.id`;
  return `export const ${name}: AnyTable = table('${name}', {
  id: integer().primaryKey().autoIncrement(),
  parent_id: integer().references(() => ${parentRef}, { onDelete: 'cascade' }),
  code: varchar(64).notNull(),
  description: text(),
  amount: numeric(12, 2),
  quantity: integer().notNull().default(0),
  is_active: boolean().notNull().default(true),
  created_at: timestamp(${dialect === 'mysql' ? '' : '{ withTimezone: true }'}).notNull().default(sql\`CURRENT_TIMESTAMP\`),
  payload: json(),
  external_id: uuid(),
}, (t) => [
  unique().on(t.code),
  index().on(t.parent_id),
  index().on(t.created_at, t.is_active),
]);
`;
}

/**
 * Write `schemigrate.config.ts`, an N-table schema for `dialect` and an empty `versions/`
 * into `dir`.
 *
 * @example
 * writeProject('/tmp/p', { tables: 100, url: 'sqlite:./bench.sqlite3', dialect: 'sqlite' });
 */
export function writeProject(dir, { tables, url, dialect = 'sqlite' }) {
  mkdirSync(join(dir, 'schema'), { recursive: true });
  mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true });
  writeFileSync(
    join(dir, 'schemigrate.config.ts'),
    `import { defineConfig } from 'schemigrate';\n\nexport default defineConfig({\n  url: ${JSON.stringify(url)},\n  schema: './schema/index.ts',\n  migrations: './migrations',\n});\n`,
  );
  const modules = [];
  for (let start = 0; start < tables; start += TABLES_PER_MODULE) {
    const moduleName = `tables_${String(start / TABLES_PER_MODULE).padStart(3, '0')}`;
    modules.push(moduleName);
    const end = Math.min(start + TABLES_PER_MODULE, tables);
    // The previous module's last table is the first foreign key's target.
    const imports = start === 0 ? '' : `import { ${tableName(start - 1)} } from './tables_${String(start / TABLES_PER_MODULE - 1).padStart(3, '0')}.js';\n`;
    const body = [];
    for (let i = start; i < end; i++) body.push(tableSource(i, dialect));
    writeFileSync(
      join(dir, 'schema', `${moduleName}.ts`),
      `import { table, integer, varchar, text, numeric, boolean, timestamp, json, uuid, index, unique, sql } from 'schemigrate';\n${imports}\n// An explicit type breaks the inference cycle of a self-reference.\ntype AnyTable = ReturnType<typeof table>;\n\n${body.join('\n')}`,
    );
  }
  writeFileSync(join(dir, 'schema', 'index.ts'), modules.map((m) => `export * from './${m}.js';\n`).join(''));
}

/**
 * A 12-hex-digit revision ID, deterministic for `i`.
 *
 * @example
 * revisionId(0); // '00b000000000'
 */
export function revisionId(i) {
  return (0xb000000000 + i).toString(16).padStart(12, '0');
}

/**
 * Write a linear history of `count` revisions into `versions/`. Revision `i` creates a small
 * table (3 columns, 1 index) and its downgrade drops it: a realistic, cheap step.
 *
 * @example
 * writeHistory('/tmp/p', 100);
 */
export function writeHistory(dir, count) {
  const versions = join(dir, 'migrations', 'versions');
  mkdirSync(versions, { recursive: true });
  for (let i = 0; i < count; i++) {
    const id = revisionId(i);
    const parent = i === 0 ? 'null' : `'${revisionId(i - 1)}'`;
    const table = `history_${String(i).padStart(5, '0')}`;
    writeFileSync(
      join(versions, `${id}_step_${i}.ts`),
      `/**
 * step ${i}
 *
 * Revision ID: ${id}
 * Revises: ${i === 0 ? '' : revisionId(i - 1)}
 * Create Date: 2026-11-23T00:00:00.000Z
 */
import type { Kysely } from 'schemigrate';

export const revision = '${id}';
export const downRevision: string | string[] | null = ${parent};
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('${table}')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('label', 'varchar(100)', (col) => col.notNull())
    .addColumn('created_at', 'timestamp')
    .execute();
  await db.schema.createIndex('ix_${table}_label').on('${table}').column('label').execute();
}

export async function downgrade(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('${table}').execute();
}
`,
    );
  }
}

/**
 * A fresh temporary folder for one benchmark project.
 *
 * @example
 * const dir = scratchDir('autogenerate-1000');
 */
export function scratchDir(label) {
  return mkdtempSync(join(tmpdir(), `sg-bench-${label}-`));
}
