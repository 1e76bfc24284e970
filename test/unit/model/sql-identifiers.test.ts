import { identifiersIn, mayUseColumn } from '../../../src/model/sql-identifiers.js';

describe('identifiersIn', () => {
  test('bare words and quoted names, lower-cased; literals, numbers and comments left out', () => {
    expect([...identifiersIn(`length("Name") > 10 AND \`Score\` >= 1e3 AND [x y] <> 'price' -- note\n/* amount */`)].sort()).toEqual(
      ['and', 'length', 'name', 'score', 'x y'].sort(),
    );
  });

  test('casts and qualified names count every part', () => {
    expect([...identifiersIn('(t.c0)::numeric >= 0')].sort()).toEqual(['c0', 'numeric', 't']);
  });

  test('a backslash-escaped quote (MySQL) does not swallow the rest of the expression', () => {
    expect(identifiersIn(String.raw`c0 IN ('it\'s', 'x') AND c1 > 0`).has('c1')).toBe(true);
  });

  test("a string ending in a backslash (PostgreSQL, SQLite) does not swallow the rest either", () => {
    expect(identifiersIn(String.raw`c0 <> 'C:\' AND c1 > 0`).has('c1')).toBe(true);
  });

  test('doubled quotes inside literals and quoted names', () => {
    expect([...identifiersIn(`"a""b" = 'it''s'`)]).toEqual(['a"b']);
  });
});

describe('mayUseColumn', () => {
  test('compares without case and never matches inside a literal', () => {
    expect(mayUseColumn('"Price" > 0', 'price')).toBe(true);
    expect(mayUseColumn("note = 'price'", 'price')).toBe(false);
    expect(mayUseColumn('prices > 0', 'price')).toBe(false);
  });
});
