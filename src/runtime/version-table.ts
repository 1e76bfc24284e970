/**
 * The version table (SPEC §7): one row per current head, `version_num varchar(32)`.
 */
import type { Kysely } from 'kysely';
import { dialectOf } from '../dialects/registry.js';
import type { VersionChange } from '../revisions/plan.js';
import { versionStatements } from '../revisions/version-statements.js';
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
 * The revisions the version table lists, sorted; empty when the table does not exist yet.
 * `exists: true` when the caller has just created it (one query fewer).
 *
 * @example
 * await readCurrentHeads(db, 'schemigrate_version'); // ['9c1e4b7a2f3d']
 */
export async function readCurrentHeads(db: Kysely<any>, name: string, options: { readonly exists?: boolean } = {}): Promise<string[]> {
  if (!options.exists && !(await (await dialectOf(db)).tableExists(db, name))) return [];
  const rows = await db.selectFrom(name).select('version_num').orderBy('version_num').execute();
  return rows.map((row) => String(row.version_num));
}

/**
 * Apply one step's change to the version table, one statement per row (`versionStatements`).
 * Each update and delete must meet its row: anything else means the table changed under this
 * run, which the migration lock should rule out. `verify: false` skips that check for offline
 * SQL, where nothing answers.
 *
 * @example
 * await applyVersionChange(trx, 'schemigrate_version', { delete: ['3f2a9c1b7d4e'], insert: ['9c1e4b7a2f3d'] });
 * // update "schemigrate_version" set "version_num" = '9c1e4b7a2f3d' where "version_num" = '3f2a9c1b7d4e'
 */
export async function applyVersionChange(
  db: Kysely<any>,
  name: string,
  change: VersionChange,
  options: { readonly verify: boolean } = { verify: true },
): Promise<void> {
  for (const statement of versionStatements(change)) {
    if (statement.kind === 'insert') {
      await db.insertInto(name).values({ version_num: statement.revision }).execute();
      continue;
    }
    const [expected, result] =
      statement.kind === 'update'
        ? [statement.from, await db.updateTable(name).set({ version_num: statement.to }).where('version_num', '=', statement.from).executeTakeFirst()]
        : [statement.revision, await db.deleteFrom(name).where('version_num', '=', statement.revision).executeTakeFirst()];
    const affected = 'numUpdatedRows' in result ? result.numUpdatedRows : result.numDeletedRows;
    if (options.verify && Number(affected) !== 1) {
      throw new SchemigrateError(versionMovedMessage(name, expected));
    }
  }
}

/**
 * The failure of an update or delete that met no row (PostgreSQL raises it from the database,
 * dialects/postgres/record-step-block.ts).
 *
 * @example
 * versionMovedMessage('schemigrate_version', '3f2a9c1b7d4e'); // 'The version table schemigrate_version no longer lists 3f2a9c1b7d4e …'
 */
export function versionMovedMessage(name: string, expected: string): string {
  return `The version table ${name} no longer lists ${expected} as expected; another process may have changed it. Run \`schemigrate current\` and try again.`;
}
