/**
 * PostgreSQL's throwaway database: `CREATE DATABASE schemigrate_scratch_<hex>` on the project's
 * server, dropped `WITH (FORCE)` afterwards. A user who may not create databases gets a scratch
 * schema of the project's database instead, as the connections' only `search_path`.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { whileInterruptible } from '../../util/interrupt-cleanup.js';
import { onDatabase, type WithThrowaway } from '../throwaway.js';
import { connect } from './connect.js';

/** PostgreSQL's SQLSTATE for "permission denied". */
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * @example
 * await withThrowawayPostgres(url, admin, async (scratch) => introspect(scratch, options));
 */
export const withThrowawayPostgres: WithThrowaway = async (url, admin, use) => {
  if (url.dialect !== 'postgres') throw new Error(`withThrowawayPostgres was given a ${url.dialect} URL.`);
  const db = await admin();
  const name = `schemigrate_scratch_${randomBytes(8).toString('hex')}`;
  let connectionString: string;
  let remove: () => Promise<void>;
  try {
    await sql.raw(`create database "${name}"`).execute(db);
    connectionString = onDatabase(url.connectionString, name);
    remove = async () => void (await sql.raw(`drop database if exists "${name}" with (force)`).execute(db));
  } catch (error) {
    if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
    await sql.raw(`create schema "${name}"`).execute(db);
    const separator = url.connectionString.includes('?') ? '&' : '?';
    connectionString = `${url.connectionString}${separator}options=${encodeURIComponent(`-c search_path=${name}`)}`;
    remove = async () => void (await sql.raw(`drop schema if exists "${name}" cascade`).execute(db));
  }
  return whileInterruptible(remove, async () => {
    try {
      const scratch = await connect({ dialect: 'postgres', connectionString, display: `${url.display} (scratch ${name})` });
      try {
        return await use(scratch);
      } finally {
        await scratch.destroy();
      }
    } finally {
      await remove();
    }
  });
};
