/**
 * Long revisions through the runtime. On PostgreSQL their schema statements go through the
 * statement pipeline (batches inside the transaction); every dialect must give the same
 * observable result: statements in the order written, and a failure that names its statement.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely, KyselyPlugin } from 'kysely';
import { NotSentError, withStatementPipeline } from '../../../src/dialects/postgres/statement-pipeline.js';
import { planUpgrade } from '../../../src/revisions/plan.js';
import { runMigrations } from '../../../src/runtime/migrate.js';
import { SchemigrateError } from '../../../src/util/errors.js';
import { forEachDialect } from '../../helpers/databases.js';
import { graphOf, tableNames, useOpenDatabase, versionRows, versionsFolder, type OpenDatabase, type RevisionSource } from './project.js';

/** Upgrade `revisions` to head with version table `table`; the error, if the run fails. */
async function upgrade(open: OpenDatabase, table: string, revisions: readonly RevisionSource[]): Promise<unknown> {
  const versions = versionsFolder(revisions);
  try {
    const graph = await graphOf(versions.dir);
    return await runMigrations({ ...open, versionTable: table, plan: (heads) => planUpgrade(graph, heads, 'head') }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
  } finally {
    versions.remove();
  }
}

/** Body of an upgrade creating tables `${prefix}_${from}` … `${prefix}_${to - 1}`. */
function createTables(prefix: string, from: number, to: number): string {
  return `for (let i = ${from}; i < ${to}; i++) await db.schema.createTable(\`${prefix}_\${i}\`).addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('name', 'varchar(40)').execute();`;
}

const DROP_NOTHING = 'void db;';

/** A plugin that counts the results coming back from the server: its round trips. */
function roundTripCounter(): { readonly plugin: KyselyPlugin; count(): number } {
  let roundTrips = 0;
  return {
    plugin: {
      transformQuery: ({ node }) => node,
      transformResult: async ({ result }) => {
        roundTrips++;
        return result;
      },
    },
    count: () => roundTrips,
  };
}

forEachDialect((ctx) => {
  const open = useOpenDatabase(ctx.database);

  test.each([
    ['in the middle', 'pm', `${createTables('pm', 0, 80)}\n  await db.schema.createTable('pm_40').addColumn('id', 'integer').execute();\n  ${createTables('pm', 80, 120)}`],
    ['as the last statement', 'pl', `${createTables('pl', 0, 80)}\n  await db.schema.createIndex('pl_index').on('pl_79').column('no_such_column').execute();`],
  ])('a schema statement failing %s of a long revision is named, with the database error', async (_where, prefix, up) => {
    const table = `v_${prefix}`;
    const error = await upgrade(open(), table, [{ id: `${prefix}0000000001`, message: 'many tables', up, down_: DROP_NOTHING }]);
    expect(error).toBeInstanceOf(SchemigrateError);
    const message = (error as SchemigrateError).message;
    expect(message).toContain('revision ' + `${prefix}0000000001 (many tables) failed:`);
    if (prefix === 'pm') {
      expect(message).toMatch(/Failing statement: create table ["`]pm_40["`] \(["`]id["`] integer\)/);
      expect(message).toMatch(/already exists/i);
    } else {
      expect(message).toMatch(/Failing statement: create index ["`]pl_index["`] on ["`]pl_79["`] \(["`]no_such_column["`]\)/);
      expect(message).toMatch(/no_such_column/);
    }
    // The database's own error stays reachable, by shape (it may come from another jest realm).
    expect((error as SchemigrateError).cause).toMatchObject({ message: expect.stringMatching(prefix === 'pm' ? /already exists/i : /no_such_column/) });
    expect(await versionRows(open().db, table)).toEqual([]);
    const created = (await tableNames(open().db)).filter((name) => name.startsWith(`${prefix}_`));
    if (open().dialect.transactionalDdl) expect(created).toEqual([]);
    else expect(created).toHaveLength(80); // MySQL: the 80 tables before the failure stay
  });

  test("the revision's own error, thrown while statements are on their way, leaves nothing half done", async () => {
    const up = `${createTables('pe', 0, 100)}\n  throw new Error('stop here');`;
    const error = await upgrade(open(), 'v_pe', [{ id: 'pe0000000001', up, down_: DROP_NOTHING }]);
    expect((error as SchemigrateError).message).toContain('failed: stop here.');
    expect(await versionRows(open().db, 'v_pe')).toEqual([]);
    const created = (await tableNames(open().db)).filter((name) => name.startsWith('pe_'));
    expect(created).toHaveLength(open().dialect.transactionalDdl ? 0 : 100);
  });

  test('schema statements, queries and raw SQL run in the order written', async () => {
    const up = `
  await db.schema.createTable('po_items').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('name', 'varchar(40)').execute();
  await db.insertInto('po_items').values([{ id: 1, name: 'one' }, { id: 2, name: 'two' }]).execute();
  await db.schema.alterTable('po_items').addColumn('size', 'integer', (c) => c.notNull().defaultTo(7)).execute();
  const rows = await db.selectFrom('po_items').select(['id', 'size']).orderBy('id').execute();
  if (rows.length !== 2 || rows.some((row) => Number(row.size) !== 7)) throw new Error('rows not as written: ' + JSON.stringify(rows));
  await db.schema.createIndex('po_items_size').on('po_items').column('size').execute();
  await sql\`insert into po_items (id, name, size) values (3, 'three', 9)\`.execute(db);
  await db.schema.createTable('po_copy').addColumn('id', 'integer').execute();
  await sql\`insert into po_copy (id) select id from po_items\`.execute(db);
  ${createTables('po_more', 0, 30)}`;
    expect(await upgrade(open(), 'v_po', [{ id: 'po0000000001', up, down_: DROP_NOTHING }])).toBeUndefined();
    expect(await versionRows(open().db, 'v_po')).toEqual(['po0000000001']);
    const copied = await open().db.selectFrom('po_copy').select('id').orderBy('id').execute();
    expect(copied.map((row) => Number(row.id))).toEqual([1, 2, 3]);
    expect((await tableNames(open().db)).filter((name) => name.startsWith('po_more_'))).toHaveLength(30);
  });

  test('a statement ending in a line comment does not swallow the next one', async () => {
    const up = `for (let i = 0; i < 20; i++) await db.schema.createTable(\`pc_\${i}\`).addColumn('id', 'integer').modifyEnd(sql\`-- table \${sql.lit(i)}\`).execute();`;
    expect(await upgrade(open(), 'v_pc', [{ id: 'pc0000000001', up, down_: DROP_NOTHING }])).toBeUndefined();
    expect((await tableNames(open().db)).filter((name) => name.startsWith('pc_'))).toHaveLength(20);
  });

  // MySQL runs revisions outside a transaction: there a revision may open one.
  (ctx.dialect === 'mysql' ? test.skip : test)('a revision cannot open a transaction inside its own', async () => {
    const up = `${createTables('pt', 0, 5)}\n  await db.transaction().execute(async (trx) => { await trx.schema.createTable('pt_inner').addColumn('id', 'integer').execute(); });`;
    const error = await upgrade(open(), 'v_pt', [{ id: 'pt0000000001', up, down_: DROP_NOTHING }]);
    expect(error).toBeInstanceOf(SchemigrateError);
    expect((await tableNames(open().db)).filter((name) => name.startsWith('pt_'))).toEqual([]);
    if (open().dialect.name === 'postgres') expect((error as Error).message).toContain('export `const transactional = false`');
  });

  // On PostgreSQL the whole of a small revision (begin, statements, bookkeeping, commit) goes in
  // one round trip, and the next revision's code runs while it is on the server (it starts ahead).
  test('a schema statement failing in a small revision is named; the revision before it stays applied, the one after it is not', async () => {
    const error = await upgrade(open(), 'v_ps2', [
      { id: 'ps20000000001', message: 'first', up: "await db.schema.createTable('ps2_first').addColumn('id', 'integer').execute();", down_: DROP_NOTHING },
      {
        id: 'ps20000000002',
        down: 'ps20000000001',
        message: 'second',
        up: "await db.schema.createTable('ps2_second').addColumn('id', 'integer').execute();\n  await db.schema.createTable('ps2_first').addColumn('id', 'integer').execute();",
        down_: DROP_NOTHING,
      },
      {
        id: 'ps20000000003',
        down: 'ps20000000002',
        message: 'third',
        up: "await db.schema.createTable('ps2_third').addColumn('id', 'integer').execute();\n  await sql`insert into ps2_third (id) values (3)`.execute(db);",
        down_: DROP_NOTHING,
      },
    ]);
    expect(error).toBeInstanceOf(SchemigrateError);
    const message = (error as SchemigrateError).message;
    expect(message).toContain('revision ps20000000002 (second) failed:');
    expect(message).toMatch(/Failing statement: create table ["`]ps2_first["`] \(["`]id["`] integer\)/);
    expect(message).toMatch(/already exists/i);
    expect(await versionRows(open().db, 'v_ps2')).toEqual(['ps20000000001']);
    const created = (await tableNames(open().db)).filter((name) => name.startsWith('ps2_')).sort();
    expect(created).toEqual(open().dialect.transactionalDdl ? ['ps2_first'] : ['ps2_first', 'ps2_second']);
  });

  // A revision whose code must not run before the one before it has committed (it acts outside the database) says so.
  test.each([
    ['exporting startsAhead = false never runs its code', 'export const startsAhead = false;', false],
    ['without it has run its code on PostgreSQL only', '', true],
  ])('after a failing revision, the next one %s, and is not applied', async (_case, extra, mayHaveRun) => {
    const marker = join(mkdtempSync(join(tmpdir(), 'sg-ahead-')), 'ran');
    const error = await upgrade(open(), `v_sw${mayHaveRun ? 1 : 0}`, [
      { id: 'sw00000000001', up: "await db.schema.createTable('sw_first').addColumn('id', 'integer').execute();", down_: DROP_NOTHING },
      { id: 'sw00000000002', down: 'sw00000000001', message: 'failing', up: "await db.schema.createTable('sw_first').addColumn('id', 'integer').execute();", down_: DROP_NOTHING },
      {
        id: 'sw00000000003',
        down: 'sw00000000002',
        extra,
        up: `(await import('node:fs')).writeFileSync(${JSON.stringify(marker)}, 'ran');\n  await db.schema.createTable('sw_third').addColumn('id', 'integer').execute();`,
        down_: DROP_NOTHING,
      },
    ]);
    await open().db.schema.dropTable('sw_first').ifExists().execute();
    expect((error as SchemigrateError).message).toContain('revision sw00000000002 (failing) failed:');
    // Only PostgreSQL starts revisions ahead; where it does not, the code never runs.
    expect(existsSync(marker)).toBe(mayHaveRun && open().dialect.startsAhead === true);
    expect((await tableNames(open().db)).filter((name) => name.startsWith('sw_'))).toEqual([]);
  });

  test('a revision reads what the revision before it wrote', async () => {
    const error = await upgrade(open(), 'v_sr', [
      {
        id: 'sr00000000001',
        up: "await db.schema.createTable('sr_items').addColumn('id', 'integer').execute();\n  await db.insertInto('sr_items').values([{ id: 1 }, { id: 2 }]).execute();",
        down_: DROP_NOTHING,
      },
      {
        id: 'sr00000000002',
        down: 'sr00000000001',
        up: "const rows = await db.selectFrom('sr_items').select('id').execute();\n  await db.schema.createTable(`sr_seen_${rows.length}`).addColumn('id', 'integer').execute();",
        down_: DROP_NOTHING,
      },
    ]);
    expect(error).toBeUndefined();
    expect((await tableNames(open().db)).filter((name) => name.startsWith('sr_')).sort()).toEqual(['sr_items', 'sr_seen_2']);
    expect(await versionRows(open().db, 'v_sr')).toEqual(['sr00000000002']);
  });

  test('a revision that fails at once, while the long one before it still runs, leaves that one applied', async () => {
    const error = await upgrade(open(), 'v_sf', [
      { id: 'sf00000000001', message: 'long', up: createTables('sf', 0, 150), down_: DROP_NOTHING },
      { id: 'sf00000000002', down: 'sf00000000001', message: 'quick', up: "throw new Error('stop two');", down_: DROP_NOTHING },
    ]);
    expect((error as SchemigrateError).message).toContain('revision sf00000000002 (quick) failed: stop two.');
    expect(await versionRows(open().db, 'v_sf')).toEqual(['sf00000000001']);
    expect((await tableNames(open().db)).filter((name) => name.startsWith('sf_'))).toHaveLength(150);
  });

  test('a revision outside a transaction waits for the one before it', async () => {
    const error = await upgrade(open(), 'v_sn', [
      { id: 'sn00000000001', up: "await db.schema.createTable('sn_items').addColumn('id', 'integer').execute();", down_: DROP_NOTHING },
      {
        id: 'sn00000000002',
        down: 'sn00000000001',
        extra: 'export const transactional = false;',
        up: "await db.schema.alterTable('sn_items').addColumn('note', 'varchar(20)').execute();",
        down_: DROP_NOTHING,
      },
      { id: 'sn00000000003', down: 'sn00000000002', up: "await db.insertInto('sn_items').values({ id: 1, note: 'x' }).execute();", down_: DROP_NOTHING },
    ]);
    expect(error).toBeUndefined();
    expect(await open().db.selectFrom('sn_items').select(['id', 'note']).execute()).toEqual([{ id: 1, note: 'x' }]);
    expect(await versionRows(open().db, 'v_sn')).toEqual(['sn00000000003']);
  });

  // The pipeline is PostgreSQL's.
  const onPostgres = ctx.dialect === 'postgres' ? test : test.skip;

  onPostgres('PostgreSQL: a revision started ahead sends nothing before the one before it has finished, and nothing when it failed', async () => {
    const counter = roundTripCounter();
    const body = async (db: Kysely<any>) => {
      await db.schema.createTable('pa_items').addColumn('id', 'integer').execute();
      await db.schema.createIndex('ix_pa_items').on('pa_items').column('id').execute();
    };
    await open().db.withPlugin(counter.plugin).connection().execute(async (conn) => {
      let finish!: () => void;
      const before = new Promise<void>((resolve) => (finish = resolve));
      const held = withStatementPipeline(conn, body, undefined, { ownTransaction: true, after: before });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(counter.count()).toBe(0);
      finish();
      await held;
      // begin, both statements and commit, in one round trip once released.
      expect(counter.count()).toBe(1);

      const failed = Promise.reject(new Error('the revision before failed'));
      const dropped = withStatementPipeline(
        conn,
        async (db) => {
          await db.schema.createTable('pa_never').addColumn('id', 'integer').execute();
          await db.selectFrom('pa_items').selectAll().execute();
        },
        undefined,
        { ownTransaction: true, after: failed },
      );
      await expect(dropped).rejects.toBeInstanceOf(NotSentError);
      expect(counter.count()).toBe(1);
    });
    expect((await tableNames(open().db)).filter((name) => name.startsWith('pa_'))).toEqual(['pa_items']);
  });

  onPostgres('PostgreSQL sends a long run of schema statements in a few round trips', async () => {
    const counter = roundTripCounter();
    await open().db.withPlugin(counter.plugin).transaction().execute((trx) =>
      withStatementPipeline(trx, async (db) => {
        for (let i = 0; i < 200; i++) await db.schema.createTable(`pb_${i}`).addColumn('id', 'integer').execute();
      }),
    );
    expect((await tableNames(open().db)).filter((name) => name.startsWith('pb_'))).toHaveLength(200);
    expect(counter.count()).toBeGreaterThan(1);
    expect(counter.count()).toBeLessThan(20);
  });

  onPostgres("PostgreSQL sends a small revision's schema statements in one round trip", async () => {
    const counter = roundTripCounter();
    await open().db.transaction().execute((trx) =>
      withStatementPipeline(trx.withPlugin(counter.plugin), async (db) => {
        await db.schema.createTable('ps_items').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('label', 'varchar(40)').execute();
        await db.schema.createIndex('ix_ps_items_label').on('ps_items').column('label').execute();
        await db.schema.alterTable('ps_items').addColumn('note', 'text').execute();
      }),
    );
    expect((await tableNames(open().db)).filter((name) => name.startsWith('ps_'))).toEqual(['ps_items']);
    // Not the first statement alone and the others after it.
    expect(counter.count()).toBe(1);
  });

  onPostgres('PostgreSQL runs a small revision with its transaction and bookkeeping in one round trip', async () => {
    const revision = (id: string, down?: string): RevisionSource => ({
      id,
      down,
      up: `await db.schema.createTable('pr_${id}').addColumn('id', 'integer', (c) => c.primaryKey()).execute();\n  await db.schema.createIndex('ix_pr_${id}').on('pr_${id}').column('id').execute();`,
      down_: DROP_NOTHING,
    });
    const trips = async (table: string, revisions: readonly RevisionSource[]) => {
      const counter = roundTripCounter();
      expect(await upgrade({ ...open(), db: open().db.withPlugin(counter.plugin) }, table, revisions)).toBeUndefined();
      return counter.count();
    };
    const one = await trips('v_pr1', [revision('pr0000000001')]);
    const two = await trips('v_pr2', [revision('pr0000000002'), revision('pr0000000003', 'pr0000000002')]);
    // begin, the schema statements, the version row and checksum (one statement), commit.
    expect(two - one).toBe(1);
    expect(await versionRows(open().db, 'v_pr2')).toEqual(['pr0000000003']);
    const checksums = await open().db.selectFrom('v_pr2_checksums').select('revision').orderBy('revision').execute();
    expect(checksums.map((row) => row.revision)).toEqual(['pr0000000002', 'pr0000000003']);
  });

  // `commit` travels with the last batch; when it is the commit that fails, that is what the error names.
  onPostgres('PostgreSQL: a deferred constraint failing at commit is named, and the revision is rolled back', async () => {
    const up = [
      "await db.schema.createTable('pd_parent').addColumn('id', 'integer', (c) => c.primaryKey()).execute();",
      'await sql`create table pd_child (parent_id integer references pd_parent (id) deferrable initially deferred)`.execute(db);',
      'await sql`insert into pd_child (parent_id) values (1)`.execute(db);',
      "await db.schema.createTable('pd_other').addColumn('id', 'integer').execute();",
    ].join('\n  ');
    const error = await upgrade(open(), 'v_pd', [{ id: 'pd0000000001', up, down_: DROP_NOTHING }]);
    expect(error).toBeInstanceOf(SchemigrateError);
    const message = (error as SchemigrateError).message;
    expect(message).toContain('Failing statement: commit.');
    expect(message).toMatch(/violates foreign key constraint/);
    expect(await versionRows(open().db, 'v_pd')).toEqual([]);
    expect((await tableNames(open().db)).filter((name) => name.startsWith('pd_'))).toEqual([]);
  });
});
