/**
 * The linter on revisions as autogenerate writes them (Kysely builder code, compiled by each
 * dialect's own compiler), on every dialect: the same changes to tables with rows report the
 * documented rules in the default mode, and nothing in online mode except what the dialect
 * cannot do online (MySQL copies the table to add a foreign key or a check); SQLite's rebuild
 * reports `sqlite/table-rebuild`, PostgreSQL's enum swap `pg/enum-recreated`. Each revision is
 * linted twice, from its file and from the module autogenerate builds in memory from the same
 * operations (`renderedRevisionModule`): both send the same statements and find the same.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DialectName } from '../../src/config/url.js';
import { DEFAULT_LOCK_RETRIES } from '../../src/config/online.js';
import { getDialect } from '../../src/dialects/registry.js';
import { lintRevisions } from '../../src/lint/lint.js';
import { recordUpgrade } from '../../src/lint/record.js';
import type { Column, EnumType, Index, Model, Table } from '../../src/model/types.js';
import { applyOperations } from '../../src/operations/apply.js';
import type { Operation } from '../../src/operations/types.js';
import { renderRevisionBodies, renderRevisionFile } from '../../src/render/revision-file.js';
import { buildGraph } from '../../src/revisions/graph.js';
import { scanVersions } from '../../src/revisions/scan.js';
import { loadRevisionModule } from '../../src/runtime/load-revision.js';
import { renderedRevisionModule } from '../../src/runtime/rendered-revision.js';
import { DIALECTS } from '../helpers/databases.js';

const template = readFileSync(new URL('../../templates/script.ts.tmpl', import.meta.url), 'utf8');

function column(name: string, type: Column['type'], nullable = true): Column {
  return { name, type, nullable, autoIncrement: false };
}

function table(name: string, columns: Column[]): Table {
  return { name, columns, primaryKey: { columns: ['id'] }, foreignKeys: [], uniques: [], checks: [], indexes: [] };
}

const users = table('users', [column('id', { kind: 'integer' }, false), column('email', { kind: 'varchar', length: 20 })]);
const tags = { ...table('tags', [column('id', { kind: 'integer' }, false), column('label', { kind: 'text' })]), primaryKey: undefined };
const posts = table('posts', [column('id', { kind: 'integer' }, false), column('user_id', { kind: 'integer' }), column('title', { kind: 'varchar', length: 40 })]);

/** An index, a foreign key, a check, a unique constraint, a primary key, NOT NULL and a varchar widened. */
const changes: Operation[] = [
  { kind: 'createIndex', table: 'posts', index: { name: 'ix_posts_title', unique: false, parts: [{ kind: 'column', name: 'title', descending: false }] } },
  { kind: 'addForeignKey', table: 'posts', foreignKey: { name: 'fk_posts_user', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'] } },
  { kind: 'addCheck', table: 'posts', check: { name: 'ck_posts_title', sql: "title <> ''" } },
  { kind: 'addUnique', table: 'users', unique: { name: 'uq_users_email', columns: ['email'] } },
  { kind: 'addPrimaryKey', table: 'tags', primaryKey: { name: 'pk_tags', columns: ['id'] } },
  { kind: 'alterColumn', table: 'posts', from: posts.columns[2]!, to: { ...posts.columns[2]!, nullable: false } },
  { kind: 'alterColumn', table: 'users', from: users.columns[1]!, to: { ...users.columns[1]!, type: { kind: 'varchar', length: 40 } } },
];

const emailIndex: Index = { name: 'ix_users_email', unique: false, parts: [{ kind: 'column', name: 'email', descending: false }] };

/** Write each list of operations as a revision of a chain, lowered and rendered as autogenerate does, and lint the last. */
async function lintGenerated(dialectName: DialectName, revisions: readonly (readonly Operation[])[], online = false): Promise<string[]> {
  const dialect = await getDialect(dialectName);
  const dir = mkdtempSync(join(tmpdir(), 'sg-lint-generated-'));
  try {
    mkdirSync(join(dir, 'versions'));
    const ids = revisions.map((_, i) => `d${String(i + 1).padStart(11, '0')}`);
    let model: Model = { tables: [], enums: [] };
    const renderer = (i: number) => (online && i === revisions.length - 1 ? dialect.renderer.withOptions({ online: DEFAULT_LOCK_RETRIES }) : dialect.renderer);
    const upgrades: Operation[][] = [];
    revisions.forEach((operations, i) => {
      const upgrade = dialect.lower(operations, model);
      upgrades.push(upgrade);
      model = applyOperations(model, operations);
      const source = renderRevisionFile({ template, message: `r${i}`, revision: ids[i]!, downRevision: i === 0 ? null : ids[i - 1]!, branchLabels: null, dependsOn: null, createDate: new Date(), upgrade, downgrade: [], renderer: renderer(i) });
      writeFileSync(join(dir, 'versions', `${ids[i]}_r${i}.ts`), source);
    });
    const graph = buildGraph(await scanVersions(join(dir, 'versions')));
    const revision = ids.at(-1)!;
    const fromFile = await lintRevisions({ dialect, graph, revision });
    // The module autogenerate lints instead of loading the file it has just written.
    const last = renderer(revisions.length - 1);
    const module = renderedRevisionModule(renderRevisionBodies({ upgrade: upgrades.at(-1)!, downgrade: [], renderer: last }), last);
    const { file } = graph.get(revision);
    expect(await recordUpgrade(dialect, module, file)).toEqual(await recordUpgrade(dialect, await loadRevisionModule(file), file));
    expect(await lintRevisions({ dialect, graph, revision, module })).toEqual(fromFile);
    return fromFile.map((finding) => finding.rule);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const base: Operation[] = [{ kind: 'createTable', table: users }, { kind: 'createTable', table: posts }, { kind: 'createTable', table: tags }];

const defaultFindings: Record<DialectName, string[]> = {
  postgres: ['pg/index-not-concurrent', 'pg/constraint-without-not-valid', 'pg/constraint-without-not-valid', 'pg/unique-without-index', 'pg/unique-without-index', 'pg/set-not-null-without-check', 'pg/missing-lock-timeout'],
  mysql: ['mysql/table-copy', 'mysql/table-copy'],
  sqlite: ['sqlite/table-rebuild', 'sqlite/table-rebuild', 'sqlite/table-rebuild'],
};

/** Online mode changes nothing on SQLite, which takes no locks a migration could queue behind. */
const onlineFindings: Record<DialectName, string[]> = { postgres: [], mysql: ['mysql/table-copy', 'mysql/table-copy'], sqlite: defaultFindings.sqlite };

describe.each(DIALECTS)('%s, autogenerated revisions', (dialect) => {
  test('the default mode reports the documented rules', async () => {
    expect(await lintGenerated(dialect, [base, changes])).toEqual(defaultFindings[dialect]);
  });

  test('online mode reports only what the dialect cannot do online', async () => {
    expect(await lintGenerated(dialect, [base, changes], true)).toEqual(onlineFindings[dialect]);
  });

  test('a new table and its indexes and keys report nothing', async () => {
    expect(await lintGenerated(dialect, [[{ kind: 'createTable', table: { ...users, indexes: [emailIndex] } }]])).toEqual([]);
  });
});

/** Operations of every renderer (comments, expression and partial indexes, renames, identity, a new table with its keys) besides `changes`. */
const more: Operation[] = [
  { kind: 'addColumn', table: 'posts', column: { ...column('body', { kind: 'text' }), default: { kind: 'literal', value: "it's `new` ${x}" }, comment: 'The text' } },
  { kind: 'setTableComment', table: 'users', to: 'People' },
  { kind: 'createIndex', table: 'users', index: { name: 'ix_users_lower', unique: true, parts: [{ kind: 'expression', sql: 'lower(email)', descending: false }], where: 'id > 0' } },
  { kind: 'dropColumn', table: 'tags', column: tags.columns[1]! },
  { kind: 'renameColumn', table: 'posts', from: 'title', to: 'headline' },
  { kind: 'alterColumn', table: 'users', from: users.columns[0]!, to: { ...users.columns[0]!, autoIncrement: true } },
  { kind: 'createTable', table: { ...table('likes', [column('id', { kind: 'integer' }, false), column('post_id', { kind: 'integer' })]), indexes: [{ name: 'ix_likes_post', unique: false, parts: [{ kind: 'column', name: 'post_id', descending: true }] }], foreignKeys: [{ name: 'fk_likes_post', columns: ['post_id'], referencedTable: 'posts', referencedColumns: ['id'], onDelete: 'cascade' }] } },
  { kind: 'renameTable', from: 'tags', to: 'labels' },
];

/** What only one dialect writes: PostgreSQL's enumerations, MySQL's FULLTEXT indexes. */
const moreOf: Record<DialectName, Operation[]> = {
  postgres: [{ kind: 'createEnum', enum: { name: 'mood', values: ['sad', 'happy'] } }],
  mysql: [{ kind: 'createIndex', table: 'posts', index: { name: 'ix_posts_body', unique: false, method: 'FULLTEXT', parts: [{ kind: 'column', name: 'body', descending: false }] } }],
  sqlite: [],
};

describe.each(DIALECTS)('%s, every renderer', (dialect) => {
  // lintGenerated checks that the module built in memory sends what the file sends.
  test.each([false, true])('online %s: the module built in memory sends what the file sends', async (online) => {
    await lintGenerated(dialect, [base, [...changes, ...more, ...moreOf[dialect]]], online);
  });
});

test('postgres: an enumeration changed in place and swapped sends the same from memory', async () => {
  const mood: EnumType = { name: 'mood', values: ['sad', 'ok'] };
  const people = table('people', [column('id', { kind: 'integer' }, false), column('mood', { kind: 'enum', name: 'mood', values: mood.values } as Column['type'])]);
  const created: Operation[] = [{ kind: 'createEnum', enum: mood }, { kind: 'createTable', table: people }];
  await lintGenerated('postgres', [created, [{ kind: 'alterEnum', from: mood, to: { ...mood, values: ['sad', 'ok', 'happy'] } }]]);
  await lintGenerated('postgres', [created, [{ kind: 'alterEnum', from: mood, to: { ...mood, values: ['ok'] } }]], true);
});

test('sqlite: a rebuild reports sqlite/table-rebuild', async () => {
  const dialect = await getDialect('sqlite');
  const notNull: Operation = { kind: 'alterColumn', table: 'users', from: users.columns[1]!, to: { ...users.columns[1]!, nullable: false } };
  const lowered = dialect.lower([notNull], { tables: [users], enums: [] });
  expect(lowered.map((op) => op.kind)).toEqual(['rebuildTable']);
  expect(await lintGenerated('sqlite', [[{ kind: 'createTable', table: users }], lowered])).toEqual(['sqlite/table-rebuild']);
});

test('postgres: removing an enum value reports pg/enum-recreated', async () => {
  const mood: EnumType = { name: 'mood', values: ['sad', 'ok', 'happy'] };
  const people = table('people', [column('id', { kind: 'integer' }, false), column('mood', { kind: 'enum', name: 'mood', values: mood.values } as Column['type'])]);
  const removed: Operation = { kind: 'alterEnum', from: mood, to: { ...mood, values: ['sad', 'happy'] } };
  expect(await lintGenerated('postgres', [[{ kind: 'createEnum', enum: mood }, { kind: 'createTable', table: people }], [removed]])).toEqual(['pg/enum-recreated']);
});

test('an online revision declares the lock settings only when a step uses them', async () => {
  const render = async (dialectName: DialectName) => {
    const dialect = await getDialect(dialectName);
    return renderRevisionFile({ template, message: 'ix', revision: 'e00000000001', downRevision: null, branchLabels: null, dependsOn: null, createDate: new Date(), upgrade: [changes[0]!], downgrade: [], renderer: dialect.renderer.withOptions({ online: DEFAULT_LOCK_RETRIES }) });
  };
  const postgres = await render('postgres');
  expect(postgres).toContain("import { sql, type Kysely } from 'schemigrate';\n\nexport const transactional = false;\n");
  expect(postgres).not.toContain('const locks');
  const mysql = await render('mysql');
  expect(mysql).toContain("import { inPlace, withLockRetries, type Kysely } from 'schemigrate';\n\n/** Online revision");
  expect(mysql).toContain('const locks = { lockTimeoutMs: 500, retries: 6, backoffMs: 500 };');
});
