/**
 * The type tests: the fixtures in this folder compile under `--strict` with TypeScript 5.9 and
 * TypeScript 7 without one diagnostic. An unused `@ts-expect-error` is itself a diagnostic, so
 * each wrong query in wrong-queries.ts must stay an error; and with the markers removed, each
 * marked line is an error, and nothing else is.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COMPILERS, typeCheck } from '../helpers/type-check.js';

const FIXTURES = resolve('test/types');
const FILES = ['schema.ts', 'queries.ts', 'wrong-queries.ts', 'driver-table.ts'].map((file) => join(FIXTURES, file));
const MARKER = '// @ts-expect-error';

/**
 * wrong-queries.ts without its markers, written beside it (so that its imports resolve) under
 * a scratch name; returns the file and the lines that must fail.
 */
function unmarkedWrongQueries(): { readonly file: string; readonly lines: number[] } {
  const source = readFileSync(join(FIXTURES, 'wrong-queries.ts'), 'utf8');
  const lines: number[] = [];
  const kept: string[] = [];
  for (const line of source.split('\n')) {
    if (line.trim().startsWith(MARKER)) lines.push(kept.length + 1);
    else kept.push(line);
  }
  const file = join(FIXTURES, `.unmarked-${process.pid}-wrong-queries.ts`);
  writeFileSync(file, kept.join('\n'));
  return { file, lines };
}

describe.each(COMPILERS)('$name', (compiler) => {
  test('the fixtures compile without a diagnostic, every @ts-expect-error used', async () => {
    const { version, diagnostics } = await typeCheck(compiler, FILES);
    expect(version.startsWith(compiler.version)).toBe(true);
    expect(diagnostics).toEqual([]);
  });

  test('without the markers, exactly the marked lines of wrong-queries.ts fail', async () => {
    const { file, lines } = unmarkedWrongQueries();
    try {
      expect(lines.length).toBeGreaterThanOrEqual(13);
      const { diagnostics } = await typeCheck(compiler, [file]);
      const failing = [...new Set(diagnostics.map((line) => Number(/\((\d+),\d+\)/.exec(line)?.[1])))].sort((a, b) => a - b);
      expect(failing).toEqual(lines);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
