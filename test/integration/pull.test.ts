/**
 * `pull` on SQLite, through the programmatic command: what it writes, what it refuses, what it
 * skips, and the `--stamp` baseline for adopting an existing database.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { sqliteDialect } from '../../src/dialects/sqlite/index.js';
import { readCurrentHeads } from '../../src/runtime/version-table.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { createProject, replayOnDatabase, type TestProject } from '../helpers/project.js';
import { codeText } from '../helpers/code-text.js';

const DDL = [
  'create table authors (id integer primary key autoincrement, name text not null, email varchar(200) unique)',
  `create table posts (id integer primary key, author_id integer not null references authors (id) on delete cascade,
     title text not null default 'untitled', created_at timestamp default CURRENT_TIMESTAMP, check (length(title) > 0))`,
  'create index ix_posts_created on posts (created_at desc)',
  'create table audit_log (id integer primary key, note text)',
  'create view post_titles as select title from posts',
  'create trigger posts_touch after update on posts begin update posts set created_at = created_at where id = new.id; end',
];

let database: TestDatabase;
let project: TestProject;

beforeEach(async () => {
  database = await createTestDatabase('sqlite');
  const db = await sqliteDialect.connect({ dialect: 'sqlite', filename: database.url.replace(/^sqlite:/, ''), display: database.url });
  try {
    for (const statement of DDL) await sql.raw(statement).execute(db);
  } finally {
    await db.destroy();
  }
  project = createProject(database.url);
});

afterEach(async () => {
  await project.remove();
  await database.drop();
});

const schemaDir = () => join(project.dir, 'src/db/schema');

describe('pull', () => {
  test('writes one module per table and the barrel into the configured folder; check then finds nothing', async () => {
    const result = await project.api.pull();
    expect(readdirSync(schemaDir()).sort()).toEqual(['audit-log.ts', 'authors.ts', 'index.ts', 'posts.ts']);
    expect(result.files.at(-1)).toBe(join(schemaDir(), 'index.ts'));
    expect(readFileSync(join(schemaDir(), 'posts.ts'), 'utf8').split('\n')).toEqual([
      'import {',
      '  check,',
      '  index,',
      '  integer,',
      '  sql,',
      '  table,',
      '  text,',
      '  timestamp,',
      '} from "schemigrate";',
      'import { authors } from "./authors.js";',
      '',
      'export const posts = table(',
      '  "posts",',
      '  {',
      '    id: integer().primaryKey(),',
      '    author_id: integer()',
      '      .notNull()',
      '      .references(() => authors.columns.id, { onDelete: "cascade" }),',
      '    title: text().notNull().default("untitled"),',
      '    created_at: timestamp().default(sql`CURRENT_TIMESTAMP`),',
      '  },',
      '  (t) => [',
      '    index("ix_posts_created").on(t.created_at.desc()),',
      expect.stringMatching(/^ {4}check\(".+", sql`length\(title\) > 0`\),$/),
      '  ],',
      ');',
      '',
    ]);
    expect(project.takeLines()).toEqual([
      'Wrote 3 tables to src/db/schema (4 modules, barrel index.ts).',
      'skipped 1 trigger (out of scope: never touched)',
      'skipped 1 view (out of scope: never touched)',
    ]);
    expect((await project.api.check()).operations).toEqual([]);
  });

  test('refuses to overwrite existing modules unless --force, and writes nothing then', async () => {
    mkdirSync(schemaDir(), { recursive: true });
    writeFileSync(join(schemaDir(), 'index.ts'), '// mine\n');
    await expect(project.api.pull()).rejects.toMatchObject({
      message: expect.stringMatching(/pull would overwrite 1 existing file \(src\/db\/schema\/index\.ts\); nothing was written\. Pass --out <dir> .* or --force/),
    });
    expect(readdirSync(schemaDir())).toEqual(['index.ts']);
    await project.api.pull({ force: true });
    expect(codeText(readFileSync(join(schemaDir(), 'index.ts'), 'utf8'))).toContain(codeText("export * from './posts.js';"));
  });

  test('--out writes elsewhere and says the config points at another barrel', async () => {
    await project.api.pull({ out: 'pulled' });
    expect(existsSync(join(project.dir, 'pulled/index.ts'))).toBe(true);
    expect(project.takeLines()).toContain(
      "warning: the config's schema is src/db/schema/index.ts; point it at pulled/index.ts to use the pulled modules.",
    );
  });

  test('leaves out tables.exclude and says so', async () => {
    writeFileSync(
      join(project.dir, 'schemigrate.config.ts'),
      `export default { url: ${JSON.stringify(database.url)}, schema: './src/db/schema/index.ts', migrations: './migrations', tables: { exclude: ['audit_*'] } };\n`,
    );
    await project.api.pull();
    expect(existsSync(join(schemaDir(), 'audit-log.ts'))).toBe(false);
    expect(project.takeLines()).toContain('skipped 1 table matched by tables.exclude: audit_log');
  });

  test('--schema and --all-schemas are refused on SQLite, which has no named schemas', async () => {
    await expect(project.api.pull({ schemas: ['audit'] })).rejects.toMatchObject({
      message: expect.stringMatching(/^--schema selects PostgreSQL schemas \(namespaces\), but this project's database is sqlite, which has none; nothing was written/),
    });
    await expect(project.api.pull({ allSchemas: true })).rejects.toMatchObject({
      message: expect.stringMatching(/^--all-schemas selects PostgreSQL schemas/),
    });
    expect(existsSync(join(schemaDir(), 'posts.ts'))).toBe(false);
  });

  test('--stamp writes a baseline revision creating the schema and records it as applied', async () => {
    const config = await project.config();
    const { baseline } = await project.api.pull({ stamp: true });
    const versions = readdirSync(config.versionsDir);
    expect(versions).toEqual([expect.stringMatching(new RegExp(`^${baseline!.revision}_baseline\\.ts$`))]);
    expect(codeText(readFileSync(join(config.versionsDir, versions[0]!), 'utf8'))).toContain(codeText("createTable('posts')"));
    const db = await sqliteDialect.connect({ dialect: 'sqlite', filename: database.url.replace(/^sqlite:/, ''), display: database.url });
    try {
      expect(await readCurrentHeads(db, config.versionTable)).toEqual([baseline!.revision]);
    } finally {
      await db.destroy();
    }
    expect((await project.api.check()).operations).toEqual([]);

    // A fresh database gets the same schema from the baseline.
    const fresh = await createTestDatabase('sqlite');
    try {
      expect(await replayOnDatabase({ versionsDir: config.versionsDir, schemaDir: schemaDir() }, fresh.url)).toEqual([]);
    } finally {
      await fresh.drop();
    }

    // A second --stamp would start a second root: refused before anything is written.
    await expect(project.api.pull({ stamp: true, force: true })).rejects.toMatchObject({
      message: expect.stringMatching(/--stamp writes a baseline revision, but migrations\/versions already has revisions/),
    });
  });
});
