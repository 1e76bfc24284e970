import { branchBaseOf, resolveRevision, resolveTarget } from '../../../src/revisions/targets.js';
import { buildGraph } from '../../../src/revisions/graph.js';
import { SchemigrateError } from '../../../src/util/errors.js';
import { forest, linear, mergedThenContinued, rev, twoBranches } from './fixtures.js';

describe('resolveTarget', () => {
  const prefixes = buildGraph([rev('3f2a9c1b7d4e'), rev('3f2b00000000', ['3f2a9c1b7d4e']), rev('9c1e4b7a2f3d', ['3f2b00000000'])]);

  test('base, heads, head', () => {
    expect(resolveTarget(linear(), 'base', ['c3c3'])).toEqual([]);
    expect(resolveTarget(twoBranches(), 'heads', [])).toEqual(['b200', 'c100']);
    expect(resolveTarget(linear(), 'head', [])).toEqual(['c3c3']);
  });

  test('head with several heads lists every head', () => {
    expect(() => resolveTarget(twoBranches(), 'head', [])).toThrow(/has 2 heads: b200 .*, c100 /);
  });

  test('full IDs and unique prefixes of at least four characters', () => {
    expect(resolveTarget(prefixes, '9c1e4b7a2f3d', [])).toEqual(['9c1e4b7a2f3d']);
    expect(resolveTarget(prefixes, '9c1e', [])).toEqual(['9c1e4b7a2f3d']);
    expect(resolveTarget(prefixes, '3f2a', [])).toEqual(['3f2a9c1b7d4e']);
  });

  test('ambiguous, short and unknown prefixes', () => {
    expect(() => resolveTarget(prefixes, '3f2', [])).toThrow(/too short.*3f2a9c1b7d4e, 3f2b00000000/);
    expect(() => resolveRevision(buildGraph([rev('abcd1'), rev('abcd2')]), 'abcd')).toThrow(/'abcd' is ambiguous: it matches abcd1, abcd2/);
    expect(() => resolveTarget(prefixes, 'ffff', [])).toThrow(SchemigrateError);
    expect(() => resolveTarget(prefixes, 'ffff', [])).toThrow(/Unknown revision 'ffff'/);
  });

  test('+N and -N relative to the current revision', () => {
    expect(resolveTarget(linear(), '+1', [])).toEqual(['a1a1']);
    expect(resolveTarget(linear(), '+2', ['a1a1'])).toEqual(['c3c3']);
    expect(resolveTarget(linear(), '-1', ['c3c3'])).toEqual(['b2b2']);
    expect(resolveTarget(linear(), '-3', ['c3c3'])).toEqual([]);
  });

  test('stepping past the end says how many steps exist', () => {
    expect(() => resolveTarget(linear(), '+3', ['a1a1'])).toThrow(/Cannot move 3 step\(s\) above a1a1: only 2 step\(s\) exist/);
    expect(() => resolveTarget(linear(), '-4', ['c3c3'])).toThrow(/Cannot move 4 step\(s\) below c3c3: only 3 step\(s\) exist/);
  });

  test('<rev>+N and <rev>-N, with prefixes', () => {
    expect(resolveTarget(linear(), 'a1a1+2', [])).toEqual(['c3c3']);
    expect(resolveTarget(linear(), 'c3c3-2', [])).toEqual(['a1a1']);
    expect(resolveTarget(prefixes, '9c1e-1', [])).toEqual(['3f2b00000000']);
    expect(resolveTarget(linear(), 'base+1', [])).toEqual(['a1a1']);
    expect(() => resolveTarget(twoBranches(), 'r000+1', [])).toThrow(/r000 has several children: b100, c100/);
  });

  test('<label>@head and <rev>@head', () => {
    expect(resolveTarget(twoBranches(), 'bee@head', [])).toEqual(['b200']);
    expect(resolveTarget(twoBranches(), 'sea@head', [])).toEqual(['c100']);
    expect(resolveTarget(mergedThenContinued(), 'b100@head', [])).toEqual(['n300']);
    expect(() => resolveTarget(twoBranches(), 'r000@head', [])).toThrow(/The branch 'r000' has 2 heads/);
    expect(() => resolveTarget(twoBranches(), 'nope@head', [])).toThrow(/Unknown revision 'nope'/);
  });

  test('head of an empty graph', () => {
    expect(() => resolveTarget(buildGraph([]), 'head', [])).toThrow(/has no revisions yet/);
  });
});

describe('branch-label targets', () => {
  test('<label>@base is just below the labelled revision', () => {
    expect(branchBaseOf(twoBranches(), 'bee@base')).toBe('b100');
    expect(branchBaseOf(twoBranches(), 'head')).toBeUndefined();
    expect(resolveTarget(twoBranches(), 'bee@base', [])).toEqual(['r000']);
    expect(resolveTarget(forest(), 'why@base', [])).toEqual([]);
    expect(() => resolveTarget(twoBranches(), 'nope@base', [])).toThrow(/Unknown revision 'nope'/);
  });

  test('<label>@+N counts from the branch’s current revision, or from below the branch', () => {
    expect(resolveTarget(twoBranches(), 'bee@+1', [])).toEqual(['b100']);
    expect(resolveTarget(twoBranches(), 'bee@+2', ['c100'])).toEqual(['b200']);
    expect(resolveTarget(twoBranches(), 'bee@+1', ['b100', 'c100'])).toEqual(['b200']);
    expect(resolveTarget(forest(), 'why@+1', ['x200', 'y100'])).toEqual(['y200']);
  });

  test('<label>@-N steps down from the branch’s current revision', () => {
    expect(resolveTarget(twoBranches(), 'bee@-1', ['b200', 'c100'])).toEqual(['b100']);
    expect(resolveTarget(twoBranches(), 'bee@-2', ['b200', 'c100'])).toEqual(['r000']);
    expect(resolveTarget(forest(), 'why@-2', ['x200', 'y200'])).toEqual([]);
  });

  test('running past the end of a branch says how many steps exist', () => {
    expect(() => resolveTarget(twoBranches(), 'bee@+3', [])).toThrow(/Cannot move 3 step\(s\) above the base of branch 'bee': only 2 step\(s\) exist/);
    expect(() => resolveTarget(twoBranches(), 'sea@+2', ['c100'])).toThrow(/Cannot move 2 step\(s\) above c100: only 0 step\(s\) exist/);
    expect(() => resolveTarget(forest(), 'why@-3', ['y200'])).toThrow(/Cannot move 3 step\(s\) below y200: only 2 step\(s\) exist/);
    expect(() => resolveTarget(twoBranches(), 'sea@-1', ['b200'])).toThrow(/none of its revisions is applied/);
  });

  test('several current heads: +N and -N are errors that list them; naming a branch works', () => {
    expect(() => resolveTarget(twoBranches(), '+1', ['b100', 'c100'])).toThrow(/several current heads \(b100, c100\).*<branchLabel>@\+1/);
    expect(() => resolveTarget(twoBranches(), '-1', ['b200', 'c100'])).toThrow(/several current heads \(b200, c100\)/);
    expect(resolveTarget(twoBranches(), 'sea@-1', ['b200', 'c100'])).toEqual(['r000']);
  });
});
