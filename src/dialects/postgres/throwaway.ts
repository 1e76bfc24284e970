/**
 * PostgreSQL's throwaway database: `CREATE DATABASE schemigrate_scratch_<hex>` on the project's
 * server, dropped `WITH (FORCE)` afterwards. A user who may not create databases gets a scratch
 * schema of the project's database instead, as the connections' only `search_path`. Owned
 * through an advisory lock (`scratch-databases.ts`), so that one left by a killed run is dropped
 * by the next run that needs one.
 */
import { sql, type Kysely } from 'kysely';
import { whileInterruptible } from '../../util/interrupt-cleanup.js';
import { newScratchName, onDatabase, usingConnection, type WithThrowaway } from '../throwaway.js';
import { connect } from './connect.js';
import { claimScratchName, dropAbandonedScratch, releaseScratchName } from './scratch-databases.js';

/** PostgreSQL's SQLSTATE for "permission denied". */
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * @example
 * await withThrowawayPostgres(url, admin, async (scratch) => introspect(scratch, options));
 */
export const withThrowawayPostgres: WithThrowaway = async (url, admin, use) => {
  if (url.dialect !== 'postgres') throw new Error(`withThrowawayPostgres was given a ${url.dialect} URL.`);
  const db = await admin();
  const name = newScratchName();
  // The lock's connection stays idle while `use` works on a pool of its own.
  return db.connection().execute(async (conn) => {
    await dropAbandonedScratch(conn);
    await claimScratchName(conn, name);
    try {
      const { connectionString, remove } = await createScratch(conn, url.connectionString, name);
      return await whileInterruptible(remove, async () => {
        try {
          return await usingConnection(() => connect({ dialect: 'postgres', connectionString, display: `${url.display} (scratch ${name})` }), use);
        } finally {
          await remove();
        }
      });
    } finally {
      await releaseScratchName(conn, name).catch(() => {});
    }
  });
};

/** A scratch database named `name`, or a scratch schema where the login may not create one. */
async function createScratch(conn: Kysely<any>, projectUrl: string, name: string): Promise<{ connectionString: string; remove: () => Promise<void> }> {
  try {
    await sql.raw(`create database "${name}"`).execute(conn);
    return { connectionString: onDatabase(projectUrl, name), remove: async () => void (await sql.raw(`drop database if exists "${name}" with (force)`).execute(conn)) };
  } catch (error) {
    if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
    await sql.raw(`create schema "${name}"`).execute(conn);
    const separator = projectUrl.includes('?') ? '&' : '?';
    return {
      connectionString: `${projectUrl}${separator}options=${encodeURIComponent(`-c search_path=${name}`)}`,
      remove: async () => void (await sql.raw(`drop schema if exists "${name}" cascade`).execute(conn)),
    };
  }
}
