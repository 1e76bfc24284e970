import { join } from 'node:path';
import { sql } from 'kysely';
import { appliedRevisions, planDowngrade, planStamp, planUpgrade, type Step } from '../../../src/revisions/plan.js';
import { runMigrations, stampVersions } from '../../../src/runtime/migrate.js';
import { readCurrentHeads } from '../../../src/runtime/version-table.js';
import { SchemigrateError } from '../../../src/util/errors.js';
import { forEachDialect } from '../../helpers/databases.js';
import { graphOf, openDatabase, useOpenDatabase, tableNames, versionRows, versionsFolder, type OpenDatabase, type RevisionSource } from './project.js';

const LINE: readonly RevisionSource[] = [
  {
    id: 'aaaa00000001',
    message: 'create authors',
    up: "await db.schema.createTable('authors').addColumn('id', 'integer', (c) => c.primaryKey()).execute();",
    down_: "await db.schema.dropTable('authors').execute();",
  },
  {
    id: 'aaaa00000002',
    down: 'aaaa00000001',
    message: 'add authors.name',
    up: "await db.schema.alterTable('authors').addColumn('name', 'varchar(100)').execute();",
    down_: "await db.schema.alterTable('authors').dropColumn('name').execute();",
  },
  {
    id: 'aaaa00000003',
    down: 'aaaa00000002',
    message: 'create books with raw SQL',
    up: 'await sql`create table books (id integer primary key, author_id integer references authors (id))`.execute(db);',
    down_: 'await sql`drop table books`.execute(db);',
  },
];

forEachDialect((ctx) => {
  const open = useOpenDatabase(ctx.database);

  test('upgrade to head, then downgrade step by step to base', async () => {
    const { db, dialect } = open();
    const versions = versionsFolder(LINE);
    try {
      const graph = await graphOf(versions.dir);
      const table = 'v_line';
      expect(await readCurrentHeads(db, table)).toEqual([]);

      const events: { step: Step; ms: number }[] = [];
      const ran = await runMigrations({ db, dialect, versionTable: table, plan: (heads) => planUpgrade(graph, heads, 'head'), onStep: (event) => events.push(event) });
      expect(ran.map((step) => step.revision.revision)).toEqual(['aaaa00000001', 'aaaa00000002', 'aaaa00000003']);
      expect(events.map(({ step }) => step.revision.message)).toEqual(['create authors', 'add authors.name', 'create books with raw SQL']);
      expect(events.every(({ ms }) => Number.isInteger(ms) && ms >= 0)).toBe(true);
      expect(await versionRows(db, table)).toEqual(['aaaa00000003']);
      expect(await tableNames(db)).toEqual(expect.arrayContaining(['authors', 'books', table]));
      await db.insertInto('authors').values({ id: 1, name: 'Ann' }).execute();

      await runMigrations({ db, dialect, versionTable: table, plan: (heads) => planDowngrade(graph, heads, '-1') });
      expect(await versionRows(db, table)).toEqual(['aaaa00000002']);
      expect(await tableNames(db)).not.toContain('books');

      // Upgrading again when already there runs nothing.
      await runMigrations({ db, dialect, versionTable: table, plan: (heads) => planUpgrade(graph, heads, 'aaaa00000002') });
      expect(await versionRows(db, table)).toEqual(['aaaa00000002']);

      const down = await runMigrations({ db, dialect, versionTable: table, plan: (heads) => planDowngrade(graph, heads, 'base') });
      expect(down.map((step) => [step.direction, step.revision.revision])).toEqual([
        ['down', 'aaaa00000002'],
        ['down', 'aaaa00000001'],
      ]);
      expect(await versionRows(db, table)).toEqual([]);
      expect(await tableNames(db)).not.toContain('authors');
    } finally {
      versions.remove();
    }
  });

  // PostgreSQL and SQLite roll the failed revision back; MySQL commits DDL as it goes, so there
  // the message lists what had already run and that stays.
  test('a failing revision names revision, file, statement and error, and says where the database stands', async () => {
    const { db, dialect } = open();
    const versions = versionsFolder([
      {
        id: 'bbbb00000001',
        up: "await db.schema.createTable('kept').addColumn('id', 'integer').execute();",
        down_: "await db.schema.dropTable('kept').execute();",
      },
      {
        id: 'bbbb00000002',
        down: 'bbbb00000001',
        message: 'doomed change',
        up: "await db.schema.createTable('doomed').addColumn('id', 'integer').execute();\n  await sql`insert into no_such_table values (1)`.execute(db);",
        down_: "await db.schema.dropTable('doomed').execute();",
      },
    ]);
    try {
      const graph = await graphOf(versions.dir);
      const table = 'v_fail';
      const error = await runMigrations({ db, dialect, versionTable: table, plan: (heads) => planUpgrade(graph, heads, 'head') }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(SchemigrateError);
      const message = (error as SchemigrateError).message;
      expect(message).toContain('revision bbbb00000002 (doomed change)');
      expect(message).toContain(join(versions.dir, 'bbbb00000002_file.ts'));
      expect(message).toContain('Failing statement: insert into no_such_table values (1)');
      expect(message).toMatch(/no_such_table/);
      expect((error as SchemigrateError).cause).toMatchObject({ message: expect.any(String) }); // by shape: driver errors may come from another jest realm

      expect(await versionRows(db, table)).toEqual(['bbbb00000001']);
      const tables = await tableNames(db);
      expect(tables).toContain('kept');
      if (dialect.transactionalDdl) {
        expect(message).toContain('The revision was rolled back');
        expect(tables).not.toContain('doomed');
      } else {
        expect(message).toContain('These statements of the revision had already run and were not rolled back: create table `doomed` (`id` integer).');
        expect(message).toContain('The version table now lists bbbb00000001: revision bbbb00000002 is not recorded as applied.');
        expect(message).toContain('To recover, undo these statements by hand');
        expect(message).toContain('`schemigrate stamp bbbb00000002`');
        expect(tables).toContain('doomed');
      }
    } finally {
      versions.remove();
    }
  });

  // The version table's row count is checked in the revision's transaction (PostgreSQL: by the
  // one statement that also records the checksum): a row another process moved fails the step.
  // SQLite writes a locked run's bookkeeping at its end, where the check fails the whole run.
  test('a version row that moved under the run fails the upgrade with the version table named', async () => {
    const { db, dialect } = open();
    const versions = versionsFolder([
      { id: 'eeee00000001', up: "await db.schema.createTable('moved_base').addColumn('id', 'integer').execute();", down_: '' },
      {
        id: 'eeee00000002',
        down: 'eeee00000001',
        up: "await db.schema.createTable('moved_marker').addColumn('id', 'integer').execute();\n  await sql`update v_moved set version_num = 'eeee99999999'`.execute(db);",
        down_: '',
      },
    ]);
    try {
      const graph = await graphOf(versions.dir);
      await runMigrations({ db, dialect, versionTable: 'v_moved', plan: (heads) => planUpgrade(graph, heads, 'eeee00000001') });
      const failure = runMigrations({ db, dialect, versionTable: 'v_moved', plan: (heads) => planUpgrade(graph, heads, 'head') });
      await expect(failure).rejects.toThrow(
        'The version table v_moved no longer lists eeee00000001 as expected; another process may have changed it. Run `schemigrate current` and try again.',
      );
      await expect(failure).rejects.toThrow(
        ctx.dialect === 'sqlite'
          ? /^Recording the revisions this run applied \(eeee00000002\) in the version table failed, so the whole run was rolled back and none of them is applied: The version table v_moved/
          : /^The upgrade of revision eeee00000002 .*failed: The version table v_moved/,
      );
      const checksums = await db.selectFrom('v_moved_checksums').select('revision').orderBy('revision').execute();
      if (dialect.transactionalDdl) {
        expect(await versionRows(db, 'v_moved')).toEqual(['eeee00000001']);
        expect(checksums.map((row) => row.revision)).toEqual(['eeee00000001']);
        expect(await tableNames(db)).not.toContain('moved_marker');
      } else {
        // MySQL: the revision's own update stays, the step recorded nothing.
        expect(await versionRows(db, 'v_moved')).toEqual(['eeee99999999']);
        expect(checksums.map((row) => row.revision)).toEqual(['eeee00000001']);
      }
    } finally {
      versions.remove();
    }
  });

  test('a version row that moved under the run fails the downgrade, and its checksum is kept', async () => {
    const { db, dialect } = open();
    const versions = versionsFolder([
      { id: 'eeee00000011', up: "await db.schema.createTable('gone_base').addColumn('id', 'integer').execute();", down_: '' },
      {
        id: 'eeee00000012',
        down: 'eeee00000011',
        up: "await db.schema.createTable('gone_marker').addColumn('id', 'integer').execute();",
        down_: "await db.schema.dropTable('gone_marker').execute();\n  await sql`delete from v_gone`.execute(db);",
      },
    ]);
    try {
      const graph = await graphOf(versions.dir);
      await runMigrations({ db, dialect, versionTable: 'v_gone', plan: (heads) => planUpgrade(graph, heads, 'head') });
      const failure = runMigrations({ db, dialect, versionTable: 'v_gone', plan: (heads) => planDowngrade(graph, heads, '-1') });
      await expect(failure).rejects.toThrow('The version table v_gone no longer lists eeee00000012 as expected');
      if (dialect.transactionalDdl) {
        expect(await versionRows(db, 'v_gone')).toEqual(['eeee00000012']);
        const checksums = await db.selectFrom('v_gone_checksums').select('revision').orderBy('revision').execute();
        expect(checksums.map((row) => row.revision)).toEqual(['eeee00000011', 'eeee00000012']);
        expect(await tableNames(db)).toContain('gone_marker');
      } else {
        expect(await versionRows(db, 'v_gone')).toEqual([]);
      }
    } finally {
      versions.remove();
    }
  });

  // Only PostgreSQL attaches hints to its errors.
  (ctx.dialect === 'postgres' ? test : test.skip)("a failure passes on the database's hint where it gives one (PostgreSQL)", async () => {
    const { db, dialect } = open();
    const versions = versionsFolder([{ id: 'dddd00000001', up: 'await sql`select no_such_function(1)`.execute(db);', down_: '' }]);
    try {
      const graph = await graphOf(versions.dir);
      await expect(runMigrations({ db, dialect, versionTable: 'v_hint', plan: (heads) => planUpgrade(graph, heads, 'head') })).rejects.toMatchObject({
        message: expect.stringContaining('Hint from the database: No function matches the given name and argument types.'),
      });
    } finally {
      versions.remove();
    }
  });

  // The revision before it is recorded when the failure is reported (SQLite, which writes a run's
  // bookkeeping at its end, writes what it has before a revision that cannot be rolled back).
  test('transactional = false runs outside a transaction: what ran before the failure stays', async () => {
    const { db, dialect } = open();
    const versions = versionsFolder([
      { id: 'cccc00000000', up: "await db.schema.createTable('before_outside').addColumn('id', 'integer').execute();", down_: '' },
      {
        id: 'cccc00000001',
        down: 'cccc00000000',
        extra: 'export const transactional = false;',
        up: "await db.schema.createTable('outside').addColumn('id', 'integer').execute();\n  await sql`insert into missing_table values (1)`.execute(db);",
        down_: "await db.schema.dropTable('outside').execute();",
      },
    ]);
    try {
      const graph = await graphOf(versions.dir);
      const table = 'v_nontx';
      const failure = runMigrations({ db, dialect, versionTable: table, plan: (heads) => planUpgrade(graph, heads, 'head') });
      await expect(failure).rejects.toThrow(/had already run and were not rolled back: create table ["`]outside["`]/);
      await expect(failure).rejects.toThrow('The version table now lists cccc00000000: revision cccc00000001 is not recorded as applied.');
      expect(await tableNames(db)).toEqual(expect.arrayContaining(['before_outside', 'outside']));
      expect(await versionRows(db, table)).toEqual(['cccc00000000']);
      const checksums = await db.selectFrom(`${table}_checksums`).select('revision').execute();
      expect(checksums.map((row) => row.revision)).toEqual(['cccc00000000']);
    } finally {
      versions.remove();
    }
  });

  // Where nothing rolls a downgrade back (MySQL; transactional = false elsewhere), the message
  // reads the version table back: the revision is still recorded, and the way out says so.
  test('a downgrade that fails halfway without a rollback says the revision is still recorded', async () => {
    const { db, dialect } = open();
    const extra = dialect.transactionalDdl ? 'export const transactional = false;' : '';
    const versions = versionsFolder([
      { id: 'ffff00000001', up: "await db.schema.createTable('base_table').addColumn('id', 'integer').execute();", down_: "await db.schema.dropTable('base_table').execute();" },
      {
        id: 'ffff00000002',
        down: 'ffff00000001',
        message: 'two tables',
        extra,
        up: "await db.schema.createTable('first_gone').addColumn('id', 'integer').execute();\n  await db.schema.createTable('second_kept').addColumn('id', 'integer').execute();",
        down_: "await db.schema.dropTable('first_gone').execute();\n  await sql`drop table no_such_table`.execute(db);\n  await db.schema.dropTable('second_kept').execute();",
      },
    ]);
    try {
      const graph = await graphOf(versions.dir);
      const table = 'v_halfdown';
      await runMigrations({ db, dialect, versionTable: table, plan: (heads) => planUpgrade(graph, heads, 'head') });
      const error = await runMigrations({ db, dialect, versionTable: table, plan: (heads) => planDowngrade(graph, heads, 'base') }).then(
        () => undefined,
        (caught: unknown) => caught as Error,
      );
      expect(error).toBeInstanceOf(SchemigrateError);
      const message = error!.message;
      expect(message).toContain('The downgrade of revision ffff00000002 (two tables) failed');
      expect(message).toContain('Failing statement: drop table no_such_table');
      expect(message).toMatch(/These statements of the revision had already run and were not rolled back: drop table ["`]first_gone["`]\./);
      expect(message).toContain('The version table now lists ffff00000002: revision ffff00000002 is still recorded as applied.');
      expect(message).toContain('To recover: the revision is still recorded, so `schemigrate downgrade` would run its whole downgrade again.');
      expect(message).toContain('record it with `schemigrate stamp ffff00000001`.');
      expect(message).not.toContain('parent(s)');
      // What the message says is what the database holds.
      expect(await versionRows(db, table)).toEqual(['ffff00000002']);
      const tables = await tableNames(db);
      expect(tables).not.toContain('first_gone');
      expect(tables).toEqual(expect.arrayContaining(['base_table', 'second_kept']));
    } finally {
      versions.remove();
    }
  });

  (ctx.dialect === 'postgres' ? test : test.skip)('every revision of a run but the last commits without waiting for the disk (PostgreSQL)', async () => {
    const { db, dialect } = open();
    const seeing = (id: string, down: string | undefined, name: string): RevisionSource => ({
      id,
      down,
      up: `await sql\`create table ${name} as select current_setting('synchronous_commit') as value\`.execute(db);`,
      down_: `await sql\`drop table ${name}\`.execute(db);`,
    });
    const versions = versionsFolder([seeing('ffff00000001', undefined, 'sc_first'), seeing('ffff00000002', 'ffff00000001', 'sc_second')]);
    try {
      const graph = await graphOf(versions.dir);
      await runMigrations({ db, dialect, versionTable: 'v_sync', plan: (heads) => planUpgrade(graph, heads, 'head') });
      const value = async (table: string) => (await sql<{ value: string }>`select value from ${sql.table(table)}`.execute(db)).rows[0]?.value;
      const serverDefault = (await sql<{ value: string }>`select current_setting('synchronous_commit') as value`.execute(db)).rows[0]?.value;
      expect(await value('sc_first')).toBe('off');
      expect(await value('sc_second')).toBe(serverDefault);
      expect(serverDefault).not.toBe('off');
      expect(await versionRows(db, 'v_sync')).toEqual(['ffff00000002']);
    } finally {
      versions.remove();
    }
  });

  if (ctx.dialect === 'postgres') {
    test('transactional = false allows CREATE INDEX CONCURRENTLY on PostgreSQL', async () => {
      const { db, dialect } = open();
      const revision = (id: string, extra: string): RevisionSource => ({
        id,
        extra,
        up: "await db.schema.createTable('t_" + id + "').addColumn('x', 'integer').execute();\n  await sql.raw('create index concurrently ix_" + id + " on t_" + id + " (x)').execute(db);",
        down_: "await db.schema.dropTable('t_" + id + "').execute();",
      });
      const inside = versionsFolder([revision('dddd00000001', '')]);
      const outside = versionsFolder([revision('dddd00000002', 'export const transactional = false;')]);
      try {
        const insideGraph = await graphOf(inside.dir);
        await expect(
          runMigrations({ db, dialect, versionTable: 'v_conc1', plan: (heads) => planUpgrade(insideGraph, heads, 'head') }),
        ).rejects.toThrow(/CREATE INDEX CONCURRENTLY cannot run inside a transaction block/);
        const outsideGraph = await graphOf(outside.dir);
        await runMigrations({ db, dialect, versionTable: 'v_conc2', plan: (heads) => planUpgrade(outsideGraph, heads, 'head') });
        expect(await versionRows(db, 'v_conc2')).toEqual(['dddd00000002']);
        const { rows } = await sql<{ name: string }>`select indexname as name from pg_indexes where indexname = 'ix_dddd00000002'`.execute(db);
        expect(rows).toHaveLength(1);
      } finally {
        inside.remove();
        outside.remove();
      }
    });
  }

  // better-sqlite3 is synchronous: a second connection in this process waiting for SQLite's write
  // lock would block the very process holding it, so SQLite's lock is tested across processes by its dialect.
  (ctx.dialect !== 'sqlite' ? test : test.skip)('two concurrent runs apply each revision exactly once', async () => {
    const { dialect } = open();
    const second = await openDatabase(ctx.database());
    const versions = versionsFolder(
      LINE.map((revision) => ({
        ...revision,
        id: revision.id.replace('aaaa', 'eeee'),
        down: typeof revision.down === 'string' ? revision.down.replace('aaaa', 'eeee') : undefined,
        up: revision.up.replace(/authors/g, 'c_authors').replace(/books/g, 'c_books'),
        down_: revision.down_.replace(/authors/g, 'c_authors').replace(/books/g, 'c_books'),
      })),
    );
    try {
      const graph = await graphOf(versions.dir);
      const table = 'v_concurrent';
      const run = (db: OpenDatabase['db']) => runMigrations({ db, dialect, versionTable: table, plan: (heads) => planUpgrade(graph, heads, 'head') });
      const [first, other] = await Promise.all([run(open().db), run(second.db)]);
      expect(first.length + other.length).toBe(3);
      expect([first.length, other.length].sort()).toEqual([0, 3]);
      expect(await versionRows(open().db, table)).toEqual(['eeee00000003']);
    } finally {
      versions.remove();
      await second.db.destroy();
    }
  });

  test('stamp sets the version table without running anything; --purge clears unknown rows', async () => {
    const { db, dialect } = open();
    const versions = versionsFolder(LINE.map((revision) => ({ ...revision, up: 'throw new Error("must not run");' })));
    try {
      const graph = await graphOf(versions.dir);
      const table = 'v_stamp';
      const bookkeeping = { applied: (heads: readonly string[]) => appliedRevisions(graph, heads), fileOf: (id: string) => graph.get(id).file };
      const change = await stampVersions({ db, dialect, versionTable: table, purge: false, plan: (heads) => planStamp(graph, heads, 'head'), ...bookkeeping });
      expect(change).toEqual({ delete: [], insert: ['aaaa00000003'] });
      expect(await versionRows(db, table)).toEqual(['aaaa00000003']);

      await stampVersions({ db, dialect, versionTable: table, purge: false, plan: (heads) => planStamp(graph, heads, 'aaaa00000001'), ...bookkeeping });
      expect(await versionRows(db, table)).toEqual(['aaaa00000001']);

      await db.insertInto(table).values({ version_num: 'gone00000000' }).execute();
      await expect(
        stampVersions({ db, dialect, versionTable: table, purge: false, plan: (heads) => planStamp(graph, heads, 'head'), ...bookkeeping }),
      ).rejects.toThrow(/'gone00000000'.*--purge/);
      expect(await versionRows(db, table)).toEqual(['aaaa00000001', 'gone00000000']);

      // Reported against the rows before the purge: the purged ones count as removed.
      const purged = await stampVersions({ db, dialect, versionTable: table, purge: true, plan: (heads) => planStamp(graph, heads, 'aaaa00000002'), ...bookkeeping });
      expect(purged).toEqual({ delete: ['aaaa00000001', 'gone00000000'], insert: ['aaaa00000002'] });
      expect(await versionRows(db, table)).toEqual(['aaaa00000002']);
    } finally {
      versions.remove();
    }
  });
});
