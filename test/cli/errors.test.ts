/**
 * SPEC §10, item by item, through the built binary: each bad input ends with a clear message
 * on stderr, exit status 1, no stack trace, and nothing changed — every file of the project
 * (the SQLite database included) is byte for byte what it was. Connection failures end within
 * the connect timeout and never show the password, driver errors and `--verbose` included.
 * (The failed migration is covered in cli.test.ts.)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli, spawnCli, type Run } from '../helpers/cli.js';

/** Both server dialects give up on a connection after 10 s (src/dialects/{postgres,mysql}/connect.ts). */
const CONNECT_TIMEOUT_MS = 10_000;
/** Node start-up and module loading on a busy machine. */
const STARTUP_SLACK_MS = 8_000;

/** Every file under `dir` with a hash of its bytes: "nothing changed" is this staying equal. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return files;
}

/** The run failed as SPEC §10 asks: exit status 1, one paragraph matching `message`, no stack. */
function expectCleanFailure(run: Run, message: RegExp): void {
  expect(run.stderr).toMatch(message);
  expect(run.status).toBe(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
}

function revisionSource(id: string, down: string | null, body = ''): string {
  return `/**\n * ${id}\n */\nimport { sql, type Kysely } from 'schemigrate';\n\n` +
    `export const revision = '${id}';\nexport const downRevision: string | string[] | null = ${down === null ? 'null' : `'${down}'`};\n` +
    `export const branchLabels: string[] | null = null;\nexport const dependsOn: string[] | null = null;\n\n` +
    `export async function upgrade(db: Kysely<any>): Promise<void> {\n  void sql; void db;${body}\n}\n\n` +
    `export async function downgrade(db: Kysely<any>): Promise<void> {\n  void db;\n}\n`;
}

describe('bad input on a migrated SQLite project changes nothing', () => {
  let dir: string;
  const versions = () => join(dir, 'migrations/versions');
  const addRevision = (file: string, source: string) => writeFileSync(join(versions(), file), source);
  const removeFile = (file: string) => rmSync(join(versions(), file));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-errors-'));
    expect(runCli(dir, 'init').status).toBe(0);
    expect(runCli(dir, 'revision', '-m', 'create users', '--autogenerate', '--rev-id', 'abcd00000001').status).toBe(0);
    addRevision('abcd00000002_second.ts', revisionSource('abcd00000002', 'abcd00000001'));
    expect(runCli(dir, 'upgrade', 'head').status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Run `schemigrate <args>`, expect a clean failure, and that no file changed. */
  function expectRefused(args: readonly string[], message: RegExp): Run {
    const before = snapshot(dir);
    const run = runCli(dir, ...args);
    expectCleanFailure(run, message);
    expect(snapshot(dir)).toEqual(before);
    return run;
  }

  test('no config found: says where it looked and suggests init', () => {
    const empty = mkdtempSync(join(tmpdir(), 'sg-errors-empty-'));
    try {
      for (const command of [['upgrade', 'head'], ['stamp', 'head'], ['check'], ['current']]) {
        const run = runCli(empty, ...command);
        expectCleanFailure(run, /No schemigrate config found: looked for schemigrate\.config\.\w+.* in .*schemigrate init/);
        expect(run.stderr).toContain(empty);
      }
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test('a barrel that fails to import: file, line and message', () => {
    const barrel = join(dir, 'src/db/schema/index.ts');
    const original = readFileSync(barrel, 'utf8');
    try {
      writeFileSync(barrel, `${original}\nthrow new Error('barrel exploded');\n`);
      const line = original.split('\n').length + 1;
      for (const args of [['revision', '-m', 'x', '--autogenerate'], ['check']]) {
        const run = expectRefused(args, /barrel exploded/);
        expect(run.stderr).toContain(`index.ts:${line}`);
      }
      // The stack trace too points at the line as written, not at the transformed code's.
      expect(runCli(dir, 'check', '--verbose').stderr).toMatch(new RegExp(`at .*index\\.ts:${line}:\\d+\\)?\\n`));
      writeFileSync(barrel, `${original}\nexport const broken = ;\n`);
      expectRefused(['check'], /index\.ts:\d+.*(Unexpected|Expression expected|Syntax)/i);
    } finally {
      writeFileSync(barrel, original);
    }
  });

  test('a barrel that exports no table', () => {
    const barrel = join(dir, 'src/db/schema/index.ts');
    const original = readFileSync(barrel, 'utf8');
    try {
      writeFileSync(barrel, 'export const notATable = 1;\n');
      expectRefused(['revision', '-m', 'x', '--autogenerate'], /The schema barrel src\/db\/schema\/index\.ts exports no table/);
      expectRefused(['check'], /exports no table/);
    } finally {
      writeFileSync(barrel, original);
    }
  });

  test('a schema SQLite cannot express in many places: the first five named, the rest counted, in one paragraph', () => {
    const barrel = join(dir, 'src/db/schema/index.ts');
    const original = readFileSync(barrel, 'utf8');
    try {
      const tables = Array.from({ length: 12 }, (_, i) => `export const t${i} = table('t${i}', { id: bigint().primaryKey().autoIncrement() });`);
      writeFileSync(barrel, `import { table, bigint } from 'schemigrate';\n${tables.join('\n')}\n`);
      const run = expectRefused(['revision', '-m', 'x', '--autogenerate'], /uses what sqlite cannot express: .* and 7 more like these\.$/m);
      expect(run.stderr.match(/\bt\d+\b/g)?.length).toBe(5);
    } finally {
      writeFileSync(barrel, original);
    }
  });

  test('unknown, ambiguous and malformed revisions', () => {
    for (const command of ['upgrade', 'downgrade', 'stamp', 'show']) expectRefused([command, 'ffff'], /Unknown revision 'ffff'/);
    expectRefused(['upgrade', 'abcd'], /The revision prefix 'abcd' is ambiguous: it matches abcd00000001, abcd00000002/);
    expectRefused(['upgrade', 'head+x'], /Unknown revision 'head\+x'/);
    expectRefused(['upgrade', '@head'], /Unknown revision '@head'/);
    expectRefused(['downgrade', 'abcd00000001-5'], /Cannot move 5 step\(s\) below abcd00000001/);
    expectRefused(['upgrade', 'a:b:c', '--sql'], /Invalid range 'a:b:c'/);
  });

  test('several heads where one is needed', () => {
    addRevision('abcd00000003_other.ts', revisionSource('abcd00000003', 'abcd00000001'));
    try {
      expectRefused(['upgrade', 'head'], /2 heads.*abcd00000002.*abcd00000003/);
      expectRefused(['revision', '-m', 'where'], /2 heads/);
    } finally {
      removeFile('abcd00000003_other.ts');
    }
  });

  test('a cycle, a missing parent, a duplicate ID in versions/, each naming the files', () => {
    const cases: [string, string, RegExp][] = [
      ['eeee00000001_loop.ts', revisionSource('eeee00000001', 'eeee00000002'), /cycle/],
      ['eeee00000002_loop.ts', revisionSource('eeee00000002', 'eeee00000001'), /cycle: .*eeee0000000[12].*eeee0000000[12]/],
    ];
    addRevision(cases[0]![0], cases[0]![1]);
    addRevision(cases[1]![0], cases[1]![1]);
    try {
      for (const args of [['history'], ['upgrade', 'heads'], ['current']]) expectRefused(args, /The revision graph has a cycle: .*_loop\.ts/);
    } finally {
      removeFile(cases[0]![0]);
      removeFile(cases[1]![0]);
    }

    addRevision('eeee00000003_orphan.ts', revisionSource('eeee00000003', 'ffffffffffff'));
    try {
      for (const args of [['history'], ['upgrade', 'heads']]) expectRefused(args, /ffffffffffff.*eeee00000003_orphan\.ts|eeee00000003_orphan\.ts.*ffffffffffff/);
    } finally {
      removeFile('eeee00000003_orphan.ts');
    }

    addRevision('abcd00000002_copy.ts', revisionSource('abcd00000002', 'abcd00000001'));
    try {
      for (const args of [['history'], ['upgrade', 'heads']]) {
        expectRefused(args, /Duplicate revision ID 'abcd00000002': declared by both .*abcd00000002_(copy|second)\.ts and .*abcd00000002_(copy|second)\.ts/);
      }
    } finally {
      removeFile('abcd00000002_copy.ts');
    }
    expect(runCli(dir, 'current').stdout.trim()).toBe('abcd00000002 (head)');
  });
});

/** A TCP server that accepts connections and never says a word, as a hung database would. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('unreachable databases and failed logins: within the connect timeout, password masked', () => {
  const PASSWORD = 'Sup3r-s3cret_pw';
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-errors-connect-'));
    mkdirSync(dir, { recursive: true });
    expect(runCli(dir, 'init').status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Run `current` (and `upgrade head --verbose`) against `url`; both fail in time without the password. */
  async function expectMaskedFailure(url: string, message: RegExp): Promise<void> {
    for (const args of [['current'], ['upgrade', 'head', '--verbose']]) {
      const started = Date.now();
      const run = await spawnCli(dir, {}, '--url', url, ...args).done;
      const elapsed = Date.now() - started;
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stdout + run.stderr).not.toContain(PASSWORD);
      expect(run.stdout + run.stderr).not.toContain(encodeURIComponent(PASSWORD));
      expect(run.stderr).toContain(':***@');
      expect(elapsed).toBeLessThan(CONNECT_TIMEOUT_MS + STARTUP_SLACK_MS);
    }
  }

  test('a closed port (PostgreSQL and MySQL)', async () => {
    await expectMaskedFailure(`postgres://app:${PASSWORD}@127.0.0.1:1/app`, /Cannot connect to PostgreSQL at postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/app: .*ECONNREFUSED/);
    await expectMaskedFailure(`mysql://app:${PASSWORD}@127.0.0.1:1/app`, /Cannot connect to MySQL at mysql:\/\/app:\*\*\*@127\.0\.0\.1:1\/app: .*ECONNREFUSED/);
  }, 120_000);

  test('a failed login: MySQL with a user that does not exist', async () => {
    await expectMaskedFailure(`mysql://no_such_user:${PASSWORD}@127.0.0.1:3306/mysql`, /Cannot connect to MySQL .*Access denied for user 'no_such_user'/);
  }, 120_000);

  test('a server that never answers: the connect timeout ends the wait', async () => {
    const server = await silentServer();
    try {
      await Promise.all([
        expectMaskedFailure(`postgres://app:${PASSWORD}@127.0.0.1:${server.port}/app`, /Cannot connect to PostgreSQL at postgres:\/\/app:\*\*\*@/),
        expectMaskedFailure(`mysql://app:${PASSWORD}@127.0.0.1:${server.port}/app`, /Cannot connect to MySQL at mysql:\/\/app:\*\*\*@/),
      ]);
    } finally {
      await server.close();
    }
  }, 120_000);
});

/**
 * A PostgreSQL server that asks for a cleartext password, records it, and refuses it with a
 * message that quotes it back (as a careless server or proxy might).
 */
async function echoingPostgres(): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const field = (code: string, text: string) => Buffer.concat([Buffer.from(code), Buffer.from(`${text}\0`)]);
  const message = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeInt32BE(body.length + 4);
    return Buffer.concat([Buffer.from(type), length, body]);
  };
  const server: Server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let started = false;
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!started && buffer.length >= 4 && buffer.length >= buffer.readInt32BE(0)) {
        started = true;
        buffer = buffer.subarray(buffer.readInt32BE(0));
        const cleartext = Buffer.alloc(4);
        cleartext.writeInt32BE(3);
        socket.write(message('R', cleartext));
      }
      if (started && buffer.length >= 5 && buffer[0] === 'p'.charCodeAt(0) && buffer.length >= 1 + buffer.readInt32BE(1)) {
        const password = buffer.subarray(5, 1 + buffer.readInt32BE(1) - 1).toString('utf8');
        received.push(password);
        const error = Buffer.concat([
          field('S', 'FATAL'),
          field('C', '28P01'),
          field('M', `password authentication failed for user "app" (password "${password}")`),
          Buffer.from('\0'),
        ]);
        socket.end(message('E', error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('passwords in every URL form never reach the terminal', () => {
  /** Every password below is built from these; none may appear in any output. */
  const MARKERS = /Qk7|Wz9|Xm4/;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-errors-forms-'));
    expect(runCli(dir, 'init').status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The forms of one login: a password with an unencoded @ and a space, percent-encoded, and as query parameters. */
  function forms(base: string, user: string, database: string, parameter: string): Record<string, string> {
    return {
      'unencoded @ and space': `${base.replace('//', `//${user}:Qk7@Wz9 Xm4@`)}/${database}`,
      'percent-encoded / and @': `${base.replace('//', `//${user}:Qk7%2FWz9%40Xm4@`)}/${database}`,
      [`?${parameter}=`]: `${base.replace('//', `//${user}@`)}/${database}?${parameter}=Qk7Wz9Xm4`,
      [`&${parameter}=`]: `${base.replace('//', `//${user}@`)}/${database}?connectTimeout=10000&${parameter}=Qk7%20Wz9+Xm4`,
    };
  }

  /** `current`, and `upgrade head --verbose` (stack and causes), against each URL: failing with `message`, no marker shown. */
  async function expectNoPassword(urls: Record<string, string>, message: RegExp): Promise<void> {
    const runs = Object.entries(urls).flatMap(([form, url]) =>
      [['current'], ['upgrade', 'head', '--verbose']].map(async (args) => ({ form, args, run: await spawnCli(dir, {}, '--url', url, ...args).done })),
    );
    for (const { form, args, run } of await Promise.all(runs)) {
      expect({ form, args, status: run.status }).toEqual({ form, args, status: 1 });
      expect(run.stderr).toMatch(message);
      expect({ form, args, output: run.stdout + run.stderr }).not.toEqual({ form, args, output: expect.stringMatching(MARKERS) });
      if (args.includes('--verbose')) expect(run.stderr).toMatch(/\n\s+at /);
    }
  }

  test('an unencoded / ? or # in the password: refused as a URL the driver cannot read, password masked', async () => {
    await expectNoPassword(
      { postgres: 'postgres://app:Qk7/Wz9?Xm4@127.0.0.1:1/app', mysql: 'mysql://app:Qk7#Wz9/Xm4@127.0.0.1:1/app' },
      /The database URL '(postgres|mysql):\/\/app:\*\*\*@127\.0\.0\.1:1\/app' is not a valid URL/,
    );
  }, 120_000);

  test('a closed port, on PostgreSQL and MySQL, in each form', async () => {
    await expectNoPassword(forms('postgres://127.0.0.1:1', 'app', 'app', 'password'), /Cannot connect to PostgreSQL at postgres:\/\/app.*ECONNREFUSED/);
    await expectNoPassword(forms('mysql://127.0.0.1:1', 'app', 'app', 'password1'), /Cannot connect to MySQL at mysql:\/\/app.*ECONNREFUSED/);
  }, 180_000);

  test('a wrong password on PostgreSQL, quoted back by the server: the driver sent it, the output masks it', async () => {
    const server = await echoingPostgres();
    try {
      await expectNoPassword(forms(`postgres://127.0.0.1:${server.port}`, 'app', 'app', 'password'), /password authentication failed for user "app" \(password "\*\*\*"\)/);
      // Each form reached the server as the password it spells (twice: current, upgrade).
      expect([...new Set(server.received)].sort()).toEqual(['Qk7 Wz9 Xm4', 'Qk7/Wz9@Xm4', 'Qk7@Wz9 Xm4', 'Qk7Wz9Xm4']);
    } finally {
      await server.close();
    }
  }, 180_000);

  test('a wrong password on MariaDB, in each form', async () => {
    await expectNoPassword(forms('mysql://127.0.0.1:3306', 'root', 'mysql', 'password1'), /Cannot connect to MySQL .*Access denied for user 'root'.*using password: YES/);
  }, 180_000);
});
