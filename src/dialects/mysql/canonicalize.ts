/**
 * Canonicalisation: the server rewrites declared defaults, checks, generated columns and types
 * into its own spelling (`lower` → `lcase`, `boolean` → `tinyint(1)`, `json` → `longtext` on
 * MariaDB). MySQL cannot roll back DDL, so the declared objects are created in a scratch
 * database that is always dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Model } from '../../model/types.js';
import { quoteIdentifier } from './identifiers.js';
import { introspect } from './introspect.js';
import { selectCurrentDatabase } from './queries.js';

/**
 * On one connection: create `schemigrate_scratch_<hex>`, make it current (`USE`), run `create`
 * and introspect there, then switch back and drop it, whatever happened. The scratch database
 * takes the caller's character set and collation, so that collations read back the same.
 *
 * @example
 * const model = await canonicalize(db, async (scratch) => {
 *   await scratch.schema.createTable('t').addColumn('ok', 'boolean', (c) => c.defaultTo(true)).execute();
 * });
 * // model.tables[0].columns[0] → { type: { kind: 'boolean' }, default: { kind: 'literal', value: true }, … }
 */
export async function canonicalize(db: Kysely<any>, create: (scratch: Kysely<any>) => Promise<void>): Promise<Model> {
  const scratch = quoteIdentifier(`schemigrate_scratch_${randomBytes(8).toString('hex')}`);
  return db.connection().execute(async (conn) => {
    const home = quoteIdentifier(await selectCurrentDatabase(conn));
    const { rows } = await sql<{ charset: string; collation: string }>`
      select @@character_set_database as \`charset\`, @@collation_database as \`collation\``.execute(conn);
    const { charset, collation } = rows[0]!;
    await sql.raw(`create database ${scratch} character set ${charset} collate ${collation}`).execute(conn);
    try {
      await sql.raw(`use ${scratch}`).execute(conn);
      await create(conn);
      return await introspect(conn, { isExcluded: () => false });
    } finally {
      await sql.raw(`use ${home}`).execute(conn);
      await sql.raw(`drop database ${scratch}`).execute(conn);
    }
  });
}
