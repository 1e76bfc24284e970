/**
 * The disk cache of transformed modules: an entry per module text, kept in memory as well for
 * the run that asks about a module more than once.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransformCache } from '../../../src/util/transform-cache.js';

const options = (source: string) => ({ source, filename: '/app/migrations/versions/abc_add.ts', ts: true, async: true, interopDefault: true });

describe('TransformCache', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'sg-transform-cache-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps an output per module text, on disk for the next process', () => {
    const cache = new TransformCache(folder);
    expect(cache.has(options('a'))).toBe(false);
    cache.set(options('a'), 'output of a');
    expect(cache.get(options('a'))).toBe('output of a');
    expect(new TransformCache(folder).get(options('a'))).toBe('output of a');
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^versions-abc_add\.[0-9a-f]{24}\.js$/)]);
  });

  it('never answers for an edited module with the output of its earlier text', () => {
    const cache = new TransformCache(folder);
    cache.set(options('a'), 'output of a');
    expect(cache.has(options('b'))).toBe(false);
    expect(cache.get(options('b'))).toBeUndefined();
    expect(cache.get({ ...options('a'), async: false })).toBeUndefined();
    expect(cache.get(options('a'))).toBe('output of a');
  });
});
