/**
 * Three stages of a hand-written schema whose transitions exercise every operation the
 * autogenerate of the core issue produces: tables created and dropped; columns added,
 * dropped, retyped, made (not) nullable, given or stripped of defaults; primary keys
 * (composite too), foreign keys with actions, uniques, indexes (expression, partial, DESC),
 * and checks — each added, changed and removed.
 */
const barrel = (...modules: string[]) => modules.map((name) => `export * from './${name}.js';`).join('\n') + '\n';

const a = {
  'index.ts': barrel('users', 'posts', 'tags'),
  'users.ts': `
import { table, integer, varchar, text, timestamp, sql, unique } from 'schemigrate';

export const users = table('users', {
  id: integer().primaryKey().autoIncrement(),
  email: varchar(100).notNull(),
  name: text(),
  age: integer(),
  createdAt: timestamp().notNull().default(sql\`CURRENT_TIMESTAMP\`),
}, (t) => [unique().on(t.email)]);
`,
  'posts.ts': `
import { table, integer, varchar, sql, check } from 'schemigrate';
import { users } from './users.js';

// The IN list is stored by PostgreSQL as \`= ANY (ARRAY[…])\`, and differently again once a
// downgrade re-creates it from that text.
export const posts = table('posts', {
  id: integer().primaryKey().autoIncrement(),
  authorId: integer().notNull().references(() => users.columns.id),
  title: varchar(200).notNull(),
  status: varchar(20).default('draft'),
}, () => [check('status_known', sql\`status in ('draft', 'published')\`)]);
`,
  'tags.ts': `
import { table, integer, text } from 'schemigrate';

export const tags = table('tags', {
  id: integer().primaryKey(),
  label: text().notNull(),
});
`,
};

const b = {
  'index.ts': barrel('users', 'posts', 'comments', 'post-tags'),
  'users.ts': `
import { table, integer, varchar, text, boolean, timestamp, sql, unique, index } from 'schemigrate';

export const users = table('users', {
  id: integer().primaryKey().autoIncrement(),
  email: varchar(255).notNull(),
  age: integer().notNull().default(0),
  nickname: text().notNull().default("it's"),
  isActive: boolean().notNull().default(true),
  createdAt: timestamp().notNull().default(sql\`CURRENT_TIMESTAMP\`),
}, (t) => [unique().on(t.email), index().on(t.createdAt.desc())]);
`,
  'posts.ts': `
import { table, integer, varchar, text, numeric, sql, index, check } from 'schemigrate';
import { users } from './users.js';

export const posts = table('posts', {
  id: integer().primaryKey().autoIncrement(),
  authorId: integer().notNull().references(() => users.columns.id, { onDelete: 'cascade' }),
  title: varchar(200).notNull(),
  status: varchar(20).notNull().default('draft'),
  body: text(),
  price: numeric(10, 2).notNull().default(0),
}, (t) => [
  index().on(t.title),
  index('ix_posts_lower_title').on(sql\`lower(title)\`),
  index('ix_posts_published').on(t.title).where(sql\`status = 'published'\`),
  check('title_not_empty', sql\`length(title) > 0\`),
]);
`,
  'comments.ts': `
import { table, integer, text, unique } from 'schemigrate';
import { posts } from './posts.js';
import { users } from './users.js';

export const comments = table('comments', {
  id: integer().primaryKey().autoIncrement(),
  postId: integer().notNull().references(() => posts.columns.id, { onDelete: 'cascade' }),
  authorId: integer().references(() => users.columns.id, { onDelete: 'set null' }),
  body: text().notNull(),
}, (t) => [unique().on(t.postId, t.authorId)]);
`,
  'post-tags.ts': `
import { table, integer, varchar, primaryKey } from 'schemigrate';
import { posts } from './posts.js';

export const postTags = table('post_tags', {
  postId: integer().notNull().references(() => posts.columns.id, { onDelete: 'cascade' }),
  tagName: varchar(50).notNull(),
}, (t) => [primaryKey().on(t.postId, t.tagName)]);
`,
};

const c = {
  ...b,
  'users.ts': `
import { table, integer, varchar, text, boolean, timestamp, sql, index } from 'schemigrate';

export const users = table('users', {
  id: integer().primaryKey().autoIncrement(),
  email: varchar(255).notNull(),
  age: integer(),
  nickname: text().notNull().default("it's"),
  isActive: boolean().notNull().default(false),
  createdAt: timestamp().notNull().default(sql\`CURRENT_TIMESTAMP\`),
}, (t) => [index('ix_users_email').unique().on(t.email), index().on(t.createdAt.desc())]);
`,
  'posts.ts': `
import { table, integer, varchar, text, numeric, sql, index } from 'schemigrate';
import { users } from './users.js';

export const posts = table('posts', {
  id: integer().primaryKey().autoIncrement(),
  authorId: integer().notNull().references(() => users.columns.id, { onDelete: 'cascade' }),
  title: varchar(300).notNull(),
  status: varchar(20).notNull().default('draft'),
  body: text(),
  price: numeric(12, 2).notNull().default(0),
}, (t) => [
  index('ix_posts_published').on(t.title).where(sql\`status = 'published'\`),
]);
`,
  'comments.ts': `
import { table, integer, text } from 'schemigrate';
import { posts } from './posts.js';
import { users } from './users.js';

export const comments = table('comments', {
  id: integer().primaryKey().autoIncrement(),
  postId: integer().notNull().references(() => posts.columns.id, { onDelete: 'cascade' }),
  authorId: integer().references(() => users.columns.id, { onDelete: 'set null' }),
  body: text(),
});
`,
};

export const SCHEMA_STAGES = { a, b, c } as const;

type Stage = Readonly<Record<string, string>>;

/**
 * MySQL and MariaDB have no partial indexes, and MariaDB no expression indexes (validate refuses
 * both at `revision` time): there the partial index covers `(status, title)` instead, and the
 * expression index becomes a prefix index — the same transitions with what MySQL can express.
 */
function forMysql(stage: Stage): Stage {
  const posts = stage['posts.ts']!
    .replace("index('ix_posts_lower_title').on(sql`lower(title)`)", "index('ix_posts_lower_title').on(sql`title(20)`)")
    .replace("index('ix_posts_published').on(t.title).where(sql`status = 'published'`)", "index('ix_posts_published').on(t.status, t.title)");
  return { ...stage, 'posts.ts': posts };
}

/**
 * The three stages as written for `dialect`.
 *
 * @example
 * project.writeSchema(schemaStages('mysql').b);
 */
export function schemaStages(dialect: string): { readonly a: Stage; readonly b: Stage; readonly c: Stage } {
  return dialect === 'mysql' ? { a: forMysql(a), b: forMysql(b), c: forMysql(c) } : SCHEMA_STAGES;
}
