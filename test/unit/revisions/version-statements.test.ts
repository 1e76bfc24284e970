import { planDowngrade, planUpgrade, type Step } from '../../../src/revisions/plan.js';
import { versionStatements, type VersionStatement } from '../../../src/revisions/version-statements.js';
import { linear, mergedThenContinued, rowsAfterEachStep, twoBranches, twoMergesSharingParents, withDependency } from './fixtures.js';

/** Each step's statements as short strings: `+id`, `-id`, `from>to`. */
function statementsOf(steps: readonly Step[]): string[][] {
  const short = (statement: VersionStatement) =>
    statement.kind === 'insert' ? `+${statement.revision}` : statement.kind === 'delete' ? `-${statement.revision}` : `${statement.from}>${statement.to}`;
  return steps.map((step) => versionStatements(step.versionChange).map(short));
}

describe('versionStatements', () => {
  test('a line updates its one row, both ways; the first and last step insert and delete', () => {
    expect(statementsOf(planUpgrade(linear(), [], 'head'))).toEqual([['+a1a1'], ['a1a1>b2b2'], ['b2b2>c3c3']]);
    expect(statementsOf(planDowngrade(linear(), ['c3c3'], 'base'))).toEqual([['c3c3>b2b2'], ['b2b2>a1a1'], ['-a1a1']]);
  });

  test('a new branch inserts; closing it deletes', () => {
    expect(statementsOf(planUpgrade(twoBranches(), [], 'heads'))).toEqual([['+r000'], ['r000>b100'], ['b100>b200'], ['+c100']]);
    expect(statementsOf(planDowngrade(twoBranches(), ['b200', 'c100'], 'r000'))).toEqual([['-c100'], ['b200>b100'], ['b100>r000']]);
  });

  test('a merge deletes one parent and updates the other; undoing it updates and inserts', () => {
    const graph = mergedThenContinued();
    const up = planUpgrade(graph, [], 'head');
    expect(statementsOf(up)).toEqual([['+r000'], ['r000>b100'], ['+c100'], ['-c100', 'b100>m200'], ['m200>n300']]);
    expect(rowsAfterEachStep([], up)).toEqual([['r000'], ['b100'], ['b100', 'c100'], ['m200'], ['n300']]);
    const down = planDowngrade(graph, ['n300'], 'base');
    expect(statementsOf(down)).toEqual([['n300>m200'], ['m200>b100', '+c100'], ['-c100'], ['b100>r000'], ['-r000']]);
    expect(rowsAfterEachStep(['n300'], down)).toEqual([['m200'], ['b100', 'c100'], ['b100'], ['r000'], []]);
  });

  test('two merges of the same parents: the second only inserts, and undoing it only deletes', () => {
    const graph = twoMergesSharingParents();
    const up = planUpgrade(graph, [], 'heads');
    expect(statementsOf(up)).toEqual([['+r000'], ['r000>b100'], ['+c100'], ['-c100', 'b100>m100'], ['+m200']]);
    expect(rowsAfterEachStep([], up)).toEqual([['r000'], ['b100'], ['b100', 'c100'], ['m100'], ['m100', 'm200']]);
    // m200 does not build on m100: a downgrade to m100 leaves it alone.
    expect(planDowngrade(graph, ['m100', 'm200'], 'm100')).toEqual([]);
    const toRoot = planDowngrade(graph, ['m100', 'm200'], 'r000');
    expect(statementsOf(toRoot)).toEqual([['-m200'], ['m100>b100', '+c100'], ['-c100'], ['b100>r000']]);
    expect(rowsAfterEachStep(['m100', 'm200'], toRoot)).toEqual([['m100'], ['b100', 'c100'], ['b100'], ['r000']]);
  });

  test('a dependency across branches: the dependent updates its own line and deletes the dependency row', () => {
    expect(statementsOf(planUpgrade(withDependency(), [], 'b300'))).toEqual([['+a100'], ['a100>a200'], ['+b100'], ['-a200', 'b100>b200'], ['b200>b300']]);
  });
});
