import { byName, compareStrings } from '../../../src/model/member-order.js';

test('members sort by name in code-unit order, then by schema with the default schema first', () => {
  const sorted = byName([{ name: 'users', schema: 'audit' }, { name: 'b' }, { name: 'users' }, { name: 'B' }, { name: 'users', schema: 'Audit' }]);
  expect(sorted).toEqual([{ name: 'B' }, { name: 'b' }, { name: 'users' }, { name: 'users', schema: 'Audit' }, { name: 'users', schema: 'audit' }]);
});

test('byName copies: the input keeps its order', () => {
  const input = [{ name: 'b' }, { name: 'a' }];
  byName(input);
  expect(input.map((item) => item.name)).toEqual(['b', 'a']);
});

test('compareStrings ignores the locale', () => {
  expect(['é', 'z', 'e'].sort(compareStrings)).toEqual(['e', 'z', 'é']);
});
