/**
 * Named PostgreSQL schemas (`pgSchema`): tables and an enum in `audit` next to `public`, with a
 * foreign key across and an index; the schema is created by the upgrade and dropped by its
 * downgrade; a table in a schema nothing declares (`other`) is never read, so never touched.
 */
import { sql, type Kysely } from 'kysely';
import { diffDatabase } from '../../../src/autogenerate/api.js';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import { describeOperation } from '../../../src/operations/describe.js';
import type { Operation } from '../../../src/operations/types.js';
import { renderOperations } from '../../../src/render/operations.js';
import { check, index, integer, pgSchema, sql as dslSql, table, text } from '../../../src/index.js';
import { dslModel } from '../../helpers/dsl-model.js';
import { differences, migrateTo, runOperations } from '../../helpers/model-migrations.js';
import { useFreshDatabase } from './fresh-database.js';
import { describeWithServer } from '../../helpers/databases.js';

const fresh = useFreshDatabase();
const dialect = postgresDialect;

/** The declared schema; `withNote` adds a column to audit.events (the "change"). */
function declared(withNote: boolean) {
  const audit = pgSchema('audit');
  const level = audit.enumeration('level', ['info', 'error']);
  const users = table('users', { id: integer().primaryKey(), name: text().notNull() });
  const events = audit.table(
    'events',
    {
      id: integer().primaryKey(),
      userId: integer().notNull().references(() => users.columns.id, { onDelete: 'cascade' }),
      level: level().notNull().default('info'),
      ...(withNote ? { note: text() } : {}),
    },
    (t) => [index().on(t.userId)],
  );
  // A table of the same name in both schemas, and a key from public into audit.
  const auditUsers = audit.table('users', { id: integer().primaryKey() });
  const reports = table('reports', { id: integer().primaryKey(), eventId: integer().references(() => events.columns.id) });
  return dslModel(dialect, [users, events, auditUsers, reports]);
}

async function tablesIn(db: Kysely<any>, schema: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = ${schema} order by 1`.execute(db);
  return rows.map((row) => row.name);
}

async function schemaExists(db: Kysely<any>, schema: string): Promise<boolean> {
  const { rows } = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(db);
  return rows.length === 1;
}

describeWithServer('postgres')('postgres named schemas', () => {
  let firstDowngrade: readonly Operation[];
  let changeDowngrade: readonly Operation[];

  beforeAll(async () => {
    await sql.raw('create schema other; create table other.keep (id integer primary key); create table other.events (id integer)').execute(fresh().db);
  });

  test('autogenerate creates the schema, its enum and tables, qualified in the revision code', async () => {
    const { db } = fresh();
    const diff = await diffDatabase(db, dialect, declared(false), () => false);
    expect(diff.operations.map(describeOperation)).toEqual([
      '+ schema audit',
      '+ enum audit.level (info, error)',
      '+ table audit.users',
      '+ table users',
      '+ table audit.events',
      '+ table reports',
    ]);
    const code = renderOperations(diff.upgrade, dialect.renderer);
    expect(code).toContain(".createSchema('audit')\n    .ifNotExists()");
    expect(code).toContain(".createType('audit.level')");
    expect(code).toContain(".createTable('audit.events')");
    expect(code).toContain("sql`\"audit\".\"level\"`");
    expect(code).toContain("addForeignKeyConstraint('fk_reports_eventId_events', ['eventId'], 'audit.events', ['id'])");
    expect(code).toContain("addForeignKeyConstraint('fk_events_userId_users', ['userId'], 'users', ['id']");
    expect(code).toContain(".on('audit.events')");
    await runOperations(db, dialect, diff.upgrade);
    firstDowngrade = diff.downgrade;
    expect(await tablesIn(db, 'audit')).toEqual(['events', 'users']);
    expect(await tablesIn(db, 'public')).toEqual(['reports', 'users']);
  });

  test('the database then matches: nothing to do, and the other schema is never read', async () => {
    const { db } = fresh();
    expect(await differences(db, dialect, declared(false))).toEqual([]);
    const model = await dialect.introspect(db, { isExcluded: () => false, schemas: ['audit'] });
    expect(model.schemas).toEqual(['audit']);
    expect(model.tables.map((t) => `${t.schema ?? '-'}.${t.name}`)).toEqual(['audit.events', '-.reports', '-.users', 'audit.users']);
    const events = model.tables.find((t) => t.schema === 'audit' && t.name === 'events')!;
    expect(events.columns.find((c) => c.name === 'level')!.type).toEqual({ kind: 'enum', name: 'level', values: ['info', 'error'], schema: 'audit' });
    expect(events.foreignKeys[0]).toMatchObject({ referencedTable: 'users', columns: ['userId'] });
    expect(events.foreignKeys[0]!.referencedSchema).toBeUndefined();
    expect(model.tables.find((t) => t.name === 'reports')!.foreignKeys[0]).toMatchObject({ referencedTable: 'events', referencedSchema: 'audit' });
    expect(model.enums).toEqual([{ name: 'level', schema: 'audit', values: ['info', 'error'] }]);
  });

  test('a change in the named schema is diffed in place, and rows and the enum work', async () => {
    const { db } = fresh();
    await db.insertInto('users').values({ id: 1, name: 'ann' }).execute();
    await db.insertInto('audit.events').values({ id: 1, userId: 1 }).execute();
    const diff = await diffDatabase(db, dialect, declared(true), () => false);
    expect(diff.operations.map(describeOperation)).toEqual(['+ column audit.events.note text']);
    await runOperations(db, dialect, diff.upgrade);
    changeDowngrade = diff.downgrade;
    expect(await differences(db, dialect, declared(true))).toEqual([]);
    expect(await db.selectFrom('audit.events').select(['level', 'note']).execute()).toEqual([{ level: 'info', note: null }]);
  });

  test('downgrades undo the change, then everything including the schema; the other schema is untouched', async () => {
    const { db } = fresh();
    await runOperations(db, dialect, changeDowngrade);
    expect(await differences(db, dialect, declared(false))).toEqual([]);
    await db.deleteFrom('audit.events').execute();
    expect(firstDowngrade.map(describeOperation).at(-1)).toBe('- schema audit');
    await runOperations(db, dialect, firstDowngrade);
    expect(await schemaExists(db, 'audit')).toBe(false);
    expect(await tablesIn(db, 'public')).toEqual([]);
    expect(await tablesIn(db, 'other')).toEqual(['events', 'keep']);
  });

  test('an existing schema is used as is, and no operation ever mentions an undeclared one', async () => {
    const { db } = fresh();
    await sql`create schema audit`.execute(db);
    const diff = await diffDatabase(db, dialect, declared(false), () => false);
    expect(diff.operations.map(describeOperation)).not.toContain('+ schema audit');
    expect(diff.downgrade.map(describeOperation)).not.toContain('- schema audit');
    expect(JSON.stringify(diff.operations)).not.toContain('other');
    await runOperations(db, dialect, diff.upgrade);
    expect(await differences(db, dialect, declared(false))).toEqual([]);
    await runOperations(db, dialect, diff.downgrade);
    expect(await schemaExists(db, 'audit')).toBe(true);
  });

  test('pgSchema naming the current schema is refused with a clear error', async () => {
    const { db } = fresh();
    const model = dslModel(dialect, [pgSchema('public').table('t', { id: integer().primaryKey() })]);
    await expect(diffDatabase(db, dialect, model, () => false)).rejects.toMatchObject({
      message: expect.stringMatching(/pgSchema\('public'\) names the connection's current schema/),
    });
  });

  test('introspecting five named schemas takes as many catalog queries as none', async () => {
    const { db } = fresh();
    const names = ['s1', 's2', 's3', 's4', 's5'];
    for (const name of names) await sql.raw(`create schema ${name}; create table ${name}.t (id integer primary key)`).execute(db);
    const count = async (schemas: readonly string[]) => {
      let queries = 0;
      const counted = db.withPlugin({
        transformQuery: (args) => {
          queries++;
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      const model = await dialect.introspect(counted, { isExcluded: () => false, schemas });
      return { queries, tables: model.tables.filter((t) => t.schema !== undefined).length };
    };
    const none = await count([]);
    const five = await count(names);
    expect(five).toEqual({ queries: none.queries, tables: 5 });
    expect(none.tables).toBe(0);
  });

  test('a column of a table in a named schema changes in place where Kysely has no builder: a cast, identity, generation', async () => {
    const { db } = fresh();
    const model = (changed: boolean) => {
      const audit = pgSchema('audit');
      const counters = audit.table('counters', {
        id: changed ? integer().primaryKey().autoIncrement() : integer().primaryKey(),
        amount: changed ? integer() : text(),
        doubled: changed ? integer() : integer().generatedAs(dslSql`id * 2`, { stored: true }),
      });
      return dslModel(dialect, [counters]);
    };
    await migrateTo(db, dialect, model(false));
    await db.insertInto('audit.counters').values([{ id: 1, amount: '10' }, { id: 2, amount: '20' }]).execute();
    const back = await migrateTo(db, dialect, model(true));
    expect(await differences(db, dialect, model(true))).toEqual([]);
    await db.insertInto('audit.counters').values({ amount: 30 }).execute();
    expect(await db.selectFrom('audit.counters').select(['id', 'amount', 'doubled']).orderBy('id').execute()).toEqual([
      { id: 1, amount: 10, doubled: 2 },
      { id: 2, amount: 20, doubled: 4 },
      { id: 3, amount: 30, doubled: null },
    ]);
    await db.deleteFrom('audit.counters').where('id', '=', 3).execute();
    await runOperations(db, dialect, back);
    expect(await differences(db, dialect, model(false))).toEqual([]);
  });

  test('reordering the values of an enum in a named schema swaps the type there, default and check included', async () => {
    const { db } = fresh();
    const model = (values: readonly string[]) => {
      const audit = pgSchema('audit');
      const level = audit.enumeration('level', values);
      const logs = audit.table('logs', { id: integer().primaryKey(), level: level().notNull().default('info') }, () => [
        check('not_debug', dslSql`level <> 'debug'`),
      ]);
      return dslModel(dialect, [logs]);
    };
    await migrateTo(db, dialect, model(['debug', 'info', 'error']));
    await db.insertInto('audit.logs').values([{ id: 1 }, { id: 2, level: 'error' }]).execute();
    const back = await migrateTo(db, dialect, model(['error', 'info', 'debug']));
    expect(await differences(db, dialect, model(['error', 'info', 'debug']))).toEqual([]);
    expect(await db.selectFrom('audit.logs').select('level').orderBy('level').execute()).toEqual([{ level: 'error' }, { level: 'info' }]);
    await runOperations(db, dialect, back);
    expect(await differences(db, dialect, model(['debug', 'info', 'error']))).toEqual([]);
  });
});
