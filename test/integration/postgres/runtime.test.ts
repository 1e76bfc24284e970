/**
 * Connecting and running migrations on PostgreSQL: connect failures, the advisory lock, and
 * one transaction per revision.
 */
import { sql, type Kysely } from 'kysely';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import { SchemigrateError } from '../../../src/util/errors.js';
import { useFreshDatabase } from './fresh-database.js';
import { signal, withLockTimeout } from '../../helpers/concurrency.js';
import { describeWithServer } from '../../helpers/databases.js';

const fresh = useFreshDatabase();

async function tableExists(db: Kysely<any>, name: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`select to_regclass(${name}) is not null as found`.execute(db);
  return rows[0]!.found;
}

describeWithServer('postgres')('postgres connect', () => {
  test('fails at connect time on an unreachable server, without the password', async () => {
    const connecting = postgresDialect.connect({
      dialect: 'postgres',
      connectionString: 'postgres://app:s3cret-pw@127.0.0.1:1/app',
      display: 'postgres://app:***@127.0.0.1:1/app',
    });
    await expect(connecting).rejects.toThrow(SchemigrateError);
    await expect(connecting).rejects.toThrow(/postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/app/);
    await expect(connecting).rejects.not.toThrow(/s3cret-pw/);
  });

  test('fails at connect time on a database that does not exist', async () => {
    const url = new URL(fresh().url.connectionString);
    url.pathname = '/sg_no_such_database';
    await expect(
      postgresDialect.connect({ dialect: 'postgres', connectionString: url.toString(), display: url.toString() }),
    ).rejects.toThrow(/sg_no_such_database.*does not exist/);
  });
});

describeWithServer('postgres')('postgres withLock', () => {
  test('serialises two concurrent callers: the second waits for the first to finish', async () => {
    const { db } = fresh();
    const events: string[] = [];
    const firstHolds = signal();
    const first = postgresDialect.withLock(db, async () => {
      events.push('first acquired');
      firstHolds.fire();
      await new Promise((resolve) => setTimeout(resolve, 600));
      events.push('first done');
      return 'first';
    });
    await firstHolds.promise;
    const second = postgresDialect.withLock(db, async () => {
      events.push('second acquired');
      return 'second';
    });
    expect(await Promise.all([first, second])).toEqual(['first', 'second']);
    expect(events).toEqual(['first acquired', 'first done', 'second acquired']);
  });

  test('gives up with a clear error after SCHEMIGRATE_LOCK_TIMEOUT seconds', async () => {
    const { db } = fresh();
    const firstHolds = signal();
    const release = signal();
    const first = postgresDialect.withLock(db, async () => {
      firstHolds.fire();
      await release.promise;
    });
    await firstHolds.promise;
    const started = Date.now();
    await withLockTimeout('0.5', async () => {
      await expect(postgresDialect.withLock(db, async () => 'never')).rejects.toThrow(
        /Another schemigrate run has held the migration lock for over 0\.5 s.*SCHEMIGRATE_LOCK_TIMEOUT/,
      );
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    release.fire();
    await first;
  });

  test('releases the lock when the function fails', async () => {
    const { db } = fresh();
    await expect(
      postgresDialect.withLock(db, async () => {
        throw new Error('revision exploded');
      }),
    ).rejects.toThrow('revision exploded');
    // A timeout of 0 tries once: it succeeds only if nobody holds the lock.
    await withLockTimeout('0', async () => {
      await expect(postgresDialect.withLock(db, async () => 'free')).resolves.toBe('free');
    });
  });

  test('refuses a malformed SCHEMIGRATE_LOCK_TIMEOUT', async () => {
    await withLockTimeout('soon', async () => {
      await expect(postgresDialect.withLock(fresh().db, async () => 'never')).rejects.toThrow(
        /SCHEMIGRATE_LOCK_TIMEOUT must be a number of seconds/,
      );
    });
  });
});

describeWithServer('postgres')('postgres runRevision', () => {
  test('rolls back a failing transactional revision, DDL included', async () => {
    const { db } = fresh();
    await expect(
      postgresDialect.withLock(db, (conn) =>
        postgresDialect.runRevision(conn, { transactional: true }, async (trx) => {
          await trx.schema.createTable('rolled_back').addColumn('id', 'integer').execute();
          await trx.schema.createTable('rolled_back').addColumn('id', 'integer').execute();
        }),
      ),
    ).rejects.toThrow(/already exists/);
    expect(await tableExists(db, 'rolled_back')).toBe(false);
  });

  test('commits a successful transactional revision', async () => {
    const { db } = fresh();
    await postgresDialect.withLock(db, (conn) =>
      postgresDialect.runRevision(conn, { transactional: true }, async (trx) => {
        await trx.schema.createTable('committed').addColumn('id', 'integer').execute();
      }),
    );
    expect(await tableExists(db, 'committed')).toBe(true);
  });

  test('runs a non-transactional revision statement by statement', async () => {
    const { db } = fresh();
    await expect(
      postgresDialect.withLock(db, (conn) =>
        postgresDialect.runRevision(conn, { transactional: false }, async (conn) => {
          await conn.schema.createTable('kept').addColumn('id', 'integer').execute();
          // CREATE INDEX CONCURRENTLY cannot run inside a transaction: proof that there is none.
          await sql`create index concurrently kept_id on kept (id)`.execute(conn);
          await sql`select no_such_function()`.execute(conn);
        }),
      ),
    ).rejects.toThrow(/no_such_function/);
    expect(await tableExists(db, 'kept')).toBe(true);
    expect(await tableExists(db, 'kept_id')).toBe(true);
  });
});
