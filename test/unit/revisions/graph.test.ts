import { buildGraph } from '../../../src/revisions/graph.js';
import { SchemigrateError } from '../../../src/util/errors.js';
import { forest, linear, mergedThenContinued, rev, twoBranches, withDependency } from './fixtures.js';

describe('buildGraph', () => {
  test('a line has one base, one head, and a parents-first order', () => {
    const graph = linear();
    expect(graph.bases).toEqual(['a1a1']);
    expect(graph.heads).toEqual(['c3c3']);
    expect(graph.topologicalOrder()).toEqual(['a1a1', 'b2b2', 'c3c3']);
    expect(graph.ancestors('c3c3')).toEqual(['a1a1', 'b2b2']);
    expect(graph.descendants('a1a1')).toEqual(['b2b2', 'c3c3']);
    expect(graph.get('b2b2').file).toBe('/project/migrations/versions/b2b2_file.ts');
  });

  test('branches: several heads, a branch point, each branch whole in the order', () => {
    const graph = twoBranches();
    expect(graph.heads).toEqual(['b200', 'c100']);
    expect(graph.children('r000')).toEqual(['b100', 'c100']);
    expect(graph.topologicalOrder()).toEqual(['r000', 'b100', 'b200', 'c100']);
    expect(graph.branchLabelOwner('sea')).toBe('c100');
    expect(graph.branchLabelOwner('nope')).toBeUndefined();
  });

  test('a merge has several parents and joins its ancestors', () => {
    const graph = mergedThenContinued();
    expect(graph.heads).toEqual(['n300']);
    expect(graph.ancestors('n300')).toEqual(['b100', 'c100', 'm200', 'r000']);
    expect(graph.topologicalOrder()).toEqual(['r000', 'b100', 'c100', 'm200', 'n300']);
  });

  test('a forest has several bases', () => {
    const graph = forest();
    expect(graph.bases).toEqual(['x100', 'y100']);
    expect(graph.heads).toEqual(['x200', 'y200']);
    expect(graph.topologicalOrder()).toEqual(['x100', 'x200', 'y100', 'y200']);
  });

  test('dependsOn makes ancestors but not children: the dependency stays a head of its own stream', () => {
    const graph = withDependency();
    expect(graph.heads).toEqual(['a300', 'b300']);
    expect(graph.children('a200')).toEqual(['a300']);
    expect(graph.ancestors('b300')).toEqual(['a100', 'a200', 'b100', 'b200']);
    expect(graph.descendants('a200')).toEqual(['a300', 'b200', 'b300']);
    expect(graph.requirements('b200')).toEqual(['a200', 'b100']);
    expect(graph.dependents('a200')).toEqual(['a300', 'b200']);
  });

  test('an empty folder is an empty graph', () => {
    const graph = buildGraph([]);
    expect(graph.heads).toEqual([]);
    expect(graph.topologicalOrder()).toEqual([]);
  });

  test('get of an unknown revision is a SchemigrateError', () => {
    expect(() => linear().get('zzzz')).toThrow(SchemigrateError);
  });

  describe('validation names the files', () => {
    const cases: [string, () => unknown, RegExp[]][] = [
      ['duplicate IDs', () => buildGraph([rev('a100'), { ...rev('a100'), file: '/v/other.ts' }]), [/Duplicate revision ID 'a100'/, /a100_file\.ts/, /\/v\/other\.ts/]],
      ['a missing parent', () => buildGraph([rev('a100', ['gone'])]), [/'gone' in its downRevision/, /a100_file\.ts/]],
      ['a missing dependency', () => buildGraph([rev('a100'), rev('b100', [], { dependsOn: ['gone'] })]), [/'gone' in its dependsOn/, /b100_file\.ts/]],
      ['a revision that is its own parent', () => buildGraph([rev('a100', ['a100'])]), [/names itself in its downRevision/, /a100_file\.ts/]],
      ['a revision that depends on itself', () => buildGraph([rev('a100', [], { dependsOn: ['a100'] })]), [/names itself in its dependsOn/]],
      ['a cycle of parents', () => buildGraph([rev('a100', ['c100']), rev('b100', ['a100']), rev('c100', ['b100'])]), [/cycle: a100 \(a100_file\.ts\) -> c100 \(c100_file\.ts\) -> b100 \(b100_file\.ts\) -> a100/]],
      ['a cycle through dependsOn', () => buildGraph([rev('a100', [], { dependsOn: ['c100'] }), rev('b100', ['a100']), rev('c100', ['b100'])]), [/cycle: a100 .* -> c100 .* -> b100 .* -> a100/, /c100_file\.ts/]],
      ['a branch label used twice', () => buildGraph([rev('a100', [], { branchLabels: ['x'] }), rev('b100', [], { branchLabels: ['x'] })]), [/Branch label 'x' is used twice/, /a100_file\.ts/, /b100_file\.ts/]],
    ];
    test.each(cases)('%s', (_name, build, patterns) => {
      let error: unknown;
      try {
        build();
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(SchemigrateError);
      for (const pattern of patterns) expect((error as Error).message).toMatch(pattern);
    });
  });
});
