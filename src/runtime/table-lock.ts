/**
 * The table lock (`lockMode: 'table'`): one row in `<versionTable>_lock` names the run that holds
 * the migration lock and until when (its lease). It is taken and given back with single
 * autocommitted statements and keeps no session state, so it holds behind a transaction-pooling
 * proxy (PgBouncer `pool_mode=transaction`) and on engines without advisory locks, where the
 * dialect's own lock (dialect.withLock) does not. A run renews its lease while it works; a
 * successor takes over the row of a crashed holder once that holder's lease has run out.
 *
 * `<versionTable>_lock (id integer primary key, owner varchar(128), acquired_at bigint,
 * expires_at bigint)`: one row, id 1; times are milliseconds since 1970 by the clock of the
 * machine running schemigrate (machines sharing a database need clocks within a lease of each
 * other).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialects/dialect.js';
import { dialectOf } from '../dialects/registry.js';
import { lockTimeoutError, lockTimeoutSeconds } from '../dialects/lock-timeout.js';
import { SchemigrateError } from '../util/errors.js';

/** How long a lease lasts unless SCHEMIGRATE_LOCK_LEASE (seconds) says otherwise. */
const DEFAULT_LEASE_SECONDS = 60;

/** How often to try the row again while another run holds it. */
const POLL_INTERVAL_MS = 250;

/** The one row's id. */
const ROW_ID = 1;

/**
 * The lock table that goes with a version table.
 *
 * @example
 * lockTableName('schemigrate_version'); // 'schemigrate_version_lock'
 */
export function lockTableName(versionTable: string): string {
  return `${versionTable}_lock`;
}

/**
 * Seconds a lease lasts: 60 unless SCHEMIGRATE_LOCK_LEASE says otherwise (a malformed setting
 * is a SchemigrateError). A holder renews it every third of that.
 *
 * @example
 * process.env.SCHEMIGRATE_LOCK_LEASE = '10';
 * leaseSeconds(); // 10
 */
export function leaseSeconds(): number {
  const setting = process.env.SCHEMIGRATE_LOCK_LEASE;
  if (setting === undefined || setting.trim() === '') return DEFAULT_LEASE_SECONDS;
  const seconds = Number(setting);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new SchemigrateError(`SCHEMIGRATE_LOCK_LEASE must be a positive number of seconds, not "${setting}".`);
  }
  return seconds;
}

/**
 * Run `fn` on one connection of `db` while this run holds the lock row of `versionTable`,
 * waiting up to the lock timeout (SCHEMIGRATE_LOCK_TIMEOUT) for another holder to finish or
 * for its lease to run out. The lease is renewed while `fn` runs and the row is given back however `fn` ends. A run whose lease was taken from it (it
 * could not renew in time) fails with LOCK_LOST after `fn`, as another run may have worked
 * alongside it.
 *
 * @example
 * await withTableLock(db, 'schemigrate_version', async (conn) => {
 *   await dialect.runRevision(conn, { transactional: true }, upgrade);
 * });
 */
export async function withTableLock<T>(db: Kysely<any>, versionTable: string, fn: (conn: Kysely<any>) => Promise<T>): Promise<T> {
  const table = lockTableName(versionTable);
  const lease = leaseSeconds() * 1000;
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`.slice(0, 128);
  const dialect = await dialectOf(db);
  await ensureLockRow(db, dialect, table);
  await acquire(db, table, owner, lease, lockTimeoutSeconds());
  let renewal: { stop(): Promise<boolean> } | undefined;
  const giveBack = async (): Promise<boolean> => {
    const lost = (await renewal?.stop()) ?? false;
    await db.updateTable(table).set({ owner: null, expires_at: 0 }).where('id', '=', ROW_ID).where('owner', '=', owner).execute();
    return lost;
  };
  let result: T;
  try {
    result = await db.connection().execute((conn) => {
      // With one connection, another would wait for this run to end. Renewing on the run's own
      // connection is enough there: SQLite's write lock keeps other runs from the row while a
      // revision's transaction (which then commits the renewal too) is open.
      renewal = keepRenewed(dialect.oneConnection ? conn : db, table, owner, lease);
      return fn(conn);
    });
  } catch (error) {
    // The original failure says more than a lost lease or a failed give-back.
    await giveBack().catch(() => undefined);
    throw error;
  }
  if (await giveBack()) {
    throw new SchemigrateError(
      `This run lost the migration lock in ${table}: its lease (${lease / 1000} s) ran out before it could renew it, and another run may have worked alongside it. ` +
        'Run `schemigrate current` to see where the database is, and raise SCHEMIGRATE_LOCK_LEASE if revisions hold the database that long.',
      { code: 'LOCK_LOST' },
    );
  }
  return result;
}

/** Create the table and its row unless another run already has (runs may race to do it). */
async function ensureLockRow(db: Kysely<any>, dialect: Dialect, table: string): Promise<void> {
  if (!(await dialect.tableExists(db, table))) {
    try {
      await db.schema
        .createTable(table)
        .ifNotExists()
        .addColumn('id', 'integer', (column) => column.notNull().primaryKey())
        .addColumn('owner', 'varchar(128)')
        .addColumn('acquired_at', 'bigint', (column) => column.notNull())
        .addColumn('expires_at', 'bigint', (column) => column.notNull())
        .execute();
    } catch (error) {
      // PostgreSQL's `if not exists` is not atomic: a racing run may have created it first.
      if (!(await dialect.tableExists(db, table))) throw error;
    }
  }
  const row = await db.selectFrom(table).select('id').where('id', '=', ROW_ID).executeTakeFirst();
  if (row !== undefined) return;
  try {
    await db.insertInto(table).values({ id: ROW_ID, owner: null, acquired_at: 0, expires_at: 0 }).execute();
  } catch (error) {
    // A racing run inserted it first (a duplicate key).
    if ((await db.selectFrom(table).select('id').where('id', '=', ROW_ID).executeTakeFirst()) === undefined) throw error;
  }
}

/** Take the row: free, or held by a run whose lease has run out. One statement, so atomic. */
async function acquire(db: Kysely<any>, table: string, owner: string, lease: number, timeoutSeconds: number): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const now = Date.now();
    const taken = await db
      .updateTable(table)
      .set({ owner, acquired_at: now, expires_at: now + lease })
      .where('id', '=', ROW_ID)
      .where((eb) => eb.or([eb('owner', 'is', null), eb('expires_at', '<', now)]))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 1) return;
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const holder = await db.selectFrom(table).select(['owner', 'expires_at']).where('id', '=', ROW_ID).executeTakeFirst();
      const until = holder?.expires_at === undefined ? '' : `, lease until ${new Date(Number(holder.expires_at)).toISOString()}`;
      throw lockTimeoutError(timeoutSeconds, `lock row in ${table}, held by ${String(holder?.owner ?? 'nobody')}${until}`);
    }
    await sleep(Math.min(POLL_INTERVAL_MS, remaining));
  }
}

/**
 * Push the lease forward every third of it until `stop()`, which answers whether the lease was
 * lost (the row no longer named this run when renewing). Renewals go through the pool where it
 * has other connections than the run's, so a long statement does not hold them up; a failed
 * renewal is retried at the next tick.
 */
function keepRenewed(db: Kysely<any>, table: string, owner: string, lease: number): { stop(): Promise<boolean> } {
  let lost = false;
  let inFlight: Promise<void> = Promise.resolve();
  const renew = async (): Promise<void> => {
    const now = Date.now();
    const renewed = await db.updateTable(table).set({ expires_at: now + lease }).where('id', '=', ROW_ID).where('owner', '=', owner).executeTakeFirst();
    if (Number(renewed.numUpdatedRows) !== 1) lost = true;
  };
  const timer = setInterval(() => {
    inFlight = inFlight.then(renew).catch(() => undefined);
  }, lease / 3);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
      return lost;
    },
  };
}
