/**
 * The version table (SPEC §7): one row per current head, `version_num varchar(32)`.
 */
import type { Kysely } from 'kysely';
import type { VersionChange } from '../revisions/plan.js';
import { SchemigrateError } from '../util/errors.js';

/**
 * Create the version table unless it exists.
 *
 * @example
 * await ensureVersionTable(db, 'schemigrate_version');
 */
export async function ensureVersionTable(db: Kysely<any>, name: string): Promise<void> {
  await db.schema
    .createTable(name)
    .ifNotExists()
    .addColumn('version_num', 'varchar(32)', (column) => column.notNull().primaryKey())
    .execute();
}

/**
 * Whether the version table exists. Asks the catalog (through Kysely's introspector) rather
 * than trying a query: a failed query would abort an open PostgreSQL transaction.
 *
 * @example
 * if (!(await versionTableExists(db, 'schemigrate_version'))) console.log('never migrated');
 */
export async function versionTableExists(db: Kysely<any>, name: string): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((table) => table.name === name && !table.isView);
}

/**
 * The revisions the version table lists, sorted; empty when the table does not exist yet.
 *
 * @example
 * await readCurrentHeads(db, 'schemigrate_version'); // ['9c1e4b7a2f3d']
 */
export async function readCurrentHeads(db: Kysely<any>, name: string): Promise<string[]> {
  if (!(await versionTableExists(db, name))) return [];
  const rows = await db.selectFrom(name).select('version_num').orderBy('version_num').execute();
  return rows.map((row) => String(row.version_num));
}

/**
 * Apply one step's change to the version table. The rows to delete must be there: anything
 * else means the table changed under this run, which the migration lock should rule out.
 *
 * @example
 * await applyVersionChange(trx, 'schemigrate_version', { delete: ['3f2a9c1b7d4e'], insert: ['9c1e4b7a2f3d'] });
 */
export async function applyVersionChange(db: Kysely<any>, name: string, change: VersionChange): Promise<void> {
  if (change.delete.length > 0) {
    const result = await db.deleteFrom(name).where('version_num', 'in', change.delete).executeTakeFirst();
    if (Number(result.numDeletedRows) !== change.delete.length) {
      throw new SchemigrateError(
        `The version table ${name} no longer lists ${change.delete.join(', ')} as expected; another process may have changed it. Run \`schemigrate current\` and try again.`,
      );
    }
  }
  if (change.insert.length > 0) {
    await db
      .insertInto(name)
      .values(change.insert.map((version_num) => ({ version_num })))
      .execute();
  }
}
