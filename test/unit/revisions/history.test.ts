import { historyEntries } from '../../../src/revisions/history.js';
import { mergedThenContinued } from './fixtures.js';

test('history lists newest first with head, branch, merge and current flags', () => {
  const entries = historyEntries(mergedThenContinued(), ['c100', 'b100']);
  expect(
    entries.map((entry) => ({
      id: entry.revision.revision,
      children: entry.children,
      head: entry.isHead,
      branch: entry.isBranchPoint,
      merge: entry.isMergePoint,
      current: entry.isCurrent,
    })),
  ).toEqual([
    { id: 'n300', children: [], head: true, branch: false, merge: false, current: false },
    { id: 'm200', children: ['n300'], head: false, branch: false, merge: true, current: false },
    { id: 'c100', children: ['m200'], head: false, branch: false, merge: false, current: true },
    { id: 'b100', children: ['m200'], head: false, branch: false, merge: false, current: true },
    { id: 'r000', children: ['b100', 'c100'], head: false, branch: true, merge: false, current: false },
  ]);
});
