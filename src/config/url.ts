/**
 * Database URLs: which dialect a URL names, and how to show it without its password.
 */
import { isAbsolute, resolve } from 'node:path';
import { SchemigrateError } from '../util/errors.js';

export type DialectName = 'sqlite' | 'postgres' | 'mysql';

export type DatabaseUrl =
  | { readonly dialect: 'sqlite'; readonly filename: string; readonly display: string }
  | { readonly dialect: 'postgres' | 'mysql'; readonly connectionString: string; readonly display: string };

const ACCEPTED_FORMS =
  'postgres://…, postgresql://…, mysql://…, mariadb://…, sqlite:<path>, sqlite::memory: or file:<path>';

/** Passwords seen in URLs this process parsed; driver errors may echo them without the URL around them. */
const secrets = new Set<string>();

/**
 * Remember a secret so that {@link redact} masks it wherever it appears.
 *
 * @example
 * registerSecret(process.env.PGPASSWORD ?? '');
 */
export function registerSecret(secret: string): void {
  // Very short strings would mask ordinary words in every message.
  if (secret.length >= 3) secrets.add(secret);
}

/**
 * Replace the password of every `scheme://user:password@` URL in `text`, and every registered
 * secret, with `***`.
 *
 * @example
 * redact('connect to postgres://app:s3cret@db/app failed'); // 'connect to postgres://app:***@db/app failed'
 */
export function redact(text: string): string {
  let masked = text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)([^\s/]+)@/gi, '$1***@');
  // Longest first, so that a secret containing another is masked whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    masked = masked.split(secret).join('***');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) masked = masked.split(encoded).join('***');
  }
  return masked;
}

/**
 * A URL with its password shown as `***`.
 *
 * @example
 * maskUrl('postgres://app:s3cret@localhost/app'); // 'postgres://app:***@localhost/app'
 */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)([^\s/]*)@/i, (_, head: string, password: string) =>
    password === '' ? `${head}@` : `${head}***@`,
  );
}

/** The raw password of a server URL, if it has one. */
function passwordOf(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s/]+)@/i.exec(url);
  if (match === null) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1];
  }
}

function sqliteUrl(path: string, baseDir: string, display: string): DatabaseUrl {
  if (path === '') {
    throw new SchemigrateError(`The database URL '${display}' has no file path; write sqlite:./dev.sqlite3 or sqlite::memory:.`);
  }
  const filename = path === ':memory:' ? path : isAbsolute(path) ? path : resolve(baseDir, path);
  return { dialect: 'sqlite', filename, display };
}

/**
 * Which dialect a database URL names, and how to connect to it. SQLite paths are resolved
 * against `baseDir` (the config file's folder). The password, if any, is registered with
 * {@link registerSecret} so that later driver messages never show it.
 *
 * @example
 * parseDatabaseUrl('sqlite:./dev.sqlite3', '/app');
 * // { dialect: 'sqlite', filename: '/app/dev.sqlite3', display: 'sqlite:./dev.sqlite3' }
 */
export function parseDatabaseUrl(url: string, baseDir: string): DatabaseUrl {
  const trimmed = url.trim();
  const password = passwordOf(trimmed);
  if (password !== undefined) registerSecret(password);
  const display = maskUrl(trimmed);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();

  switch (scheme) {
    case 'postgres':
    case 'postgresql':
      if (!trimmed.includes('://')) break;
      return { dialect: 'postgres', connectionString: trimmed, display };
    case 'mysql':
    case 'mariadb':
      if (!trimmed.includes('://')) break;
      // mysql2 only understands the mysql:// scheme.
      return { dialect: 'mysql', connectionString: trimmed.replace(/^[a-z]+:/i, 'mysql:'), display };
    case 'sqlite':
      return sqliteUrl(trimmed.slice('sqlite:'.length).replace(/^\/\//, ''), baseDir, display);
    case 'file':
      return sqliteUrl(trimmed.slice('file:'.length).replace(/^\/\//, ''), baseDir, display);
  }
  throw new SchemigrateError(`Unrecognised database URL '${display}'. Accepted forms: ${ACCEPTED_FORMS}.`);
}
