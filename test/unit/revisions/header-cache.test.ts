import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedHeaders } from '../../../src/revisions/header-cache.js';
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
});
