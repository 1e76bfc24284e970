/**
 * Valid uses of `Database<typeof schema>`: each must compile, and each row type must be
 * exactly the one written here.
 */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, JsonValue } from '../../src/index.js';
import type { Equal, Expect, Flat } from './expect.js';
import type * as schema from './schema.js';
import type { AccountId, Settings } from './schema.js';

type PostgresDB = Database<typeof schema, 'postgres'>;
type MysqlDB = Database<typeof schema, 'mysql'>;
type SqliteDB = Database<typeof schema, 'sqlite'>;
type AnyDB = Database<typeof schema>;

/** Tables by their query names; enumerations and other exports are not tables. */
export type Tables = Expect<Equal<keyof AnyDB, 'all_types' | 'accounts' | 'categories' | 'audit.events'>>;

export type PostgresAccount = Expect<
  Equal<
    Selectable<PostgresDB['accounts']>,
    {
      id: AccountId;
      email: string;
      nickname: string | null;
      isActive: boolean;
      createdAt: Date;
      settings: Settings | null;
      feeling: 'sad' | 'ok' | 'happy';
      price: string;
      quantity: number;
      total: string | null;
      citext: string | null;
      raw: unknown;
    }
  >
>;

export type NewAccount = Expect<
  Equal<
    Flat<Insertable<PostgresDB['accounts']>>,
    {
      email: string;
      price: string | number;
      quantity: number;
      id?: AccountId | undefined;
      nickname?: string | null | undefined;
      isActive?: boolean | 0 | 1 | undefined;
      createdAt?: Date | string | undefined;
      settings?: string | null | undefined;
      feeling?: 'sad' | 'ok' | 'happy' | undefined;
      citext?: string | null | undefined;
      raw?: unknown;
    }
  >
>;

export type AccountChange = Expect<
  Equal<
    Flat<Updateable<PostgresDB['accounts']>>,
    {
      id?: AccountId | undefined;
      email?: string | undefined;
      nickname?: string | null | undefined;
      isActive?: boolean | 0 | 1 | undefined;
      createdAt?: Date | string | undefined;
      settings?: string | null | undefined;
      feeling?: 'sad' | 'ok' | 'happy' | undefined;
      price?: string | number | undefined;
      quantity?: number | undefined;
      citext?: string | null | undefined;
      raw?: unknown;
    }
  >
>;

export type SqliteAllTypes = Expect<
  Equal<
    Selectable<SqliteDB['all_types']>,
    {
      small: number;
      whole: number;
      big: number;
      single: number;
      float: number;
      exact: number;
      label: string;
      code: string;
      body: string;
      flag: number;
      day: string;
      clock: string;
      moment: string;
      document: string;
      binaryDocument: string;
      externalId: string;
      bytes: Buffer;
      feeling: 'sad' | 'ok' | 'happy';
    }
  >
>;

export type MysqlAllTypes = Expect<
  Equal<
    Selectable<MysqlDB['all_types']>,
    {
      small: number;
      whole: number;
      big: number;
      single: number;
      float: number;
      exact: string;
      label: string;
      code: string;
      body: string;
      flag: number;
      day: Date;
      clock: string;
      moment: Date;
      document: JsonValue;
      binaryDocument: JsonValue;
      externalId: string;
      bytes: Buffer;
      feeling: 'sad' | 'ok' | 'happy';
    }
  >
>;

/** Without a dialect: what any driver may return, and what every driver accepts. */
export type PortableAllTypes = Expect<
  Equal<
    [Selectable<AnyDB['all_types']>['big'], Insertable<AnyDB['all_types']>['big']],
    [string | number, number]
  >
>;
export type PortableFlag = Expect<Equal<[Selectable<AnyDB['all_types']>['flag'], Insertable<AnyDB['all_types']>['flag']], [boolean | number, 0 | 1]>>;
export type PortableMoment = Expect<Equal<[Selectable<AnyDB['all_types']>['moment'], Insertable<AnyDB['all_types']>['moment']], [Date | string, string]>>;
export type PortableSettings = Expect<Equal<Selectable<AnyDB['accounts']>['settings'], Settings | string | null>>;

export type AuditEvent = Expect<Equal<Selectable<PostgresDB['audit.events']>, { id: string; accountId: number; level: 'info' | 'error' }>>;

/** Queries that must compile. */
export async function validQueries(db: Kysely<PostgresDB>, portable: Kysely<AnyDB>): Promise<void> {
  const account = await db
    .insertInto('accounts')
    .values({ email: 'a@example.com', price: '9.50', quantity: 2, settings: JSON.stringify({ theme: 'dark' }) })
    .returning(['id', 'total', 'settings'])
    .executeTakeFirstOrThrow();
  const theme: 'dark' | 'light' | undefined = account.settings?.theme;
  const id: AccountId = account.id;

  await db.updateTable('accounts').set({ nickname: null, feeling: 'happy', isActive: false }).where('id', '=', id).execute();
  await db.insertInto('categories').values({ id: 1, parentId: null, ownerId: id }).execute();
  await db.insertInto('audit.events').values({ accountId: id, level: 'error' }).execute();

  const rows = await db
    .selectFrom('accounts')
    .innerJoin('audit.events as e', 'e.accountId', 'accounts.id')
    .select(['accounts.email', 'e.level', 'accounts.createdAt'])
    .where('accounts.feeling', '=', 'sad')
    .execute();
  const when: Date | undefined = rows[0]?.createdAt;

  await portable.insertInto('all_types').values({
    small: 1,
    whole: 2,
    big: 3,
    single: 1.5,
    float: 2.5,
    exact: '12.50',
    label: 'label',
    code: 'ab',
    body: 'body',
    flag: 1,
    day: '2024-02-29',
    clock: '10:30:00',
    moment: '2024-02-29 10:30:00',
    document: '{"a":1}',
    binaryDocument: '[1,2]',
    externalId: '123e4567-e89b-12d3-a456-426614174000',
    bytes: Buffer.from('bytes'),
    feeling: 'ok',
  }).execute();
  void [theme, when];
}
