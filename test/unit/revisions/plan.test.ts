import { appliedRevisions, pendingRevisions, planDowngrade, planStamp, planUpgrade, versionRows } from '../../../src/revisions/plan.js';
import { buildGraph } from '../../../src/revisions/graph.js';
import { SchemigrateError } from '../../../src/util/errors.js';
import { forest, linear, mergedThenContinued, rev, rowsAfterEachStep, summarize, twoBranches, twoMergesSharingParents, withDependency } from './fixtures.js';

describe('a line', () => {
  const graph = linear();

  test('upgrade head from base: each step replaces its parent', () => {
    const steps = planUpgrade(graph, [], 'head');
    expect(summarize(steps)).toEqual([
      ['up', 'a1a1', [], ['a1a1']],
      ['up', 'b2b2', ['a1a1'], ['b2b2']],
      ['up', 'c3c3', ['b2b2'], ['c3c3']],
    ]);
    expect(rowsAfterEachStep([], steps)).toEqual([['a1a1'], ['b2b2'], ['c3c3']]);
  });

  test('upgrade from the middle applies only what is missing', () => {
    expect(summarize(planUpgrade(graph, ['a1a1'], 'c3c3'))).toEqual([
      ['up', 'b2b2', ['a1a1'], ['b2b2']],
      ['up', 'c3c3', ['b2b2'], ['c3c3']],
    ]);
    expect(summarize(planUpgrade(graph, ['a1a1'], '+1'))).toEqual([['up', 'b2b2', ['a1a1'], ['b2b2']]]);
  });

  test('upgrade to an applied revision plans nothing', () => {
    expect(planUpgrade(graph, ['c3c3'], 'head')).toEqual([]);
    expect(planUpgrade(graph, ['c3c3'], 'a1a1')).toEqual([]);
  });

  test('downgrade base is the exact reverse', () => {
    const steps = planDowngrade(graph, ['c3c3'], 'base');
    expect(summarize(steps)).toEqual([
      ['down', 'c3c3', ['c3c3'], ['b2b2']],
      ['down', 'b2b2', ['b2b2'], ['a1a1']],
      ['down', 'a1a1', ['a1a1'], []],
    ]);
    expect(rowsAfterEachStep(['c3c3'], steps)).toEqual([['b2b2'], ['a1a1'], []]);
  });

  test('downgrade -1, to the current revision, and above the current revision', () => {
    expect(summarize(planDowngrade(graph, ['c3c3'], '-1'))).toEqual([['down', 'c3c3', ['c3c3'], ['b2b2']]]);
    expect(planDowngrade(graph, ['b2b2'], 'b2b2')).toEqual([]);
    expect(() => planDowngrade(graph, ['b2b2'], 'c3c3')).toThrow(/Cannot downgrade to c3c3: it is not applied \(the database is at b2b2\)/);
    expect(() => planDowngrade(graph, [], '-1')).toThrow(/only 0 step\(s\) exist/);
  });

  test('a version-table row that no file declares is an error', () => {
    expect(() => planUpgrade(graph, ['dead'], 'head')).toThrow(SchemigrateError);
    expect(() => planUpgrade(graph, ['dead'], 'head')).toThrow(/'dead'.*stamp <target> --purge/);
  });
});

describe('two branches off one root', () => {
  const graph = twoBranches();

  test('upgrade head names every head', () => {
    expect(() => planUpgrade(graph, [], 'head')).toThrow(/2 heads: b200 \(message of b200\), c100 \(message of c100\)/);
  });

  test('upgrade heads: each branch whole, the second branch only inserts', () => {
    const steps = planUpgrade(graph, [], 'heads');
    expect(summarize(steps)).toEqual([
      ['up', 'r000', [], ['r000']],
      ['up', 'b100', ['r000'], ['b100']],
      ['up', 'b200', ['b100'], ['b200']],
      ['up', 'c100', [], ['c100']],
    ]);
    expect(rowsAfterEachStep([], steps)).toEqual([['r000'], ['b100'], ['b200'], ['b200', 'c100']]);
  });

  test('upgrade one branch by label while at the branch point', () => {
    expect(summarize(planUpgrade(graph, ['r000'], 'sea@head'))).toEqual([['up', 'c100', ['r000'], ['c100']]]);
    expect(summarize(planUpgrade(graph, ['b200'], 'sea@head'))).toEqual([['up', 'c100', [], ['c100']]]);
  });

  test('downgrade to the root closes one branch (delete only), then walks down the other', () => {
    const steps = planDowngrade(graph, ['b200', 'c100'], 'r000');
    expect(summarize(steps)).toEqual([
      ['down', 'c100', ['c100'], []],
      ['down', 'b200', ['b200'], ['b100']],
      ['down', 'b100', ['b100'], ['r000']],
    ]);
    expect(rowsAfterEachStep(['b200', 'c100'], steps)).toEqual([['b200'], ['b100'], ['r000']]);
  });

  test('downgrade within one branch leaves the other alone', () => {
    expect(summarize(planDowngrade(graph, ['b200', 'c100'], 'b100'))).toEqual([['down', 'b200', ['b200'], ['b100']]]);
    expect(summarize(planDowngrade(graph, ['b200', 'c100'], 'b200-1'))).toEqual([['down', 'b200', ['b200'], ['b100']]]);
  });

  test('relative steps with several current heads are an error', () => {
    expect(() => planDowngrade(graph, ['b200', 'c100'], '-1')).toThrow(/several current heads \(b200, c100\)/);
  });
});

describe('branches merged, then continued', () => {
  const graph = mergedThenContinued();

  test('upgrade head: both branches before the merge, the merge deletes both parents', () => {
    const steps = planUpgrade(graph, [], 'head');
    expect(summarize(steps)).toEqual([
      ['up', 'r000', [], ['r000']],
      ['up', 'b100', ['r000'], ['b100']],
      ['up', 'c100', [], ['c100']],
      ['up', 'm200', ['b100', 'c100'], ['m200']],
      ['up', 'n300', ['m200'], ['n300']],
    ]);
    expect(rowsAfterEachStep([], steps)).toEqual([['r000'], ['b100'], ['b100', 'c100'], ['m200'], ['n300']]);
  });

  test('upgrade from one branch applies the other, then the merge', () => {
    expect(summarize(planUpgrade(graph, ['b100'], 'head'))).toEqual([
      ['up', 'c100', [], ['c100']],
      ['up', 'm200', ['b100', 'c100'], ['m200']],
      ['up', 'n300', ['m200'], ['n300']],
    ]);
  });

  test('downgrade base unmerges into both parents', () => {
    const steps = planDowngrade(graph, ['n300'], 'base');
    expect(summarize(steps)).toEqual([
      ['down', 'n300', ['n300'], ['m200']],
      ['down', 'm200', ['m200'], ['b100', 'c100']],
      ['down', 'c100', ['c100'], []],
      ['down', 'b100', ['b100'], ['r000']],
      ['down', 'r000', ['r000'], []],
    ]);
    expect(rowsAfterEachStep(['n300'], steps)).toEqual([['m200'], ['b100', 'c100'], ['b100'], ['r000'], []]);
  });

  test('downgrade to one parent of the merge keeps the other branch', () => {
    const steps = planDowngrade(graph, ['n300'], 'b100');
    expect(summarize(steps)).toEqual([
      ['down', 'n300', ['n300'], ['m200']],
      ['down', 'm200', ['m200'], ['b100', 'c100']],
    ]);
  });

  test('stepping down through a merge is an error; naming the revision works', () => {
    expect(() => planDowngrade(graph, ['n300'], '-2')).toThrow(/m200 has several parents \(it is a merge\): b100, c100/);
    expect(summarize(planDowngrade(graph, ['n300'], '-1'))).toEqual([['down', 'n300', ['n300'], ['m200']]]);
  });
});

describe('a forest of two roots', () => {
  const graph = forest();

  test('upgrade heads inserts a row per root', () => {
    const steps = planUpgrade(graph, [], 'heads');
    expect(summarize(steps)).toEqual([
      ['up', 'x100', [], ['x100']],
      ['up', 'x200', ['x100'], ['x200']],
      ['up', 'y100', [], ['y100']],
      ['up', 'y200', ['y100'], ['y200']],
    ]);
    expect(rowsAfterEachStep([], steps)).toEqual([['x100'], ['x200'], ['x200', 'y100'], ['x200', 'y200']]);
  });

  test('downgrade base removes both trees; downgrading one root keeps the other tree', () => {
    const steps = planDowngrade(graph, ['x200', 'y200'], 'base');
    expect(rowsAfterEachStep(['x200', 'y200'], steps)).toEqual([['x200', 'y100'], ['x200'], ['x100'], []]);
    expect(summarize(planDowngrade(graph, ['x200', 'y200'], 'x100'))).toEqual([['down', 'x200', ['x200'], ['x100']]]);
  });

  test('+1 from base with several roots is an error', () => {
    expect(() => planUpgrade(graph, [], '+1')).toThrow(/base has several roots: x100, y100/);
  });
});

describe('dependsOn', () => {
  const graph = withDependency();

  test('upgrading the dependent applies the dependency first and absorbs its row', () => {
    const steps = planUpgrade(graph, [], 'b300');
    expect(summarize(steps)).toEqual([
      ['up', 'a100', [], ['a100']],
      ['up', 'a200', ['a100'], ['a200']],
      ['up', 'b100', [], ['b100']],
      ['up', 'b200', ['b100', 'a200'], ['b200']],
      ['up', 'b300', ['b200'], ['b300']],
    ]);
    expect(rowsAfterEachStep([], steps)).toEqual([['a100'], ['a200'], ['a200', 'b100'], ['b200'], ['b300']]);
    expect([...appliedRevisions(graph, ['b300'])].sort()).toEqual(['a100', 'a200', 'b100', 'b200', 'b300']);
  });

  test('the dependency stream continues with an insert', () => {
    expect(summarize(planUpgrade(graph, ['b300'], 'heads'))).toEqual([['up', 'a300', [], ['a300']]]);
  });

  test('downgrading below the dependency removes the dependents first', () => {
    const steps = planDowngrade(graph, ['a300', 'b300'], 'a100');
    expect(summarize(steps)).toEqual([
      ['down', 'b300', ['b300'], ['b200']],
      ['down', 'b200', ['b200'], ['b100']],
      ['down', 'a300', ['a300'], ['a200']],
      ['down', 'a200', ['a200'], ['a100']],
    ]);
    expect(rowsAfterEachStep(['a300', 'b300'], steps)).toEqual([['a300', 'b200'], ['a300', 'b100'], ['a200', 'b100'], ['a100', 'b100']]);
  });

  test('downgrading to the dependency itself keeps its dependents', () => {
    const steps = planDowngrade(graph, ['a300', 'b300'], 'a200');
    expect(summarize(steps)).toEqual([['down', 'a300', ['a300'], []]]);
    expect(versionRows(graph, appliedRevisions(graph, ['b300']))).toEqual(['b300']);
  });
});

describe('planStamp', () => {
  test('stamps up, down, sideways and to base', () => {
    expect(planStamp(linear(), [], 'head')).toEqual({ delete: [], insert: ['c3c3'] });
    expect(planStamp(linear(), ['c3c3'], 'a1a1')).toEqual({ delete: ['c3c3'], insert: ['a1a1'] });
    expect(planStamp(linear(), ['c3c3'], 'base')).toEqual({ delete: ['c3c3'], insert: [] });
    expect(planStamp(twoBranches(), ['b200'], 'c100')).toEqual({ delete: [], insert: ['c100'] });
    expect(planStamp(twoBranches(), ['b200', 'c100'], 'b100')).toEqual({ delete: ['b200'], insert: ['b100'] });
    expect(planStamp(mergedThenContinued(), ['b100'], 'heads')).toEqual({ delete: ['b100'], insert: ['n300'] });
  });

  test('an unknown row asks for --purge', () => {
    expect(() => planStamp(linear(), ['dead'], 'head')).toThrow(/--purge/);
  });
});

describe('pendingRevisions', () => {
  test('what is missing, parents first; nothing once every head is applied', () => {
    expect(pendingRevisions(mergedThenContinued(), ['b100'])).toEqual(['c100', 'm200', 'n300']);
    expect(pendingRevisions(mergedThenContinued(), ['n300'])).toEqual([]);
  });

  test('a head that another branch depends on is applied without being a row', () => {
    const graph = buildGraph([rev('a100'), rev('b100'), rev('b200', ['b100'], { dependsOn: ['a100'] })]);
    expect(graph.heads).toEqual(['a100', 'b200']);
    const rows = rowsAfterEachStep([], planUpgrade(graph, [], 'heads')).at(-1);
    expect(rows).toEqual(['b200']);
    expect(pendingRevisions(graph, rows!)).toEqual([]);
  });
});

describe('two merges sharing parents', () => {
  const graph = twoMergesSharingParents();

  test('upgrade heads: both branches, the first merge absorbs both rows, the second only adds itself', () => {
    const steps = planUpgrade(graph, [], 'heads');
    expect(summarize(steps)).toEqual([
      ['up', 'r000', [], ['r000']],
      ['up', 'b100', ['r000'], ['b100']],
      ['up', 'c100', [], ['c100']],
      ['up', 'm100', ['b100', 'c100'], ['m100']],
      ['up', 'm200', [], ['m200']],
    ]);
    expect(rowsAfterEachStep([], steps)).toEqual([['r000'], ['b100'], ['b100', 'c100'], ['m100'], ['m100', 'm200']]);
    expect(pendingRevisions(graph, ['m100', 'm200'])).toEqual([]);
    expect(pendingRevisions(graph, ['m100'])).toEqual(['m200']);
  });

  test('head names both merges; downgrade to a shared parent unmerges once', () => {
    expect(() => planUpgrade(graph, [], 'head')).toThrow(/2 heads: m100 .*, m200 .*<branchLabel>@head.*'heads' for all of them.*schemigrate merge/);
    const steps = planDowngrade(graph, ['m100', 'm200'], 'c100');
    expect(summarize(steps)).toEqual([
      ['down', 'm200', ['m200'], []],
      ['down', 'm100', ['m100'], ['b100', 'c100']],
    ]);
    expect(rowsAfterEachStep(['m100', 'm200'], steps)).toEqual([['m100'], ['b100', 'c100']]);
  });
});

describe('branch labels in plans', () => {
  test('<label>@base downgrades one tree of a forest and leaves the other', () => {
    const graph = forest();
    const steps = planDowngrade(graph, ['x200', 'y200'], 'why@base');
    expect(summarize(steps)).toEqual([
      ['down', 'y200', ['y200'], ['y100']],
      ['down', 'y100', ['y100'], []],
    ]);
    expect(rowsAfterEachStep(['x200', 'y200'], steps)).toEqual([['x200', 'y100'], ['x200']]);
    expect(planUpgrade(graph, ['x200'], 'why@base')).toEqual([]);
    expect(planStamp(graph, ['x200', 'y200'], 'ex@base')).toEqual({ delete: ['x200'], insert: [] });
  });

  test('<label>@base of a branch off a shared root keeps the root and the other branch', () => {
    const graph = twoBranches();
    expect(summarize(planDowngrade(graph, ['b200', 'c100'], 'bee@base'))).toEqual([
      ['down', 'b200', ['b200'], ['b100']],
      ['down', 'b100', ['b100'], []],
    ]);
    expect(summarize(planUpgrade(graph, [], 'sea@base'))).toEqual([['up', 'r000', [], ['r000']]]);
  });

  test('<label>@+N and <label>@-N move along that branch only', () => {
    const graph = twoBranches();
    expect(summarize(planUpgrade(graph, ['c100'], 'bee@+2'))).toEqual([
      ['up', 'b100', [], ['b100']],
      ['up', 'b200', ['b100'], ['b200']],
    ]);
    expect(summarize(planDowngrade(graph, ['b200', 'c100'], 'bee@-1'))).toEqual([['down', 'b200', ['b200'], ['b100']]]);
  });
});

describe('downgrade edge cases', () => {
  test('downgrading to the current revision plans nothing; above it is an error naming where the database is', () => {
    const graph = mergedThenContinued();
    expect(planDowngrade(graph, ['m200'], 'm200')).toEqual([]);
    expect(() => planDowngrade(graph, ['m200'], 'n300')).toThrow(/Cannot downgrade to n300: it is not applied \(the database is at m200\)/);
    expect(() => planDowngrade(graph, ['b100'], 'c100')).toThrow(/Cannot downgrade to c100: it is not applied/);
  });

  test('upgrade +1 and downgrade -1 from several current heads are errors, not guesses', () => {
    const graph = twoBranches();
    expect(() => planUpgrade(graph, ['b100', 'c100'], '+1')).toThrow(/several current heads \(b100, c100\).*bee@\+1|several current heads \(b100, c100\)/);
    expect(() => planDowngrade(graph, ['b200', 'c100'], '-1')).toThrow(/several current heads/);
  });
});

test('a line of 20,000 revisions plans without running out of stack', () => {
  const headers = Array.from({ length: 20_000 }, (_, i) => rev(`r${String(i).padStart(5, '0')}`, i === 0 ? [] : [`r${String(i - 1).padStart(5, '0')}`]));
  const graph = buildGraph(headers);
  const up = planUpgrade(graph, [], 'head');
  expect(up).toHaveLength(20_000);
  expect(up.at(-1)!.versionChange).toEqual({ delete: ['r19998'], insert: ['r19999'] });
  const down = planDowngrade(graph, ['r19999'], 'r00000');
  expect(down).toHaveLength(19_999);
  expect(down.at(-1)!.versionChange).toEqual({ delete: ['r00001'], insert: ['r00000'] });
});
