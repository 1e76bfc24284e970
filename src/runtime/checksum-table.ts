/**
 * The checksum table: a companion of the version table (which SPEC §7 fixes) with one row per
 * applied revision and the sha256 of its file when it was applied, so that `upgrade`, `current`
 * and `check` can warn when an applied file has changed or disappeared. An extension of SPEC,
 * described in docs/reliability.md.
 *
 * `<versionTable>_checksums (revision varchar(32) not null primary key, checksum char(64) not
 * null, applied_at timestamp not null default current_timestamp)`.
 */
import type { Kysely } from 'kysely';
import { dialectOf } from '../dialects/registry.js';

/** A revision and the checksum of its file. */
export interface RecordedChecksum {
  readonly revision: string;
  readonly checksum: string;
}

/**
 * The checksum table that goes with a version table.
 *
 * @example
 * checksumTableName('schemigrate_version'); // 'schemigrate_version_checksums'
 */
export function checksumTableName(versionTable: string): string {
  return `${versionTable}_checksums`;
}

/**
 * Create the checksum table unless it exists.
 *
 * @example
 * await ensureChecksumTable(db, 'schemigrate_version_checksums');
 */
export async function ensureChecksumTable(db: Kysely<any>, name: string): Promise<void> {
  // Imported here, not with the module: the graph commands load this module and never need Kysely.
  const { sql } = await import('kysely');
  await db.schema
    .createTable(name)
    .ifNotExists()
    .addColumn('revision', 'varchar(32)', (column) => column.notNull().primaryKey())
    .addColumn('checksum', 'char(64)', (column) => column.notNull())
    .addColumn('applied_at', 'timestamp', (column) => column.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();
}

/**
 * The recorded checksums by revision; empty when the table does not exist (a database
 * migrated before checksums were recorded, or never migrated). `exists: true` when the caller
 * has just created it (one query fewer).
 *
 * @example
 * (await readChecksums(db, 'schemigrate_version_checksums')).get('9c1e4b7a2f3d'); // '5e8f…'
 */
export async function readChecksums(db: Kysely<any>, name: string, options: { readonly exists?: boolean } = {}): Promise<ReadonlyMap<string, string>> {
  if (!options.exists && !(await (await dialectOf(db)).tableExists(db, name))) return new Map();
  const rows = await db.selectFrom(name).select(['revision', 'checksum']).orderBy('revision').execute();
  return new Map(rows.map((row) => [String(row.revision), String(row.checksum).trim()]));
}

/** Rows per statement when many are written at once: well under every dialect's limit on parameters. */
const ROWS_PER_STATEMENT = 1000;

/**
 * Record revisions' checksums (after their upgrade), many rows to a statement.
 *
 * @example
 * await recordChecksum(trx, 'schemigrate_version_checksums', { revision: '9c1e4b7a2f3d', checksum });
 * await recordChecksum(trx, 'schemigrate_version_checksums', [{ revision: 'a1', checksum: c1 }, { revision: 'b2', checksum: c2 }]);
 */
export async function recordChecksum(db: Kysely<any>, name: string, entries: RecordedChecksum | readonly RecordedChecksum[]): Promise<void> {
  const rows = [entries].flat().map(({ revision, checksum }) => ({ revision, checksum }));
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    await db.insertInto(name).values(rows.slice(start, start + ROWS_PER_STATEMENT)).execute();
  }
}

/**
 * Forget the checksums of revisions no longer applied (after a downgrade; by stamp).
 *
 * @example
 * await forgetChecksums(trx, 'schemigrate_version_checksums', ['9c1e4b7a2f3d']);
 */
export async function forgetChecksums(db: Kysely<any>, name: string, revisions: readonly string[]): Promise<void> {
  for (let start = 0; start < revisions.length; start += ROWS_PER_STATEMENT) {
    await db.deleteFrom(name).where('revision', 'in', revisions.slice(start, start + ROWS_PER_STATEMENT)).execute();
  }
}
