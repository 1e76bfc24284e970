import { mkdtempSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedHeaders as cachedHeadersAt, SETTLE_MS } from '../../../src/revisions/header-cache.js';
import { parseRevisionHeader, type RevisionHeader } from '../../../src/revisions/header.js';

function revisionSource(revision: string, downRevision: string | null, message: string): string {
  return [
    `/** ${message} */`,
    `export const revision = '${revision}';`,
    `export const downRevision = ${downRevision === null ? 'null' : `'${downRevision}'`};`,
    'export const branchLabels = null;',
    'export const dependsOn = null;',
    '',
  ].join('\n');
}

let dir: string;
let parsed: string[];

/** A scan long enough after the test wrote its files that their times have settled. */
function cachedHeaders(versionsDir: string, names: readonly string[], parseFile: (file: string) => RevisionHeader): RevisionHeader[] {
  return cachedHeadersAt(versionsDir, names, parseFile, Date.now() + SETTLE_MS + 1000);
}

function parse(file: string): RevisionHeader {
  parsed.push(file.slice(dir.length + 1));
  return parseRevisionHeader(readFileSync(file, 'utf8'), file);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sg-header-cache-'));
  parsed = [];
  writeFileSync(join(dir, 'a.ts'), revisionSource('aaaa00000001', null, 'first'));
  writeFileSync(join(dir, 'b.ts'), revisionSource('bbbb00000002', 'aaaa00000001', 'second'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('cachedHeaders', () => {
  it("keeps a squash revision's replaces", () => {
    writeFileSync(join(dir, 'b.ts'), revisionSource('bbbb00000002', 'aaaa00000001', 'squash') + "export const replaces = ['b1', 'bbbb00000002'];\n");
    const first = cachedHeaders(dir, ['a.ts', 'b.ts'], parse);
    parsed = [];
    const second = cachedHeaders(dir, ['a.ts', 'b.ts'], parse);
    expect(parsed).toEqual([]);
    expect(second[1]!.replaces).toEqual(['b1', 'bbbb00000002']);
    expect(second).toEqual(first);
  });

  it('parses each file once, then answers unchanged files from the cache', () => {
    const first = cachedHeaders(dir, ['a.ts', 'b.ts'], parse);
    expect(parsed).toEqual(['a.ts', 'b.ts']);
    parsed = [];
    const second = cachedHeaders(dir, ['a.ts', 'b.ts'], parse);
    expect(parsed).toEqual([]);
    expect(second).toEqual(first);
    expect(second[1]).toMatchObject({ revision: 'bbbb00000002', downRevisions: ['aaaa00000001'], file: join(dir, 'b.ts') });
  });

  it('parses again a file whose contents changed, even at the same size and time', () => {
    cachedHeaders(dir, ['a.ts', 'b.ts'], parse);
    const file = join(dir, 'b.ts');
    const mtime = new Date(Date.now() - 60_000);
    writeFileSync(file, revisionSource('bbbb00000003', 'aaaa00000001', 'second'));
    utimesSync(file, mtime, mtime);
    parsed = [];
    const headers = cachedHeaders(dir, ['a.ts', 'b.ts'], parse);
    // Rewriting a file moves its change time, which a user cannot set back.
    expect(parsed).toEqual(['b.ts']);
    expect(headers[1]!.revision).toBe('bbbb00000003');
  });

  it('follows added and removed files', () => {
    cachedHeaders(dir, ['a.ts', 'b.ts'], parse);
    writeFileSync(join(dir, 'c.ts'), revisionSource('cccc00000003', 'bbbb00000002', 'third'));
    parsed = [];
    expect(cachedHeaders(dir, ['a.ts', 'c.ts'], parse).map((header) => header.revision)).toEqual(['aaaa00000001', 'cccc00000003']);
    expect(parsed).toEqual(['c.ts']);
  });

  it('never caches a header that fails to parse', () => {
    writeFileSync(join(dir, 'b.ts'), 'export const revision = 1;\n');
    expect(() => cachedHeaders(dir, ['a.ts', 'b.ts'], parse)).toThrow(/revision/);
    expect(() => cachedHeaders(dir, ['a.ts', 'b.ts'], parse)).toThrow(/revision/);
  });

  it('does not cache a file changed just before the scan, so an edit in the same time step is seen', () => {
    // Scans right after the writes: the files' times have not settled.
    cachedHeadersAt(dir, ['a.ts', 'b.ts'], parse);
    const file = join(dir, 'b.ts');
    const { mtime } = statSync(file);
    // Same size, same modification time: on a coarse file system even the change time could stay.
    writeFileSync(file, revisionSource('bbbb00000003', 'aaaa00000001', 'second'));
    utimesSync(file, mtime, mtime);
    parsed = [];
    expect(cachedHeadersAt(dir, ['a.ts', 'b.ts'], parse)[1]!.revision).toBe('bbbb00000003');
    expect(parsed).toEqual(['a.ts', 'b.ts']);
    // Once settled, a file is cached as usual.
    cachedHeaders(dir, ['a.ts', 'b.ts'], parse);
    parsed = [];
    cachedHeaders(dir, ['a.ts', 'b.ts'], parse);
    expect(parsed).toEqual([]);
  });

  it('follows files swapped by renaming, even at the same size', () => {
    writeFileSync(join(dir, 'a.ts'), revisionSource('aaaa00000001', null, 'same'));
    writeFileSync(join(dir, 'b.ts'), revisionSource('bbbb00000002', null, 'same'));
    cachedHeaders(dir, ['a.ts', 'b.ts'], parse);
    renameSync(join(dir, 'a.ts'), join(dir, 'tmp.ts'));
    renameSync(join(dir, 'b.ts'), join(dir, 'a.ts'));
    renameSync(join(dir, 'tmp.ts'), join(dir, 'b.ts'));
    parsed = [];
    const headers = cachedHeaders(dir, ['a.ts', 'b.ts'], parse);
    expect(headers.map((header) => [header.file.slice(dir.length + 1), header.revision])).toEqual([
      ['a.ts', 'bbbb00000002'],
      ['b.ts', 'aaaa00000001'],
    ]);
    expect(parsed).toEqual(['a.ts', 'b.ts']);
  });

  it('keeps every header field, including an absent or present create date', () => {
    writeFileSync(join(dir, 'c.ts'), `/**\n * third\n *\n * Create Date: 2026-11-24 04:00:00\n */\n${revisionSource('cccc00000003', 'bbbb00000002', 'x').split('\n').slice(1).join('\n')}`);
    const first = cachedHeaders(dir, ['a.ts', 'b.ts', 'c.ts'], parse);
    parsed = [];
    const second = cachedHeaders(dir, ['a.ts', 'b.ts', 'c.ts'], parse);
    expect(parsed).toEqual([]);
    expect(second).toEqual(first);
    expect(second[2]).toMatchObject({ message: 'third', createDate: '2026-11-24 04:00:00' });
    expect(second[0]).not.toHaveProperty('createDate');
  });
});
