/**
 * Which server a connection talks to. MySQL 8 and MariaDB differ in how they print defaults,
 * which catalog columns exist and what DDL they accept; the `version()` string tells them apart.
 */
import { sql, type Kysely } from 'kysely';

export interface ServerVersion {
  readonly flavor: 'mysql' | 'mariadb';
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/**
 * Parse `select version()`, e.g. `10.11.19-MariaDB-0+deb12u1` or `8.0.36`.
 *
 * @example
 * parseServerVersion('10.11.19-MariaDB-0+deb12u1'); // → { flavor: 'mariadb', major: 10, minor: 11, patch: 19 }
 */
export function parseServerVersion(text: string): ServerVersion {
  const [major = 0, minor = 0, patch = 0] = (/^(\d+)\.(\d+)\.(\d+)/.exec(text) ?? []).slice(1).map(Number);
  return { flavor: /mariadb/i.test(text) ? 'mariadb' : 'mysql', major, minor, patch };
}

/**
 * Whether `server` is MySQL (not MariaDB) at `major.minor.patch` or later.
 *
 * @example
 * isMysqlAtLeast(server, 8, 0, 16); // CHECK constraints are enforced
 */
export function isMysqlAtLeast(server: ServerVersion, major: number, minor: number, patch: number): boolean {
  if (server.flavor !== 'mysql') return false;
  const have = [server.major, server.minor, server.patch];
  const want = [major, minor, patch];
  for (let i = 0; i < 3; i++) if (have[i] !== want[i]) return have[i]! > want[i]!;
  return true;
}

/**
 * The server's version, read with one query.
 *
 * @example
 * const server = await selectServerVersion(db);
 */
export async function selectServerVersion(db: Kysely<any>): Promise<ServerVersion> {
  const { rows } = await sql<{ version: string }>`select version() as \`version\``.execute(db);
  return parseServerVersion(rows[0]!.version);
}

let lastConnected: ServerVersion | undefined;

/**
 * Remember the server the last `connect` reached: `validate` checks a schema without a
 * connection, yet what MySQL 8 accepts (expression indexes) MariaDB refuses.
 *
 * @example
 * rememberServer(await selectServerVersion(db));
 */
export function rememberServer(server: ServerVersion): void {
  lastConnected = server;
}

/**
 * The server the last `connect` reached; MariaDB, the stricter one, when none has yet.
 *
 * @example
 * if (connectedServer().flavor === 'mariadb') …
 */
export function connectedServer(): ServerVersion {
  return lastConnected ?? { flavor: 'mariadb', major: 10, minor: 11, patch: 0 };
}
