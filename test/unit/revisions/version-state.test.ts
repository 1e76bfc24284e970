import { buildGraph } from '../../../src/revisions/graph.js';
import { planDowngrade, planStamp, planUpgrade, versionRows } from '../../../src/revisions/plan.js';
import { assertSoundVersionRows, versionRowProblems } from '../../../src/revisions/version-state.js';
import { SchemigrateError } from '../../../src/util/errors.js';
import { linear, mergedThenContinued, rev, rowsAfterEachStep, twoBranches, withDependency } from './fixtures.js';

/** The message `assertSoundVersionRows` throws for these rows, or undefined. */
function refusal(graph: ReturnType<typeof linear>, rows: readonly string[]): string | undefined {
  try {
    assertSoundVersionRows(graph, rows, 'schemigrate_version');
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(SchemigrateError);
    return (error as Error).message;
  }
}

describe('rows that can be right', () => {
  test('every state an upgrade, downgrade or stamp reaches passes', () => {
    for (const graph of [linear(), twoBranches(), mergedThenContinued(), withDependency()]) {
      const everything = versionRows(graph, new Set(graph.revisions.map((header) => header.revision)));
      const states = [
        ...rowsAfterEachStep([], planUpgrade(graph, [], 'heads')),
        ...rowsAfterEachStep(everything, planDowngrade(graph, everything, 'base')),
        [...planStamp(graph, [], 'heads').insert],
      ];
      expect(states.length).toBeGreaterThan(2);
      for (const rows of states) {
        expect(versionRowProblems(graph, rows)).toEqual({ unknown: [], related: [] });
        expect(refusal(graph, rows)).toBeUndefined();
      }
    }
  });

  test('two branches side by side are not related', () => {
    expect(versionRowProblems(twoBranches(), ['b200', 'c100'])).toEqual({ unknown: [], related: [] });
  });
});

describe('rows that cannot be right', () => {
  test('an ancestor listed with its descendant, through parents', () => {
    const graph = linear();
    expect(versionRowProblems(graph, ['c3c3', 'a1a1'])).toEqual({ unknown: [], related: [{ ancestor: 'a1a1', descendant: 'c3c3' }] });
    expect(refusal(graph, ['a1a1', 'c3c3'])).toBe(
      'The version table schemigrate_version cannot be right: it lists both a1a1 and c3c3, but c3c3 builds on a1a1 ' +
        '(a row is the newest applied revision of its branch, so an ancestor of another row cannot be one). ' +
        'schemigrate cannot tell which revisions are applied, so it does not act on it. ' +
        'Find which revisions the database really has and record exactly those with `schemigrate stamp --purge <revisions>` ' +
        '(which empties the table and runs nothing; here most likely `schemigrate stamp --purge c3c3`).',
    );
  });

  test('a revision listed with one that depends on it', () => {
    const graph = withDependency();
    expect(versionRowProblems(graph, ['a200', 'b200'])).toEqual({ unknown: [], related: [{ ancestor: 'a200', descendant: 'b200' }] });
    expect(refusal(graph, ['a200', 'b200'])).toMatch(/it lists both a200 and b200, but b200 builds on a200.*stamp --purge b200`\)\.$/);
  });

  test('every related pair is named', () => {
    expect(versionRowProblems(mergedThenContinued(), ['b100', 'n300', 'r000']).related).toEqual([
      { ancestor: 'r000', descendant: 'b100' },
      { ancestor: 'b100', descendant: 'n300' },
      { ancestor: 'r000', descendant: 'n300' },
    ]);
  });

  test('a row that no file defines, alone and with a related pair', () => {
    const graph = linear();
    expect(versionRowProblems(graph, ['dead'])).toEqual({ unknown: ['dead'], related: [] });
    const alone = refusal(graph, ['dead'])!;
    expect(alone).toContain("it lists 'dead', which no file in versions/ defines.");
    expect(alone).toContain('If a revision file is missing (another branch, a deleted file), restore it.');
    expect(alone).toContain('most likely `schemigrate stamp --purge base`');

    const both = refusal(graph, ['a1a1', 'b2b2', 'dead'])!;
    expect(both).toContain("it lists 'dead', which no file in versions/ defines; it lists both a1a1 and b2b2, but b2b2 builds on a1a1");
    expect(both).toContain('most likely `schemigrate stamp --purge b2b2`');
  });

  test('the suggested repair lists every branch the rows reach', () => {
    expect(refusal(twoBranches(), ['b100', 'b200', 'c100'])).toContain('`schemigrate stamp --purge b200 c100`');
  });
});

describe('a squash revision', () => {
  /** a1a1 ← c3c3 (squash of b2b2, c3c3) ← d4d4 */
  const squashed = () => buildGraph([rev('a1a1'), { ...rev('c3c3', ['a1a1']), replaces: ['b2b2', 'c3c3'] }, rev('d4d4', ['c3c3'])]);

  test('a row at its ID is sound; a row inside the range it replaces is refused, saying how to get out', () => {
    expect(refusal(squashed(), ['c3c3'])).toBeUndefined();
    expect(refusal(squashed(), ['b2b2'])).toMatch(/partway through the revisions squashed into c3c3 .*lists b2b2.*schemigrate upgrade c3c3/);
  });

  test('beside some of the files it replaces but not all, the graph does not load', () => {
    expect(() => buildGraph([rev('a1a1'), rev('b2b2', ['a1a1']), { ...rev('c3c3', ['a1a1']), replaces: ['b2b2', 'c3c3'] }])).toThrow(
      /squash revision c3c3 .* some files are still in versions\/ \(\/project\/migrations\/versions\/b2b2_file\.ts\) and some are not \(c3c3\)/,
    );
  });

  test('beside every file it replaces, the files stand and it waits', () => {
    const squash = { ...rev('c3c3', ['a1a1']), file: '/project/migrations/versions/c3c3_squash.ts', replaces: ['b2b2', 'c3c3'] };
    const graph = buildGraph([rev('a1a1'), rev('b2b2', ['a1a1']), rev('c3c3', ['b2b2']), squash, rev('d4d4', ['c3c3'])]);
    expect(graph.pendingSquashes).toEqual([squash]);
    expect(graph.get('c3c3').file).toBe('/project/migrations/versions/c3c3_file.ts');
    expect(graph.requirements('c3c3')).toEqual(['b2b2']);
    expect(refusal(graph, ['b2b2'])).toBeUndefined();
  });
});
