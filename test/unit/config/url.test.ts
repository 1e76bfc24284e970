import { maskUrl, redact, registerSecret, urlPasswords } from '../../../src/config/redact.js';
import { parseDatabaseUrl } from '../../../src/config/url.js';
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

  it('refuses a server URL its driver cannot read, naming the fix and never the password', () => {
    for (const url of ['postgres://app:Pa/ss?w0rd@db/app', 'mysql://app:Pa#ss/w0rd@db/app', 'mysql://app:Pa%zzw0rd@db/app']) {
      const attempt = () => parseDatabaseUrl(url, '/');
      expect(attempt).toThrow(SchemigrateError);
      expect(attempt).toThrow(/is not a valid URL\. Percent-encode .* \/ is %2F/);
      expect(attempt).toThrow(/'(postgres|mysql):\/\/app:\*\*\*@db\/app'/);
      expect(attempt).not.toThrow(/w0rd/);
    }
    // What the drivers do read: spaces (pg and URL encode them), pg's empty host.
    expect(parseDatabaseUrl('mysql://app:Pa ss@db/app', '/').display).toBe('mysql://app:***@db/app');
    expect(parseDatabaseUrl('postgres://app:pw0rd@/app?host=/var/run/postgresql', '/').dialect).toBe('postgres');
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
    expect(maskUrl('postgres://app:@localhost/db')).toBe('postgres://app:@localhost/db');
    expect(maskUrl('sqlite:./dev.sqlite3')).toBe('sqlite:./dev.sqlite3');
  });

  it('masks a password with unencoded /, ?, #, @, : and spaces whole, up to the @ before the host', () => {
    for (const password of ['p/w', 'p?w', 'p#w', 'p@ss', 'p:w', 'p w', '12/34', 'a/b?c@d', 'x@y/z']) {
      expect(maskUrl(`postgres://u:${password}@db.example:5432/app?sslmode=require`)).toBe('postgres://u:***@db.example:5432/app?sslmode=require');
      expect(maskUrl(`mysql://u:${password}@db.example/app`)).toBe('mysql://u:***@db.example/app');
    }
  });

  it('keeps an @ in the path or query of a URL whose password needs no separator guessing', () => {
    expect(maskUrl('postgres://u:pw@h/db?application_name=a@b')).toBe('postgres://u:***@h/db?application_name=a@b');
    expect(maskUrl('postgres://h/db?application_name=a@b')).toBe('postgres://h/db?application_name=a@b');
  });

  it('masks password query parameters: pg reads password, mysql2 password1-3 and passwordSha1', () => {
    expect(maskUrl('postgres://u@h/db?password=qs3cret')).toBe('postgres://u@h/db?password=***');
    expect(maskUrl('postgres://u@h/db?sslmode=require&password=qs3cret&connect_timeout=5')).toBe(
      'postgres://u@h/db?sslmode=require&password=***&connect_timeout=5',
    );
    expect(maskUrl('mysql://u@h/db?password1=a1b2c3&password2=%22d4e5%22&passwordSha1=f6&passwd=g7')).toBe(
      'mysql://u@h/db?password1=***&password2=***&passwordSha1=***&passwd=***',
    );
    // An & inside the value does not end it; the next name= does.
    expect(maskUrl('postgres://u@h/db?PASSWORD=a&b c&ssl=true')).toBe('postgres://u@h/db?PASSWORD=***&ssl=true');
    expect(maskUrl('mysql://u:pw@h/db?password=a:b@c')).toBe('mysql://u:***@h/db?password=***');
    expect(maskUrl('mysql://h/db?password=a:b@c')).toBe('mysql://h/db?password=***');
  });
});

describe('urlPasswords', () => {
  it('lists each password as typed and as the drivers decode it', () => {
    expect(urlPasswords('postgres://app:p%40ss@db/app?password=x%2By+z')).toEqual(['p%40ss', 'p@ss', 'x%2By+z', 'x+y+z', 'x+y z']);
    expect(urlPasswords('mysql://app@db/app?password1=%22q%20r%22')).toEqual(['%22q%20r%22', '"q r"', 'q r']);
    expect(urlPasswords('postgres://app:p%zz@db/app')).toEqual(['p%zz']);
    expect(urlPasswords('postgres://app@db/app')).toEqual([]);
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

  it('masks every password form of a parsed URL, in the spellings drivers and URLs give it', () => {
    const { display } = parseDatabaseUrl('postgres://app:Pa ss%2Fw0rd"\\x@db/app?password=Qu3ry+pw', '/');
    expect(display).toBe('postgres://app:***@db/app?password=***');
    for (const form of ['Pa ss/w0rd"\\x', 'Pa%20ss%2Fw0rd%22%5Cx', 'Pa%20ss%2fw0rd%22%5cx', 'Pa+ss%2Fw0rd%22%5Cx', 'Pa%20ss/w0rd%22%5Cx', 'Pa ss/w0rd\\"\\\\x', 'Qu3ry pw', 'Qu3ry+pw', 'Qu3ry%20pw']) {
      expect(redact(`driver said: ${form}.`)).toBe('driver said: ***.');
    }
  });

  it('masks URL passwords in running text: user info, query parameters, and a spaced password once registered', () => {
    expect(redact('tried mysql://b@h2/db?password1=two2&x=1, and postgres://u:a/b@h/db')).toBe(
      'tried mysql://b@h2/db?password1=***&x=1, and postgres://u:***@h/db',
    );
    expect(redact('(see mysql://h/db?passwd=abc). Or postgres://h/db?password=***: refused')).toBe(
      '(see mysql://h/db?passwd=***). Or postgres://h/db?password=***: refused',
    );
    parseDatabaseUrl('postgres://u:with spaces!@h/db', '/');
    expect(redact('at postgres://u:with spaces!@h/db: refused')).toBe('at postgres://u:***@h/db: refused');
  });

  it('masks secrets registered directly, and leaves other text alone', () => {
    registerSecret('token-abc-123');
    expect(redact('Bearer token-abc-123 refused')).toBe('Bearer *** refused');
    expect(redact('nothing secret here')).toBe('nothing secret here');
  });
});
