import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { sql, type Kysely } from 'kysely';
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js';
import type { Step } from '../../../src/revisions/plan.js';
import { ensureChecksumTable, readChecksums } from '../../../src/runtime/checksum-table.js';
import { ensureVersionTable, readCurrentHeads } from '../../../src/runtime/version-table.js';
import { withLockTimeout } from '../../helpers/concurrency.js';
import { openTestDatabase, runScript, type OpenSqliteDatabase } from './open-test-database.js';

const SCHEMA = `
  CREATE TABLE parent (id integer PRIMARY KEY, name text);
  CREATE TABLE child (id integer PRIMARY KEY, parent_id integer NOT NULL REFERENCES parent (id) ON DELETE CASCADE);
  INSERT INTO parent (id, name) VALUES (1, 'a'), (2, 'b');
  INSERT INTO child (id, parent_id) VALUES (10, 1), (11, 1), (12, 2)
`;

/** The statements a table rebuild runs: new table, copy, drop the old one, rename. */
async function rebuildParent(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `CREATE TABLE parent_new (id integer PRIMARY KEY, name text NOT NULL DEFAULT '');
     INSERT INTO parent_new (id, name) SELECT id, name FROM parent;
     DROP TABLE parent;
     ALTER TABLE parent_new RENAME TO parent`,
  );
}

async function count(db: Kysely<any>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return rows[0]!.n;
}

async function foreignKeysOn(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
  return rows[0]!.foreign_keys === 1;
}

async function tableNames(db: Kysely<any>): Promise<string[]> {
  return (await sqliteDialect.introspect(db, { isExcluded: () => false })).tables.map((t) => t.name);
}

describe('sqlite runRevision', () => {
  let open: OpenSqliteDatabase;

  beforeEach(async () => {
    open = await openTestDatabase();
    await runScript(open.db, SCHEMA);
  });

  afterEach(async () => {
    await open.close();
  });

  test('without it, a rebuild inside a transaction cascades deletes into the child table', async () => {
    expect(await foreignKeysOn(open.db)).toBe(true);
    await open.db.transaction().execute(rebuildParent);
    expect(await count(open.db, 'child')).toBe(0);
  });

  test('a rebuild inside a revision keeps the child rows, and enforcement is back on afterwards', async () => {
    await sqliteDialect.runRevision(open.db, { transactional: true }, rebuildParent);
    expect(await count(open.db, 'child')).toBe(3);
    expect(await count(open.db, 'parent')).toBe(2);
    expect(await foreignKeysOn(open.db)).toBe(true);
    await expect(sql`delete from parent where id = 1`.execute(open.db)).resolves.toBeDefined();
    expect(await count(open.db, 'child')).toBe(1);
  });

  test('a revision that leaves a dangling foreign key fails, names the row and rolls back', async () => {
    const failure = sqliteDialect.runRevision(open.db, { transactional: true }, async (db) => {
      await sql`create table extra (id integer)`.execute(db);
      await sql`delete from parent where id = 2`.execute(db);
    });
    await expect(failure).rejects.toMatchObject({
      name: 'SchemigrateError',
      message: expect.stringContaining('child rowid 12 (references parent)'),
    });
    expect(await count(open.db, 'parent')).toBe(2);
    expect(await count(open.db, 'child')).toBe(3);
    expect(await tableNames(open.db)).toEqual(['child', 'parent']);
    expect(await foreignKeysOn(open.db)).toBe(true);
  });

  test('a revision that throws rolls back', async () => {
    const failure = sqliteDialect.runRevision(open.db, { transactional: true }, async (db) => {
      await sql`create table extra (id integer)`.execute(db);
      await sql`insert into nowhere values (1)`.execute(db);
    });
    // Matched by shape: under a shared jest worker, better-sqlite3's error class may come from another realm.
    await expect(failure).rejects.toMatchObject({ message: expect.stringContaining('no such table: nowhere') });
    expect(await tableNames(open.db)).toEqual(['child', 'parent']);
  });

  test('a non-transactional revision runs with the same pragmas and keeps its work', async () => {
    await sqliteDialect.runRevision(open.db, { transactional: false }, rebuildParent);
    expect(await count(open.db, 'child')).toBe(3);
    const failure = sqliteDialect.runRevision(open.db, { transactional: false }, async (db) => {
      await sql`delete from parent where id = 2`.execute(db);
    });
    await expect(failure).rejects.toMatchObject({ message: expect.stringContaining('changes stay') });
    expect(await count(open.db, 'parent')).toBe(1);
    expect(await foreignKeysOn(open.db)).toBe(true);
  });
});

describe('sqlite withLock', () => {
  let open: OpenSqliteDatabase;

  beforeEach(async () => {
    open = await openTestDatabase();
    await runScript(open.db, SCHEMA);
  });

  afterEach(async () => {
    await open.close();
  });

  test('revisions inside the lock are each atomic; completed ones stay when a later one fails', async () => {
    const run = sqliteDialect.withLock(open.db, async (locked) => {
      await sqliteDialect.runRevision(locked, { transactional: true }, rebuildParent);
      await sqliteDialect.runRevision(locked, { transactional: true }, async (db) => {
        await sql`create table extra (id integer)`.execute(db);
        await sql`delete from parent where id = 2`.execute(db);
      });
    });
    await expect(run).rejects.toMatchObject({ name: 'SchemigrateError' });
    expect(await tableNames(open.db)).toEqual(['child', 'parent']);
    expect(await count(open.db, 'child')).toBe(3);
    const { rows } = await sql<{ notnull: number }>`select "notnull" from pragma_table_info('parent') where name = 'name'`.execute(open.db);
    expect(rows[0]!.notnull).toBe(1);
    expect(await foreignKeysOn(open.db)).toBe(true);
  });

  // Inside the lock a step's bookkeeping waits for the commit; the connection outlives the run,
  // and a revision run on it afterwards, without the lock, records its step at once.
  test("a locked run's steps are recorded at its commit; a revision after it records at once", async () => {
    await ensureVersionTable(open.db, 'v_steps');
    await ensureChecksumTable(open.db, 'v_steps_checksums');
    const options = (revision: string) => ({ versionTable: 'v_steps', checksum: `sum-${revision}`, verify: true });
    const step = (revision: string, parent?: string) =>
      ({ revision: { revision }, direction: 'up', versionChange: { delete: parent ? [parent] : [], insert: [revision] } }) as unknown as Step;
    await sqliteDialect.withLock(open.db, async (locked) => {
      for (const [revision, parent] of [['a1'], ['a2', 'a1']] as const) {
        await sqliteDialect.runRevision(locked, { transactional: true }, async (db) => {
          await sqliteDialect.recordStep!(db, step(revision, parent), options(revision));
          expect(await readCurrentHeads(db, 'v_steps')).toEqual([]);
        });
      }
    });
    expect(await readCurrentHeads(open.db, 'v_steps')).toEqual(['a2']);
    await sqliteDialect.runRevision(open.db, { transactional: true }, async (db) => {
      await sqliteDialect.recordStep!(db, step('a3', 'a2'), options('a3'));
      expect(await readCurrentHeads(db, 'v_steps')).toEqual(['a3']);
    });
    expect([...(await readChecksums(open.db, 'v_steps_checksums')).keys()]).toEqual(['a1', 'a2', 'a3']);
  });

  test('returns what fn returns', async () => {
    await expect(sqliteDialect.withLock(open.db, async (locked) => count(locked, 'parent'))).resolves.toBe(2);
  });

  test('waits for another process holding the write lock, then sees its work', async () => {
    const filename = open.url.dialect === 'sqlite' ? open.url.filename : '';
    const script = join(dirname(filename), 'hold-lock.cjs');
    const betterSqlite = createRequire(join(process.cwd(), 'package.json')).resolve('better-sqlite3');
    writeFileSync(
      script,
      `const Database = require(${JSON.stringify(betterSqlite)});
       const db = new Database(process.argv[2]);
       db.exec('BEGIN IMMEDIATE');
       db.exec("INSERT INTO parent (id, name) VALUES (3, 'from the other process')");
       process.send('locked', () => {
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
         db.exec('COMMIT');
         process.send(Date.now(), () => process.exit(0));
       });`,
    );
    const child = fork(script, [filename]);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const messages: unknown[] = [];
    child.on('message', (message) => messages.push(message));
    await new Promise<void>((resolve) => child.once('message', () => resolve()));
    const attempted = Date.now();
    const { seen, entered } = await sqliteDialect.withLock(open.db, async (locked) => ({
      seen: await count(locked, 'parent'),
      entered: Date.now(),
    }));
    await exited;
    const committed = messages[1] as number;
    expect(attempted).toBeLessThan(committed);
    expect(entered).toBeGreaterThanOrEqual(committed);
    expect(seen).toBe(3);
  });

  test('gives up with a clear error after SCHEMIGRATE_LOCK_TIMEOUT seconds', async () => {
    const filename = open.url.dialect === 'sqlite' ? open.url.filename : '';
    const script = join(dirname(filename), 'hold-lock-long.cjs');
    const betterSqlite = createRequire(join(process.cwd(), 'package.json')).resolve('better-sqlite3');
    writeFileSync(
      script,
      `const Database = require(${JSON.stringify(betterSqlite)});
       const db = new Database(process.argv[2]);
       db.exec('BEGIN IMMEDIATE');
       process.send('locked', () => process.once('message', () => { db.exec('ROLLBACK'); process.exit(0); }));`,
    );
    const child = fork(script, [filename]);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve) => child.once('message', () => resolve()));
    try {
      const started = Date.now();
      await withLockTimeout('0.5', async () => {
        await expect(sqliteDialect.withLock(open.db, async () => 'never')).rejects.toMatchObject({
          message: expect.stringMatching(/held the migration lock for over 0\.5 s \(SQLite write lock\).*SCHEMIGRATE_LOCK_TIMEOUT/),
        });
      });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      child.send('done');
      await exited;
    }
  });
});

describe('sqlite foreign-key verification blames only the revision', () => {
  let open: OpenSqliteDatabase;
  let warnings: string[];
  const onWarning = (message: string) => warnings.push(message);

  /** Run a script with enforcement off, as a careless import would, leaving rows that point nowhere. */
  async function runUnenforced(script: string): Promise<void> {
    await open.db.connection().execute(async (conn) => {
      await sql`pragma foreign_keys = off`.execute(conn);
      await runScript(conn, script);
      await sql`pragma foreign_keys = on`.execute(conn);
    });
  }

  beforeEach(async () => {
    open = await openTestDatabase();
    await runScript(open.db, SCHEMA);
    warnings = [];
    await runUnenforced('insert into child (id, parent_id) values (20, 99)');
  });

  afterEach(async () => {
    await open.close();
  });

  test('an unrelated revision runs despite an older dangling row, which is a warning', async () => {
    await sqliteDialect.runRevision(open.db, { transactional: true, onWarning }, async (db) => {
      await sql`create table extra (id integer)`.execute(db);
    });
    expect(await tableNames(open.db)).toEqual(['child', 'extra', 'parent']);
    expect(warnings).toEqual([expect.stringContaining('already has 1 row(s) whose foreign keys point at missing rows: child rowid 20 (references parent)')]);
  });

  test('a revision that adds a dangling row still fails, naming only its own, and rolls back', async () => {
    const failure = sqliteDialect.runRevision(open.db, { transactional: true, onWarning }, async (db) => {
      await sql`create table extra (id integer)`.execute(db);
      await sql`delete from parent where id = 2`.execute(db);
    });
    await expect(failure).rejects.toMatchObject({
      message: expect.stringMatching(/left 1 row\(s\) whose foreign keys point at missing rows: child rowid 12 \(references parent\) \(1 other such row\(s\) were there before it/),
    });
    await expect(failure).rejects.toMatchObject({ message: expect.not.stringContaining('rowid 20') });
    expect(await tableNames(open.db)).toEqual(['child', 'parent']);
    expect(await count(open.db, 'parent')).toBe(2);
  });

  test('rebuilding the child table renumbers rowids and foreign keys without blaming the revision', async () => {
    await runUnenforced(
      `CREATE TABLE tagged (label text, parent_id integer REFERENCES parent (id), other_id integer);
       INSERT INTO tagged VALUES ('a', 1, NULL), ('b', 2, NULL), ('c', 77, NULL);
       DELETE FROM tagged WHERE label = 'a'`,
    );
    // A second foreign key declared after it: the old one's number (fkid) goes from 0 to 1.
    const rebuildTagged = (db: Kysely<any>) =>
      runScript(
        db,
        `CREATE TABLE tagged_new (label text NOT NULL, parent_id integer REFERENCES parent (id), other_id integer REFERENCES parent (id));
         INSERT INTO tagged_new (label, parent_id, other_id) SELECT label, parent_id, other_id FROM tagged;
         DROP TABLE tagged;
         ALTER TABLE tagged_new RENAME TO tagged`,
      );
    await sqliteDialect.withLock(open.db, (locked) => sqliteDialect.runRevision(locked, { transactional: true, onWarning }, rebuildTagged));
    const { rows } = await sql<{ rowid: number; fkid: number }>`select rowid, fkid from pragma_foreign_key_check('tagged')`.execute(open.db);
    expect(rows).toEqual([{ rowid: 2, fkid: 1 }]);
    // The rebuilt row 'c' (rowid 3 before, 2 now) is still the only dangling one of its key.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('tagged rowid 3 (references parent)');
  });

  test('a locked run reads the database once: one warning, and each check starts from the last one', async () => {
    const run = sqliteDialect.withLock(open.db, async (locked) => {
      await sqliteDialect.runRevision(locked, { transactional: true, onWarning }, async (db) => {
        await sql`create table extra (id integer)`.execute(db);
      });
      await sqliteDialect.runRevision(locked, { transactional: true, onWarning }, async (db) => {
        await sql`create table more (id integer)`.execute(db);
      });
      await sqliteDialect.runRevision(locked, { transactional: true, onWarning }, async (db) => {
        await sql`delete from parent where id = 1`.execute(db);
      });
    });
    await expect(run).rejects.toMatchObject({ message: expect.stringContaining('left 2 row(s) whose foreign keys point at missing rows: child rowid 10') });
    expect(warnings).toHaveLength(1);
    expect(await tableNames(open.db)).toEqual(['child', 'extra', 'more', 'parent']);
    expect(await count(open.db, 'parent')).toBe(2);
  });

  test('a dangling row of a WITHOUT ROWID table is known by its foreign key, not its rowid', async () => {
    await runUnenforced(
      `CREATE TABLE links (code text PRIMARY KEY, parent_id integer REFERENCES parent (id)) WITHOUT ROWID;
       INSERT INTO links VALUES ('ok', 1), ('lost', 55)`,
    );
    await sqliteDialect.runRevision(open.db, { transactional: true, onWarning }, async (db) => {
      await sql`insert into links values ('also ok', 2)`.execute(db);
    });
    expect(warnings[0]).toContain('links row (references parent)');
    const failure = sqliteDialect.runRevision(open.db, { transactional: true, onWarning }, async (db) => {
      await sql`insert into links values ('lost too', 56)`.execute(db);
    });
    await expect(failure).rejects.toMatchObject({ message: expect.stringContaining('left 1 row(s) whose foreign keys point at missing rows: links row (references parent)') });
    expect(await count(open.db, 'links')).toBe(3);
  });
});
