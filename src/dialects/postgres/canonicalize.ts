/**
 * Canonicalisation: the server rewrites declared defaults, checks and index expressions into
 * its own spelling (`'a'::character varying`, `= ANY (ARRAY[…])`); comparing that spelling with
 * what introspection reads back is exact where regexes would guess.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { standardQuotedIdentifier } from '../../model/quoted-identifier.js';
import { renameSchemas } from '../../model/rename-schemas.js';
import type { Model } from '../../model/types.js';
import { introspect } from './introspect.js';
import { selectCurrentSchema } from './queries.js';
import { withStatementPipeline } from './statement-pipeline.js';

/**
 * Create the declared objects in a scratch schema inside a transaction that is always rolled
 * back, and read them back as the server stores them. The search path puts the scratch schema
 * first (unqualified names land there, enum types resolve there) and the caller's current
 * schema second, so that its functions and types resolve and print as they do there.
 *
 * @example
 * const model = await canonicalize(db, async (scratch) => {
 *   await scratch.schema.createTable('t').addColumn('a', 'varchar(10)', (c) => c.defaultTo('x')).execute();
 * });
 * // model.tables[0].columns[0].default → { kind: 'literal', value: 'x' } (server text `'x'::character varying`)
 */
export async function canonicalize(
  db: Kysely<any>,
  create: (scratch: Kysely<any>, scratchSchema: (schema: string) => string) => Promise<void>,
  schemas: readonly string[] = [],
): Promise<Model> {
  const prefix = `schemigrate_scratch_${randomBytes(8).toString('hex')}`;
  const scratch = standardQuotedIdentifier(prefix);
  // Named schemas get scratch schemas of their own (created by `create`'s createSchema steps),
  // so that declared objects never meet the real ones.
  const toScratch = new Map(schemas.map((name, i) => [name, `${prefix}_${i}`]));
  const fromScratch = new Map([...toScratch].map(([name, scratchName]) => [scratchName, name]));
  const trx = await db.startTransaction().execute();
  try {
    const home = await selectCurrentSchema(trx);
    await sql`create schema ${sql.raw(scratch)}`.execute(trx);
    await sql`set local search_path to ${sql.raw(scratch)}, ${sql.raw(standardQuotedIdentifier(home))}`.execute(trx);
    // Through the statement pipeline: hundreds of scratch tables cost a few round trips, not one each.
    await withStatementPipeline(trx, (scratchDb) => create(scratchDb, (name) => toScratch.get(name) ?? name));
    const model = await introspect(trx, { isExcluded: () => false, schemas: [...fromScratch.keys()] });
    return renameSchemas(model, (name) => fromScratch.get(name) ?? name);
  } finally {
    await trx.rollback().execute();
  }
}
