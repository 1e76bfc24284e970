/**
 * What the tests' private servers (private-postgres.ts, private-mariadb.ts, pgbouncer.ts) share:
 * a free port, waiting until a started server answers, stopping it by its PID, and the jest
 * hooks that start one for a test file.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { pollUntil } from './poll.js';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once `child` has exited. */
export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Wait until `answers` resolves (the server takes connections), failing at once if the server
 * exits meanwhile.
 *
 * @example
 * await waitUntilAnswering(server, `the private MariaDB server on port ${port}`, () => ping(url));
 */
export async function waitUntilAnswering(server: ChildProcess, what: string, answers: () => Promise<unknown>): Promise<void> {
  await pollUntil(
    async () => {
      if (server.exitCode !== null || server.signalCode !== null) throw new Error(`${what} exited (${server.exitCode ?? server.signalCode}).`);
      try {
        await answers();
        return true;
      } catch {
        return undefined;
      }
    },
    { what: `${what} to answer`, timeoutMs: 60_000, intervalMs: 100 },
  );
}

/**
 * Stop a server by its PID (SIGTERM, SIGKILL after 30 s) and remove its directory.
 *
 * @example
 * await stopServer(server, dir);
 */
export async function stopServer(server: ChildProcess, dir: string): Promise<void> {
  server.kill('SIGTERM');
  const forceLater = setTimeout(() => server.kill('SIGKILL'), 30_000);
  await exited(server);
  clearTimeout(forceLater);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * After a failed start: kill what was started, remove its directory, and return the error to
 * throw, with the server log's tail.
 *
 * @example
 * throw await failedStart('PostgreSQL', child, dir, error, logTail());
 */
export async function failedStart(what: string, child: ChildProcess | undefined, dir: string, error: unknown, logTail: string): Promise<Error> {
  child?.kill('SIGKILL');
  if (child) await exited(child);
  rmSync(dir, { recursive: true, force: true });
  return new Error(`The private ${what} server did not start: ${error instanceof Error ? error.message : String(error)}\n${logTail}`, { cause: error });
}

/**
 * Register hooks that start a private server before the file's tests and stop it after them.
 * The accessor throws (failing the test) when the server could not start outside CI, after a
 * loud notice; under CI=true `beforeAll` itself fails.
 *
 * @example
 * const server = usePrivateServer('MariaDB', () => startPrivateMariadb(['--sql-mode=']));
 */
export function usePrivateServer<T extends { stop(): Promise<void> }>(what: string, start: () => Promise<T>): () => T {
  let server: T | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      server = await start();
    } catch (error) {
      if (process.env.CI === 'true') throw error;
      failure = error;
      console.warn(`\n*** SKIPPING private ${what} tests: ${error instanceof Error ? error.message : String(error)} ***\n`);
    }
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);
  return () => {
    if (!server) throw new Error(`private ${what} server unavailable (tests skipped): ${String(failure)}`);
    return server;
  };
}
