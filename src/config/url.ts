/**
 * Database URLs: which dialect a URL names, and how to show it without its password
 * (`redact.ts`).
 */
import { isAbsolute, resolve } from 'node:path';
import { SchemigrateError } from '../util/errors.js';
import { maskUrl, registerSecret, urlPasswords } from './redact.js';

export type DialectName = 'sqlite' | 'postgres' | 'mysql';

export type DatabaseUrl =
  | { readonly dialect: 'sqlite'; readonly filename: string; readonly display: string }
  | { readonly dialect: 'postgres' | 'mysql'; readonly connectionString: string; readonly display: string };

const ACCEPTED_FORMS =
  'postgres://…, postgresql://…, mysql://…, mariadb://…, sqlite:<path>, sqlite::memory: or file:<path>';

function sqliteUrl(path: string, baseDir: string, display: string): DatabaseUrl {
  if (path === '') {
    throw new SchemigrateError(`The database URL '${display}' has no file path; write sqlite:./dev.sqlite3 or sqlite::memory:.`, { code: 'INVALID_URL' });
  }
  const filename = path === ':memory:' ? path : isAbsolute(path) ? path : resolve(baseDir, path);
  return { dialect: 'sqlite', filename, display };
}

/** Whether each part mysql2 percent-decodes can be decoded (it throws `URI malformed` otherwise). */
function decodable(url: URL): boolean {
  try {
    [url.username, url.password, url.hostname, url.pathname].forEach((part) => decodeURIComponent(part));
    return true;
  } catch {
    return false;
  }
}

/**
 * The URL as the driver reads it, or a clear error: pg and mysql2 parse a URL with WHATWG
 * `URL` (pg retries an empty host, `user@/db`, with a placeholder; mysql2 percent-decodes the
 * parts). An unencoded `/`, `?` or `#` in the password is the usual reason it cannot.
 */
function checkServerUrl(connectionString: string, dialect: 'postgres' | 'mysql', display: string): void {
  const readable =
    dialect === 'postgres'
      ? URL.canParse(connectionString) || URL.canParse(connectionString.replace('@/', '@placeholder/'))
      : URL.canParse(connectionString) && decodable(new URL(connectionString));
  if (readable) return;
  throw new SchemigrateError(
    `The database URL '${display}' is not a valid URL. Percent-encode the special characters of the user name and ` +
      'password (as encodeURIComponent does: / is %2F, ? is %3F, # is %23, @ is %40, : is %3A, % is %25).', { code: 'INVALID_URL' },
  );
}

/** A PostgreSQL or MySQL URL, checked to be readable by its driver. */
function serverUrl(dialect: 'postgres' | 'mysql', connectionString: string, display: string): DatabaseUrl {
  checkServerUrl(connectionString, dialect, display);
  return { dialect, connectionString, display };
}

/**
 * Which dialect a database URL names, and how to connect to it. SQLite paths are resolved
 * against `baseDir` (the config file's folder); a server URL its driver cannot read is refused.
 * Its passwords (user info, `?password=`), as typed and decoded, are registered with
 * `registerSecret` first, so that no later message shows them.
 *
 * @example
 * parseDatabaseUrl('sqlite:./dev.sqlite3', '/app');
 * // { dialect: 'sqlite', filename: '/app/dev.sqlite3', display: 'sqlite:./dev.sqlite3' }
 */
export function parseDatabaseUrl(url: string, baseDir: string): DatabaseUrl {
  const trimmed = url.trim();
  for (const password of urlPasswords(trimmed)) registerSecret(password);
  const display = maskUrl(trimmed);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();

  switch (scheme) {
    case 'postgres':
    case 'postgresql':
      if (!trimmed.includes('://')) break;
      return serverUrl('postgres', trimmed, display);
    case 'mysql':
    case 'mariadb':
      if (!trimmed.includes('://')) break;
      // mysql2 only understands the mysql:// scheme.
      return serverUrl('mysql', trimmed.replace(/^[a-z]+:/i, 'mysql:'), display);
    case 'sqlite':
      return sqliteUrl(trimmed.slice('sqlite:'.length).replace(/^\/\//, ''), baseDir, display);
    case 'file':
      return sqliteUrl(trimmed.slice('file:'.length).replace(/^\/\//, ''), baseDir, display);
  }
  throw new SchemigrateError(`Unrecognised database URL '${display}'. Accepted forms: ${ACCEPTED_FORMS}.`, { code: 'INVALID_URL' });
}
