/**
 * A MariaDB server of the test's own, for tests that need server settings the shared server
 * (3306) must keep (its global `sql_mode`, a global read lock): installed into a temp data
 * directory, started on a free port bound to 127.0.0.1 without grant tables (root, no
 * password), and stopped by its PID.
 *
 * A server that cannot start skips the tests with a loud notice, except under CI (CI=true),
 * where it fails them, as an unreachable shared server does (databases.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import mysql from 'mysql2/promise';
import { failedStart, freePort, stopServer, usePrivateServer, waitUntilAnswering } from './private-server.js';

export interface PrivateMariadb {
  /** `mysql://root@127.0.0.1:<port>`, naming no database. */
  readonly serverUrl: string;
  readonly pid: number;
  /** A URL for `database` on this server. */
  urlOf(database: string): string;
  /** Stop the server (SIGTERM, then SIGKILL) and remove its data directory. */
  stop(): Promise<void>;
}

const SEARCH_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/mysql/bin'];

/** The first of `names` found on PATH or in the usual sbin folders. */
function findProgram(...names: string[]): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...SEARCH_DIRS].filter(Boolean);
  for (const name of names) for (const dir of dirs) if (existsSync(join(dir, name))) return join(dir, name);
  throw new Error(`None of ${names.join(', ')} is installed.`);
}

/** mariadbd refuses to run as root unless told to. */
const asUser = (): string[] => (process.getuid?.() === 0 ? ['--user=root'] : []);

/**
 * Install and start a server whose extra options are `options` (e.g. `["--sql-mode="]`), and
 * wait until it answers.
 *
 * @example
 * const server = await startPrivateMariadb(['--sql-mode=']);
 * try { … server.urlOf('app') … } finally { await server.stop(); }
 */
export async function startPrivateMariadb(options: readonly string[] = []): Promise<PrivateMariadb> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-mariadb-'));
  const datadir = join(dir, 'data');
  const errorLog = join(dir, 'error.log');
  const logTail = () => (existsSync(errorLog) ? readFileSync(errorLog, 'utf8').split('\n').slice(-15).join('\n') : '(no error log)');
  let child: ChildProcess | undefined;
  try {
    const install = spawnSync(
      findProgram('mariadb-install-db', 'mysql_install_db'),
      ['--no-defaults', `--datadir=${datadir}`, '--skip-test-db', '--auth-root-authentication-method=normal', ...asUser()],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (install.status !== 0) throw new Error(`mariadb-install-db failed (${install.status}): ${install.stderr || install.stdout}`);
    const port = await freePort();
    const server = spawn(
      findProgram('mariadbd', 'mysqld'),
      [
        '--no-defaults',
        ...asUser(),
        `--datadir=${datadir}`,
        `--socket=${join(dir, 'mysqld.sock')}`,
        `--pid-file=${join(dir, 'mysqld.pid')}`,
        `--log-error=${errorLog}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        '--skip-grant-tables',
        // As Debian's packaged server (and the shared test server) is configured.
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_general_ci',
        '--innodb-buffer-pool-size=32M',
        ...options,
      ],
      { stdio: 'ignore' },
    );
    child = server;
    const serverUrl = `mysql://root@127.0.0.1:${port}`;
    await waitUntilAnswering(server, `the private MariaDB server on port ${port}`, async () => (await mysql.createConnection({ uri: serverUrl, connectTimeout: 2000 })).end());
    return {
      serverUrl,
      pid: server.pid!,
      urlOf: (database) => `${serverUrl}/${database}`,
      stop: () => stopServer(server, dir),
    };
  } catch (error) {
    throw await failedStart('MariaDB', child, dir, error, logTail());
  }
}

/**
 * Start a private server with these options before the file's tests and stop it after them
 * (`usePrivateServer`).
 *
 * @example
 * const server = usePrivateMariadb(['--sql-mode=']);
 * test('…', async () => { … server().urlOf('app') … });
 */
export function usePrivateMariadb(options: readonly string[] = []): () => PrivateMariadb {
  return usePrivateServer('MariaDB', () => startPrivateMariadb(options));
}
