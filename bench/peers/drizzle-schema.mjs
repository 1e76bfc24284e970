/**
 * The benchmark's generated schema (bench/generate.mjs) as a drizzle-orm project, for
 * drizzle-kit: the same N tables, 10 columns, unique constraint, 2 indexes and foreign key to
 * the previous table each, under the names schemigrate gives them, 100 tables per module
 * behind one barrel. PostgreSQL uses the same column types; SQLite uses drizzle's own
 * (integer, text, numeric), since drizzle-kit maps every column to one of those there.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableName } from '../generate.mjs';

const TABLES_PER_MODULE = 100;
const PEER_MODULES = fileURLToPath(new URL('./node_modules', import.meta.url));

const CORE = {
  postgres: {
    module: 'drizzle-orm/pg-core',
    table: 'pgTable',
    imports: 'pgTable, integer, varchar, text, numeric, boolean, timestamp, json, uuid, index, unique, foreignKey',
    columns: `  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  parent_id: integer(),
  code: varchar({ length: 64 }).notNull(),
  description: text(),
  amount: numeric({ precision: 12, scale: 2 }),
  quantity: integer().notNull().default(0),
  is_active: boolean().notNull().default(true),
  created_at: timestamp({ withTimezone: true }).notNull().default(sql\`CURRENT_TIMESTAMP\`),
  payload: json(),
  external_id: uuid(),`,
    kit: 'postgresql',
    namesForeignKeys: true,
  },
  sqlite: {
    module: 'drizzle-orm/sqlite-core',
    table: 'sqliteTable',
    imports: 'sqliteTable, integer, text, numeric, index, unique, foreignKey',
    columns: `  id: integer().primaryKey({ autoIncrement: true }),
  parent_id: integer(),
  code: text({ length: 64 }).notNull(),
  description: text(),
  amount: numeric(),
  quantity: integer().notNull().default(0),
  is_active: integer({ mode: 'boolean' }).notNull().default(true),
  created_at: text().notNull().default(sql\`(CURRENT_TIMESTAMP)\`),
  payload: text({ mode: 'json' }),
  external_id: text(),`,
    kit: 'sqlite',
    // Written the way drizzle-kit reads them back, or every `push` would rebuild every table:
    // SQLite keeps no foreign key names (drizzle-kit makes up its own), and drizzle-kit reads a
    // default expression with its parentheses.
    namesForeignKeys: false,
  },
};

/** One table: the columns of `CORE[dialect]`, then the constraints and indexes by name. */
function tableSource(i, core) {
  const name = tableName(i);
  const parent = i === 0 ? name : tableName(i - 1);
  const target = i === 0 ? 't.id' : `${parent}.id`;
  return `export const ${name} = ${core.table}('${name}', {
${core.columns}
}, (t) => [
  unique('uq_${name}_code').on(t.code),
  foreignKey({ ${core.namesForeignKeys ? `name: 'fk_${name}_parent_id_${parent}', ` : ''}columns: [t.parent_id], foreignColumns: [${target}] }).onDelete('cascade'),
  index('ix_${name}_parent_id').on(t.parent_id),
  index('ix_${name}_created_at_is_active').on(t.created_at, t.is_active),
]);
`;
}

/**
 * Write a drizzle-kit project for `tables` tables on `dialect` into `dir`: `drizzle.config.ts`
 * (database URL from `DRIZZLE_DATABASE_URL`, migrations in `./drizzle`), the schema modules in
 * `./schema`, and a `node_modules` link to bench/peers/node_modules so that the schema's
 * `drizzle-orm` imports resolve. Returns the config's path.
 *
 * @example
 * const config = writeDrizzleProject('/tmp/d', { tables: 100, dialect: 'postgres' });
 */
export function writeDrizzleProject(dir, { tables, dialect }) {
  const core = CORE[dialect];
  mkdirSync(join(dir, 'schema'), { recursive: true });
  symlinkSync(PEER_MODULES, join(dir, 'node_modules'), 'dir');
  const modules = [];
  for (let start = 0; start < tables; start += TABLES_PER_MODULE) {
    const index = start / TABLES_PER_MODULE;
    const moduleName = `tables_${String(index).padStart(3, '0')}`;
    modules.push(moduleName);
    const end = Math.min(start + TABLES_PER_MODULE, tables);
    const imports = start === 0 ? '' : `import { ${tableName(start - 1)} } from './tables_${String(index - 1).padStart(3, '0')}';\n`;
    const body = [];
    for (let i = start; i < end; i++) body.push(tableSource(i, core));
    writeFileSync(
      join(dir, 'schema', `${moduleName}.ts`),
      `import { sql } from 'drizzle-orm';\nimport { ${core.imports} } from '${core.module}';\n${imports}\n${body.join('\n')}`,
    );
  }
  // An empty barrel still has to be a module.
  writeFileSync(join(dir, 'schema', 'index.ts'), modules.map((m) => `export * from './${m}';\n`).join('') || 'export {};\n');
  const config = join(dir, 'drizzle.config.ts');
  writeFileSync(
    config,
    `export default {
  dialect: '${core.kit}',
  schema: './schema/index.ts',
  out: './drizzle',
  dbCredentials: { url: process.env.DRIZZLE_DATABASE_URL! },
};
`,
  );
  return config;
}

/**
 * Write a drizzle-kit project whose `./drizzle` folder holds `count` migrations, each the small
 * step of bench/generate.mjs's `writeHistory` (a 3-column table and an index), as
 * `drizzle-kit generate` lays them out (SQL files and `meta/_journal.json`). Returns the
 * config's path.
 *
 * @example
 * const config = writeDrizzleHistory('/tmp/h', { count: 100, dialect: 'postgres' });
 */
export function writeDrizzleHistory(dir, { count, dialect }) {
  const config = writeDrizzleProject(dir, { tables: 0, dialect });
  const out = join(dir, 'drizzle');
  mkdirSync(join(out, 'meta'), { recursive: true });
  const entries = [];
  for (let i = 0; i < count; i++) {
    const tag = `${String(i).padStart(4, '0')}_step_${i}`;
    const table = `history_${String(i).padStart(5, '0')}`;
    entries.push({ idx: i, version: dialect === 'postgres' ? '7' : '6', when: 1_764_000_000_000 + i, tag, breakpoints: true });
    writeFileSync(
      join(out, `${tag}.sql`),
      `CREATE TABLE "${table}" (\n\t"id" integer PRIMARY KEY NOT NULL,\n\t"label" varchar(100) NOT NULL,\n\t"created_at" timestamp\n);\n--> statement-breakpoint\nCREATE INDEX "ix_${table}_label" ON "${table}" ("label");`,
    );
  }
  writeFileSync(join(out, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: CORE[dialect].kit, entries }, null, 2));
  return config;
}
