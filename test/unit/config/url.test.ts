import { maskUrl, parseDatabaseUrl, redact, registerSecret } from '../../../src/config/url.js';
import { SchemigrateError } from '../../../src/util/errors.js';

describe('parseDatabaseUrl', () => {
  it('reads postgres:// and postgresql:// as PostgreSQL, keeping the connection string', () => {
    expect(parseDatabaseUrl('postgres://app@db:5432/app', '/base')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgres://app@db:5432/app',
      display: 'postgres://app@db:5432/app',
    });
    expect(parseDatabaseUrl('postgresql://app@db/app', '/base').dialect).toBe('postgres');
  });

  it('reads mysql:// and mariadb:// as MySQL, rewriting the scheme for mysql2', () => {
    expect(parseDatabaseUrl('mariadb://root@db:3306/app', '/base')).toEqual({
      dialect: 'mysql',
      connectionString: 'mysql://root@db:3306/app',
      display: 'mariadb://root@db:3306/app',
    });
    expect(parseDatabaseUrl('mysql://root@db/app', '/base')).toMatchObject({ connectionString: 'mysql://root@db/app' });
  });

  it('resolves sqlite: and file: paths against the base folder and keeps :memory:', () => {
    expect(parseDatabaseUrl('sqlite:./dev.sqlite3', '/app')).toEqual({
      dialect: 'sqlite',
      filename: '/app/dev.sqlite3',
      display: 'sqlite:./dev.sqlite3',
    });
    expect(parseDatabaseUrl('sqlite:data/dev.db', '/app')).toMatchObject({ filename: '/app/data/dev.db' });
    expect(parseDatabaseUrl('sqlite:///var/db/app.db', '/app')).toMatchObject({ filename: '/var/db/app.db' });
    expect(parseDatabaseUrl('file:../shared.db', '/app/sub')).toMatchObject({ filename: '/app/shared.db' });
    expect(parseDatabaseUrl('sqlite::memory:', '/app')).toMatchObject({ dialect: 'sqlite', filename: ':memory:' });
  });

  it('masks the password in display', () => {
    expect(parseDatabaseUrl('postgres://app:hunter22@db/app', '/').display).toBe('postgres://app:***@db/app');
  });

  it('rejects an unknown scheme, naming the accepted forms without echoing the password', () => {
    const attempt = () => parseDatabaseUrl('mongodb://admin:topsecret1@db/app', '/');
    expect(attempt).toThrow(SchemigrateError);
    expect(attempt).toThrow(/postgres:\/\/.*mysql:\/\/.*sqlite:<path>.*sqlite::memory:.*file:<path>/);
    expect(attempt).toThrow(/mongodb:\/\/admin:\*\*\*@db\/app/);
    expect(attempt).not.toThrow(/topsecret1/);
  });

  it('rejects a path-less sqlite URL and a scheme-less string', () => {
    expect(() => parseDatabaseUrl('sqlite:', '/')).toThrow(/no file path/);
    expect(() => parseDatabaseUrl('dev.sqlite3', '/')).toThrow(/Unrecognised database URL 'dev.sqlite3'/);
  });
});

describe('maskUrl', () => {
  it('replaces only the password', () => {
    expect(maskUrl('mysql://root:pw%40x@localhost:3306/db')).toBe('mysql://root:***@localhost:3306/db');
    expect(maskUrl('postgres://app@localhost/db')).toBe('postgres://app@localhost/db');
    expect(maskUrl('sqlite:./dev.sqlite3')).toBe('sqlite:./dev.sqlite3');
  });
});

describe('redact', () => {
  it('masks every URL password in arbitrary text', () => {
    const text = 'tried postgres://a:one1@h1/db then mysql://b:two2@h2/db; giving up';
    expect(redact(text)).toBe('tried postgres://a:***@h1/db then mysql://b:***@h2/db; giving up');
  });

  it('masks a password registered by parseDatabaseUrl when a driver echoes it bare', () => {
    parseDatabaseUrl('postgres://app:Sup3r-Secret@db/app', '/');
    const driverMessage = 'password authentication failed for user "app" (password "Sup3r-Secret" rejected)';
    expect(redact(driverMessage)).toBe('password authentication failed for user "app" (password "***" rejected)');
  });

  it('masks a password holding an unencoded @ up to the last @ before the host', () => {
    expect(redact('at postgres://u:p@ss@db/app, see bob@example.com')).toBe('at postgres://u:***@db/app, see bob@example.com');
    expect(maskUrl('postgres://u:p@ss@db/app')).toBe('postgres://u:***@db/app');
  });

  it('masks the URL-encoded and decoded forms of a registered password', () => {
    parseDatabaseUrl('postgres://app:p%40ss%2Fword@db/app', '/');
    expect(redact('login p@ss/word failed')).toBe('login *** failed');
    expect(redact('url was app:p%40ss%2Fword@db')).not.toContain('p%40ss');
  });

  it('masks secrets registered directly, and leaves other text alone', () => {
    registerSecret('token-abc-123');
    expect(redact('Bearer token-abc-123 refused')).toBe('Bearer *** refused');
    expect(redact('nothing secret here')).toBe('nothing secret here');
  });
});
