/**
 * The type tests' schema barrel: every portable type, defaults, an identity key, a generated
 * column, enumerations, a json column with `$type`, a self-reference, a `pgSchema` table and
 * exports that are not tables.
 */
import {
  bigint,
  blob,
  boolean,
  char,
  custom,
  date,
  double,
  enumeration,
  integer,
  json,
  jsonb,
  numeric,
  pgSchema,
  real,
  smallint,
  sql,
  table,
  text,
  time,
  timestamp,
  uuid,
  varchar,
  type ColumnBuilder,
  type ColumnRef,
} from '../../src/index.js';

export const mood = enumeration('mood', ['sad', 'ok', 'happy']);

export interface Settings {
  readonly theme: 'dark' | 'light';
  readonly fontSize?: number;
}

export type AccountId = number & { readonly __brand: 'AccountId' };

/** Every portable type, NOT NULL and without defaults: each one is required on insert. */
export const allTypes = table('all_types', {
  small: smallint().notNull(),
  whole: integer().notNull(),
  big: bigint().notNull(),
  single: real().notNull(),
  float: double().notNull(),
  exact: numeric(10, 2).notNull(),
  label: varchar(40).notNull(),
  code: char(2).notNull(),
  body: text().notNull(),
  flag: boolean().notNull(),
  day: date().notNull(),
  clock: time().notNull(),
  moment: timestamp().notNull(),
  document: json().notNull(),
  binaryDocument: jsonb().notNull(),
  externalId: uuid().notNull(),
  bytes: blob().notNull(),
  feeling: mood().notNull(),
});

export const accounts = table(
  'accounts',
  {
    id: integer().primaryKey().autoIncrement().$type<AccountId>(),
    email: varchar(255).notNull().unique(),
    nickname: text(),
    isActive: boolean().notNull().default(true),
    createdAt: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
    settings: json().$type<Settings>(),
    feeling: mood().notNull().default('ok'),
    price: numeric(10, 2).notNull(),
    quantity: integer().notNull(),
    total: numeric(12, 2).generatedAs(sql`price * quantity`, { stored: true }),
    citext: custom('citext').$type<string>(),
    raw: custom('money'),
  },
);

export const categories = table('categories', {
  id: integer().primaryKey(),
  parentId: integer().references((): ColumnRef => categories.columns.id),
  ownerId: integer().notNull().references(() => accounts.columns.id, { onDelete: 'cascade' }),
}).comment('a tree');

const audit = pgSchema('audit');
export const level = audit.enumeration('level', ['info', 'error']);
export const events = audit.table('events', {
  id: bigint().primaryKey().autoIncrement(),
  accountId: integer().notNull().references(() => accounts.columns.id),
  level: level().notNull(),
});

/** Not tables: `Database` ignores them. A bare `ColumnBuilder` takes any column. */
export const SCHEMA_REVISION = 3;
export const reusableColumn: ColumnBuilder = integer().notNull().default(0).$type<0 | 1>();
export function describeSchema(): string {
  return 'accounts, categories, audit.events';
}
