/**
 * `withLockRetries` against a real lock: another session's open transaction holds a lock on
 * the table; the step gives up after the lock timeout and is retried with backoff until the
 * transaction ends, or fails with the server's timeout once the retries run out.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../src/dialects/dialect.js';
import { withLockRetries } from '../../src/runtime/lock-retries.js';
import { connectTestDatabase, forEachDialect } from '../helpers/databases.js';

forEachDialect(({ dialect: dialectName, database }) => {
  let db: Kysely<any>;
  /** Another session, for the long transaction. */
  let other: Kysely<any>;
  let dialect: Dialect;
  beforeAll(async () => {
    ({ db, dialect } = await connectTestDatabase(database()));
    ({ db: other } = await connectTestDatabase(database()));
    await sql`CREATE TABLE t (id integer PRIMARY KEY)`.execute(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await other?.destroy();
  });

  /** A transaction of the other session that has read `t` (a read lock on it), ended after `ms`. */
  async function holdReadLock(ms: number): Promise<{ readonly released: Promise<void> }> {
    let started!: () => void;
    const reading = new Promise<void>((resolve) => (started = resolve));
    const done = other.transaction().execute(async (trx) => {
        await sql`SELECT count(*) FROM t`.execute(trx);
        started();
        await new Promise((resolve) => setTimeout(resolve, ms));
      });
    await reading;
    // Wrapped: an async function returning the promise itself would wait for it.
    return { released: done };
  }

  /** Run the step on one connection, as a non-transactional revision does. */
  function alterUnderRetries(retries: number, attempts: { count: number }): Promise<void> {
    return db.connection().execute((conn) =>
      dialect.runRevision(conn, { transactional: false }, (revisionDb) =>
        withLockRetries(revisionDb, { lockTimeoutMs: 200, retries, backoffMs: 100 }, async (stepDb) => {
          attempts.count++;
          await sql`ALTER TABLE t ADD COLUMN ${sql.id(`c${retries}`)} integer`.execute(stepDb);
        }),
      ),
    );
  }

  test('a step blocked by a long transaction times out and is retried until it ends', async () => {
    const { released } = await holdReadLock(2500);
    const attempts = { count: 0 };
    await alterUnderRetries(8, attempts);
    await released;
    expect(attempts.count).toBeGreaterThan(1);
  });

  test('once the retries run out the lock timeout is the error', async () => {
    const { released } = await holdReadLock(2500);
    const attempts = { count: 0 };
    await expect(alterUnderRetries(1, attempts)).rejects.toMatchObject({ message: expect.stringMatching(/lock timeout|Lock wait timeout/i) });
    await released;
    expect(attempts.count).toBe(2);
  });

  test("the built package's helper sets the timeout on an application's own Kysely (another copy than the one bundled)", async () => {
    const built = (await import('../../dist/index.js')) as unknown as typeof import('../../src/index.js');
    const timeout = await db.connection().execute((conn) =>
      built.withLockRetries(conn, { lockTimeoutMs: 1500 }, async (stepDb) => {
        const query = dialectName === 'postgres' ? sql<{ value: string }>`SELECT current_setting('lock_timeout') AS value` : sql<{ value: string }>`SELECT @@SESSION.lock_wait_timeout AS value`;
        return String((await query.execute(stepDb)).rows[0]!.value);
      }),
    );
    expect(timeout).toBe(dialectName === 'postgres' ? '1500ms' : '2');
  });
}, ['postgres', 'mysql']);
