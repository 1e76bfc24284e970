/**
 * MySQL's throwaway database: a scratch database of the project's server, owned through its
 * lock as `scratch-databases.ts` describes, so that one left by a killed run is dropped by the
 * next run that needs one.
 */
import { sql } from 'kysely';
import { whileInterruptible } from '../../util/interrupt-cleanup.js';
import { newScratchName, onDatabase, type WithThrowaway } from '../throwaway.js';
import { connect } from './connect.js';
import { quoteIdentifier } from './identifiers.js';
import { claimScratchName, dropAbandonedScratchDatabases, dropScratchDatabase, releaseScratchName } from './scratch-databases.js';

/**
 * @example
 * await withThrowawayMysql(url, admin, async (scratch) => introspect(scratch, options));
 */
export const withThrowawayMysql: WithThrowaway = async (url, admin, use) => {
  if (url.dialect !== 'mysql') throw new Error(`withThrowawayMysql was given a ${url.dialect} URL.`);
  const db = await admin();
  const name = newScratchName();
  // The lock's connection stays idle while `use` works on a pool of its own.
  return db.connection().execute(async (conn) => {
    await dropAbandonedScratchDatabases(conn);
    const { rows } = await sql<{ charset: string; collation: string }>`
      select @@character_set_database as \`charset\`, @@collation_database as \`collation\``.execute(conn);
    const { charset, collation } = rows[0]!;
    await claimScratchName(conn, name);
    try {
      return await whileInterruptible(
        () => dropScratchDatabase(db, name),
        async () => {
          await sql.raw(`create database ${quoteIdentifier(name)} character set ${charset} collate ${collation}`).execute(conn);
          try {
            const scratch = await connect({ dialect: 'mysql', connectionString: onDatabase(url.connectionString, name), display: `${url.display} (scratch ${name})` });
            try {
              return await use(scratch);
            } finally {
              await scratch.destroy();
            }
          } finally {
            await dropScratchDatabase(conn, name);
          }
        },
      );
    } finally {
      await releaseScratchName(conn, name).catch(() => {});
    }
  });
};
