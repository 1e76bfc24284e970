/**
 * A PostgreSQL server of the test's own, for tests that need server settings the shared server
 * (5432) must keep (a small lock table): a cluster initialised into a temp directory, started
 * on a free port bound to 127.0.0.1 with trust authentication, and stopped by its PID. As root
 * (PostgreSQL refuses to run as root) both run as the `postgres` user.
 *
 * A server that cannot start skips the tests with a loud notice, except under CI (CI=true),
 * where it fails them, as an unreachable shared server does (databases.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, closeSync, existsSync, openSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { failedStart, freePort, stopServer, usePrivateServer, waitUntilAnswering } from './private-server.js';

export interface PrivatePostgres {
  readonly pid: number;
  /** `postgres://postgres@127.0.0.1:<port>/<database>`. */
  urlOf(database: string): string;
  /** Create an empty database and return its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stop the server (SIGTERM, then SIGKILL) and remove its data directory. */
  stop(): Promise<void>;
}

/** The newest installed server's bin directory (Debian: /usr/lib/postgresql/<major>/bin). */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))) : [];
  if (majors.length === 0) throw new Error(`No PostgreSQL server binaries under ${root}.`);
  return join(root, majors.sort((a, b) => Number(b) - Number(a))[0]!, 'bin');
}

/** As root: the `postgres` user's ids, to run the server as (and own its directory). */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const ids = { uid: id('-u'), gid: id('-g') };
  if (!Number.isInteger(ids.uid) || ids.uid === 0) throw new Error('Running as root, and there is no `postgres` user to run the server as.');
  return ids;
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Initialise and start a server with these settings (`-c name=value` each), and wait until it
 * answers.
 *
 * @example
 * const server = await startPrivatePostgres({ max_locks_per_transaction: '10' });
 * try { … await server.createDatabase('app') … } finally { await server.stop(); }
 */
export async function startPrivatePostgres(settings: Record<string, string> = {}): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-postgres-'));
  const datadir = join(dir, 'data');
  const log = join(dir, 'server.log');
  const logTail = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '(no server log)');
  let child: ChildProcess | undefined;
  try {
    const user = runAs();
    if (user) chownSync(dir, user.uid, user.gid);
    const bin = binDir();
    const init = spawnSync(join(bin, 'initdb'), ['-D', datadir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'], {
      encoding: 'utf8',
      timeout: 120_000,
      ...user,
    });
    if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);
    const port = await freePort();
    const options = Object.entries({ listen_addresses: '127.0.0.1', unix_socket_directories: dir, fsync: 'off', logging_collector: 'off', ...settings });
    const logFile = openSync(log, 'w');
    const server = spawn(join(bin, 'postgres'), ['-D', datadir, '-p', String(port), ...options.flatMap(([name, value]) => ['-c', `${name}=${value}`])], {
      stdio: ['ignore', 'ignore', logFile],
      ...user,
    });
    closeSync(logFile);
    child = server;
    const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
    await waitUntilAnswering(server, `the private PostgreSQL server on port ${port}`, () => onServer(urlOf('postgres'), 'select 1'));
    return {
      pid: server.pid!,
      urlOf,
      async createDatabase(name) {
        await onServer(urlOf('postgres'), `create database "${name}"`);
        return urlOf(name);
      },
      stop: () => stopServer(server, dir),
    };
  } catch (error) {
    throw await failedStart('PostgreSQL', child, dir, error, logTail());
  }
}

/**
 * Start a private server with these settings before the file's tests and stop it after them
 * (`usePrivateServer`).
 *
 * @example
 * const server = usePrivatePostgres({ max_locks_per_transaction: '10' });
 * test('…', async () => { const url = await server().createDatabase('app'); … });
 */
export function usePrivatePostgres(settings: Record<string, string> = {}): () => PrivatePostgres {
  return usePrivateServer('PostgreSQL', () => startPrivatePostgres(settings));
}
