/**
 * Throwaway databases: a whole database made for one run and removed after it, for proving
 * revisions (`schemigrate test`, `revision --verify`). Each dialect makes its own
 * (`src/dialects/<d>/throwaway.ts`); this is the shape they share.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseUrl } from '../config/url.js';

/**
 * Run `use` on a new empty database and remove that database afterwards, whatever happened
 * (and on SIGINT, through the interrupt cleanups). `admin` opens a connection to the project's
 * own database, asked for only by dialects that create the throwaway through the server.
 */
export type WithThrowaway = <T>(url: DatabaseUrl, admin: () => Promise<Kysely<any>>, use: (scratch: Kysely<any>) => Promise<T>) => Promise<T>;

/**
 * `connectionString` pointing at the database `name` of the same server.
 *
 * @example
 * onDatabase('postgres://u@h:5432/app?sslmode=require', 'x'); // 'postgres://u@h:5432/x?sslmode=require'
 */
export function onDatabase(connectionString: string, name: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Exactly the names `newScratchName` makes: a server's leftovers are found, and only they dropped, by it. */
export const SCRATCH_NAME = /^schemigrate_scratch_[0-9a-f]{16}$/;

/**
 * A fresh scratch database (or schema) name, also the key of the lock that marks it as in use
 * (36 characters: within MySQL's 64 and PostgreSQL's 63).
 *
 * @example
 * newScratchName(); // → 'schemigrate_scratch_9f86d081884c7d65'
 */
export function newScratchName(): string {
  return `schemigrate_scratch_${randomBytes(8).toString('hex')}`;
}

/**
 * Run `use` on a connection `open` makes, destroyed afterwards whatever happened.
 *
 * @example
 * await usingConnection(() => connect(scratchUrl), (scratch) => use(scratch));
 */
export async function usingConnection<T>(open: () => Promise<Kysely<any>>, use: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const db = await open();
  try {
    return await use(db);
  } finally {
    await db.destroy();
  }
}
