/**
 * Queries that must not compile: each `@ts-expect-error` marks one. An error that goes away
 * (the types got looser) fails the type test as surely as a new one.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/index.js';
import type * as schema from './schema.js';
import type { AccountId } from './schema.js';

type DB = Database<typeof schema, 'postgres'>;

export async function wrongQueries(db: Kysely<DB>, id: AccountId, portable: Kysely<Database<typeof schema>>): Promise<void> {
  // @ts-expect-error: an unknown column
  await db.selectFrom('accounts').select('password').execute();

  // @ts-expect-error: an unknown table
  await db.selectFrom('users').selectAll().execute();

  // @ts-expect-error: the table lives in schema audit, so it is 'audit.events'
  await db.selectFrom('events').selectAll().execute();

  // @ts-expect-error: a string into an integer column
  await db.insertInto('accounts').values({ email: 'a@example.com', price: 1, quantity: 'two' }).execute();

  // @ts-expect-error: price is required (NOT NULL, no default)
  await db.insertInto('accounts').values({ email: 'a@example.com', quantity: 1 }).execute();

  // @ts-expect-error: null into a NOT NULL column
  await db.insertInto('accounts').values({ email: null, price: 1, quantity: 1 }).execute();

  // @ts-expect-error: null into a NOT NULL column, on update
  await db.updateTable('accounts').set({ quantity: null }).where('id', '=', id).execute();

  // @ts-expect-error: a generated column cannot be updated
  await db.updateTable('accounts').set({ total: '1' }).where('id', '=', id).execute();

  // @ts-expect-error: a generated column cannot be inserted
  await db.insertInto('accounts').values({ email: 'a@example.com', price: 1, quantity: 1, total: '1' }).execute();

  // @ts-expect-error: a value outside the enumeration
  await db.insertInto('accounts').values({ email: 'a@example.com', price: 1, quantity: 1, feeling: 'angry' }).execute();

  // @ts-expect-error: a value outside the enumeration, in a where clause
  await db.selectFrom('audit.events').selectAll().where('level', '=', 'debug').execute();

  // @ts-expect-error: a branded id takes no plain number
  await db.selectFrom('accounts').selectAll().where('id', '=', 42).execute();

  // @ts-expect-error: better-sqlite3 binds no booleans, so code for every dialect writes 0 or 1
  await portable.updateTable('accounts').set({ isActive: true }).execute();

  // @ts-expect-error: better-sqlite3 binds no Date, so code for every dialect writes a string
  await portable.updateTable('accounts').set({ createdAt: new Date() }).execute();

  // @ts-expect-error: a json document is written as JSON text
  await db.updateTable('accounts').set({ settings: { theme: 'dark' } }).execute();

  const account = await db.selectFrom('accounts').select(['settings', 'nickname']).executeTakeFirstOrThrow();
  // @ts-expect-error: the json document is typed by $type, and may be null
  const font: number = account.settings.fontSize;

  // @ts-expect-error: a nullable column selects as string | null
  const nickname: string = account.nickname;
  void [font, nickname];
}
