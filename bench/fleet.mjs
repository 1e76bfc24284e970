/**
 * The fleet workload (docs/scale.md): N SQLite tenant files and M schemas of one PostgreSQL
 * database, each brought from base to head through 10 revisions by one `upgrade head
 * --all-targets`, then `check --all-targets` and a re-run that has nothing to do. Wall time,
 * targets per second and the CLI's peak memory (resident set, under /usr/bin/time).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from './generate.mjs';

/** Revisions each tenant goes through. */
export const FLEET_REVISIONS = 10;

const id = (i) => (0xc000000000 + i).toString(16).padStart(12, '0');
const tableOf = (i) => `tenant_table_${String(i).padStart(2, '0')}`;

function revisionSource(i) {
  const table = tableOf(i);
  return `/**
 * tenant step ${i}
 *
 * Revision ID: ${id(i)}
 * Revises: ${i === 0 ? '' : id(i - 1)}
 * Create Date: 2026-12-04T00:00:00.000Z
 */
import type { Kysely } from 'schemigrate';

export const revision = '${id(i)}';
export const downRevision: string | string[] | null = ${i === 0 ? 'null' : `'${id(i - 1)}'`};
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('${table}')
    .addColumn('id', 'integer', (col) => col.notNull())
    .addColumn('label', 'varchar(100)', (col) => col.notNull())
    .addPrimaryKeyConstraint('pk_${table}', ['id'])
    .execute();
  await db.schema.createIndex('ix_${table}_label').on('${table}').column('label').execute();
}

export async function downgrade(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('${table}').execute();
}
`;
}

/**
 * A project whose config's `targets()` lists `sqlite` tenant files and `schemas` schemas of the
 * PostgreSQL database `postgresUrl`, with the 10 revisions and a schema barrel they match.
 *
 * @example
 * const dir = writeFleetProject({ sqlite: 1000, schemas: 200, postgresUrl });
 */
export function writeFleetProject({ sqlite, schemas, postgresUrl }) {
  const dir = scratchDir(`fleet-${sqlite}-${schemas}`);
  mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true });
  mkdirSync(join(dir, 'schema'));
  mkdirSync(join(dir, 'tenants'));
  for (let i = 0; i < FLEET_REVISIONS; i++) writeFileSync(join(dir, 'migrations', 'versions', `${id(i)}_tenant_step_${i}.ts`), revisionSource(i));
  const tables = Array.from({ length: FLEET_REVISIONS }, (_, i) => `export const t${i} = table('${tableOf(i)}', { id: integer().primaryKey(), label: varchar(100).notNull() }, (t) => [index().on(t.label)]);`);
  writeFileSync(join(dir, 'schema', 'index.ts'), `import { index, integer, table, varchar } from 'schemigrate';\n\n${tables.join('\n')}\n`);
  writeFileSync(
    join(dir, 'schemigrate.config.ts'),
    `export default {
  schema: './schema/index.ts',
  migrations: './migrations',
  targets: () => [
    ...Array.from({ length: ${sqlite} }, (_, i) => ({ name: 'file-' + i, url: 'sqlite:./tenants/' + i + '.sqlite3' })),
    ...Array.from({ length: ${schemas} }, (_, i) => ({ name: 'schema-' + i, url: ${JSON.stringify(postgresUrl ?? '')}, schema: 'tenant_' + i })),
  ],
};
`,
  );
  return dir;
}
