import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { sql, type Kysely } from 'kysely';
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js';
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
