import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRevisionHeader } from '../../../src/revisions/header.js';
import { scanVersions } from '../../../src/revisions/scan.js';
import { SchemigrateError } from '../../../src/util/errors.js';

const FILE = '/app/migrations/versions/9c1e4b7a2f3d_add_profile.ts';

const GOOD = `/**
 * add user profile table
 *
 * Revision ID: 9c1e4b7a2f3d
 * Revises: 3f2a9c1b7d4e
 * Create Date: 2026-11-23T20:41:00.000Z
 */
import { sql, type Kysely } from 'schemigrate';

export const revision = '9c1e4b7a2f3d';
export const downRevision: string | string[] | null = '3f2a9c1b7d4e';
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(db: Kysely<any>): Promise<void> {
  // export const revision = 'not this one';
  const pattern = /export const revision = '[a-z]'/g;
  await sql\`select \${"export const dependsOn = 'x'"} where x = \${{ a: { b: 1 } }.a.b}\`.execute(db);
  await db.schema.createTable('profile').addColumn('id', 'integer').execute();
  void pattern;
}

export async function downgrade(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('profile').execute();
}
`;

function header(overrides: Record<string, string>): string {
  const values = { revision: "'ab12'", downRevision: 'null', branchLabels: 'null', dependsOn: 'null', ...overrides };
  return Object.entries(values)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `export const ${name} = ${value};`)
    .join('\n');
}

function errorOf(source: string): Error {
  try {
    parseRevisionHeader(source, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(SchemigrateError);
    return error as Error;
  }
  throw new Error('expected parseRevisionHeader to throw');
}

describe('parseRevisionHeader', () => {
  test('reads the template’s header, message and create date, ignoring look-alikes in code', () => {
    expect(parseRevisionHeader(GOOD, FILE)).toEqual({
      revision: '9c1e4b7a2f3d',
      downRevisions: ['3f2a9c1b7d4e'],
      branchLabels: [],
      dependsOn: [],
      message: 'add user profile table',
      file: FILE,
      createDate: '2026-11-23T20:41:00.000Z',
    });
  });

  test('a merge, labels, a single-string dependsOn, double quotes, templates and as const', () => {
    const source = [
      'export const revision: string = "m200";',
      "export const downRevision = ['b100', `c100`,] as const",
      "export const branchLabels: readonly string[] = ['main']",
      "export const dependsOn = 'a200'",
    ].join('\n');
    expect(parseRevisionHeader(source, FILE)).toEqual({
      revision: 'm200',
      downRevisions: ['b100', 'c100'],
      branchLabels: ['main'],
      dependsOn: ['a200'],
      message: '',
      file: FILE,
    });
  });

  test('a doc comment without a create date, and a root revision', () => {
    const parsed = parseRevisionHeader(`/** first line\n * second */\n${header({})}`, FILE);
    expect(parsed.message).toBe('first line');
    expect(parsed.createDate).toBeUndefined();
    expect(parsed.downRevisions).toEqual([]);
  });

  test.each([
    ['revision', header({ revision: '' }), /has no `export const revision`/],
    ['downRevision', header({ downRevision: '' }), /has no `export const downRevision`/],
    ['dependsOn', header({ dependsOn: '' }), /has no `export const dependsOn`/],
    ['branchLabels', header({ branchLabels: 'makeLabels()' }), /`export const branchLabels` must be a literal/],
    ['downRevision', header({ downRevision: "'a' + 'b'" }), /`export const downRevision` must be a literal .*not an expression/],
    ['downRevision', header({ downRevision: "['a', b]" }), /`export const downRevision` must be a literal string, array of strings, or null/],
    ['revision', header({ revision: 'null' }), /`export const revision` must be a non-empty string literal/],
    ['revision', header({ revision: '`a${x}`' }), /`export const revision` must be a literal string/],
    ['dependsOn', header({ dependsOn: "['a', 'a']" }), /`export const dependsOn` lists 'a' twice/],
    ['revision', `${header({})}\nexport const revision = 'again';`, /`export const revision` is declared twice \(first on line 1\)/],
    ['branchLabels', header({}).replace('const branchLabels', 'let branchLabels'), /`export const branchLabels` must be declared with `const`/],
  ])('malformed %s is an error naming the file and the export', (_name, source, pattern) => {
    const error = errorOf(source);
    expect(error.message).toMatch(pattern);
    expect(error.message).toContain(FILE);
  });

  test('the bodies are not read once the header is complete, but a later header declaration still is', () => {
    const unreadableBody = `${header({})}\nexport async function upgrade() {\n  const broken = 'oops\n}\n`;
    expect(parseRevisionHeader(unreadableBody, FILE).revision).toBe('ab12');
    expect(errorOf(`${GOOD}\nexport const dependsOn = ['late'];\n`).message).toMatch(/`export const dependsOn` is declared twice \(first on line 13\)/);
  });

  test('an unterminated string names the file and line', () => {
    expect(errorOf(`${header({})}\nconst broken = 'oops\n`).message).toMatch(new RegExp(`${FILE}:5: unterminated string literal`));
  });
});

describe('scanVersions', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-scan-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('reads .ts .mts .js .mjs files sorted by name, skipping declarations and other files', async () => {
    const files = ['b.ts', 'a.mjs', 'c.mts', 'd.js'];
    files.forEach((name, index) => writeFileSync(join(dir, name), header({ revision: `'r${index}'` })));
    writeFileSync(join(dir, 'types.d.ts'), 'export const revision: string;');
    writeFileSync(join(dir, 'README.md'), '# notes');
    mkdirSync(join(dir, 'sub.ts'));
    const headers = await scanVersions(dir);
    expect(headers.map((h) => [h.file, h.revision])).toEqual([
      [join(dir, 'a.mjs'), 'r1'],
      [join(dir, 'b.ts'), 'r0'],
      [join(dir, 'c.mts'), 'r2'],
      [join(dir, 'd.js'), 'r3'],
    ]);
  });

  test('a missing folder holds no revision yet; one that cannot be read is a SchemigrateError naming it', async () => {
    expect(await scanVersions(join(dir, 'missing'))).toEqual([]);
    writeFileSync(join(dir, 'not-a-folder'), '');
    await expect(scanVersions(join(dir, 'not-a-folder'))).rejects.toThrow(SchemigrateError);
    await expect(scanVersions(join(dir, 'not-a-folder'))).rejects.toThrow(/versions folder .*not-a-folder \(ENOTDIR\)/);
  });
});
