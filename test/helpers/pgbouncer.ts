/**
 * A private PgBouncer in transaction pooling mode in front of the test PostgreSQL server: its
 * own ini and user list in a temp folder, its own free port, stopped by its process id. Missing
 * pgbouncer skips with a loud notice, except under CI (CI=true), where it fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { POSTGRES_URL } from './databases.js';
import { freePort } from './private-server.js';

const BINARY = '/usr/sbin/pgbouncer';

export interface PgBouncer {
  /** `url` (a database on the test server) as reached through this PgBouncer. */
  through(url: string): string;
  stop(): Promise<void>;
}

/** Whether pgbouncer is installed; under CI its absence throws. */
export function pgbouncerInstalled(): boolean {
  const found = spawnSync(BINARY, ['--version']).status === 0;
  if (!found) {
    if (process.env.CI === 'true') throw new Error(`${BINARY} is missing, and CI requires it (apt-get install -y pgbouncer).`);
    console.warn(`\n*** SKIPPING PgBouncer tests: ${BINARY} is not installed (apt-get install -y pgbouncer). ***\n`);
  }
  return found;
}

/**
 * Start PgBouncer with `pool_mode=transaction` and a small server pool (so that clients'
 * transactions really share server connections), and wait until it answers.
 *
 * @example
 * const bouncer = await startPgBouncer();
 * try { … bouncer.through(database.url) … } finally { await bouncer.stop(); }
 */
export async function startPgBouncer(): Promise<PgBouncer> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-pgbouncer-'));
  // PgBouncer refuses to run as root: it runs as postgres, which must read its files.
  chmodSync(dir, 0o755);
  const server = new URL(POSTGRES_URL);
  const port = await freePort();
  writeFileSync(join(dir, 'userlist.txt'), `"${decodeURIComponent(server.username) || 'postgres'}" ""\n`);
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'auth_type = trust',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      'default_pool_size = 3',
      'max_client_conn = 500',
      'unix_socket_dir =',
      '',
    ].join('\n'),
  );
  const asRoot = process.getuid?.() === 0;
  const child: ChildProcess = spawn(BINARY, [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], { stdio: 'ignore' });
  const through = (url: string): string => {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(port);
    return parsed.toString();
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(child.pid, 'SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: through(POSTGRES_URL), connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return { through, stop };
    } catch (error) {
      await client.end().catch(() => undefined);
      if (attempt >= 40 || child.exitCode !== null) {
        await stop();
        throw new Error(`PgBouncer did not come up on port ${port}: ${(error as Error).message}`);
      }
      await sleep(250);
    }
  }
}
