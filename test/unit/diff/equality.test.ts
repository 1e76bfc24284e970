import { columnDifferences, defaultsEqual, normalizeSql, sqlEqual, typesEqual } from '../../../src/model/equality.js';
import { column } from './builders.js';

describe('equality helpers', () => {
  test('normalizeSql collapses whitespace, lowers case outside quotes, drops outer parentheses', () => {
    expect(normalizeSql('( Price  >  0 )')).toBe('price>0');
    expect(normalizeSql(`lower("Name") = 'X Y'`)).toBe(`lower("Name")='X Y'`);
    expect(normalizeSql('(a) + (b)')).toBe('(a)+(b)');
    expect(normalizeSql('a IS NOT NULL')).toBe('a is not null');
    expect(normalizeSql("'it''s'")).toBe("'it''s'");
  });

  test('sqlEqual keeps meaningful differences', () => {
    expect(sqlEqual('a > 0', 'a >= 0')).toBe(false);
    expect(sqlEqual("x = 'A'", "x = 'a'")).toBe(false);
    expect(sqlEqual('NOT NULL', 'notnull')).toBe(false);
  });

  test('types compare structurally', () => {
    expect(typesEqual({ kind: 'numeric', precision: 10, scale: 2 }, { kind: 'numeric', precision: 10, scale: 2 })).toBe(true);
    expect(typesEqual({ kind: 'numeric', precision: 10, scale: 2 }, { kind: 'numeric', precision: 10 })).toBe(false);
    expect(typesEqual({ kind: 'timestamp', withTimezone: true }, { kind: 'timestamp', withTimezone: false })).toBe(false);
    expect(typesEqual({ kind: 'custom', sql: 'CITEXT' }, { kind: 'custom', sql: 'citext' })).toBe(true);
    expect(typesEqual({ kind: 'enum', name: 'm', values: ['a'] }, { kind: 'enum', name: 'm', values: ['a', 'b'] })).toBe(false);
  });

  test('defaults: literals by value, expressions by text, literal vs expression by SQL spelling', () => {
    expect(defaultsEqual({ kind: 'literal', value: 1 }, { kind: 'literal', value: '1' })).toBe(false);
    expect(defaultsEqual({ kind: 'literal', value: 1 }, { kind: 'expression', sql: '1' })).toBe(true);
    expect(defaultsEqual({ kind: 'literal', value: "it's" }, { kind: 'expression', sql: "'it''s'" })).toBe(true);
    expect(defaultsEqual(undefined, { kind: 'literal', value: null })).toBe(false);
  });

  test('a string with a backslash never equals expression text: its spelling depends on the dialect', () => {
    // On MySQL the expression 'C:\\' is the one-backslash string C:\, not the literal C:\\.
    expect(defaultsEqual({ kind: 'literal', value: 'C:\\\\' }, { kind: 'expression', sql: "'C:\\\\'" })).toBe(false);
    expect(defaultsEqual({ kind: 'expression', sql: "'C:\\'" }, { kind: 'literal', value: 'C:\\' })).toBe(false);
    expect(defaultsEqual({ kind: 'literal', value: 'C:\\' }, { kind: 'literal', value: 'C:\\' })).toBe(true);
    expect(defaultsEqual({ kind: 'expression', sql: "'C:\\'" }, { kind: 'expression', sql: "'C:\\'" })).toBe(true);
  });

  test('columnDifferences lists every differing aspect', () => {
    const a = column('c', { kind: 'text' });
    expect(columnDifferences(a, { ...a })).toEqual([]);
    expect(columnDifferences(a, { ...a, type: { kind: 'integer' }, nullable: false, collation: 'C', comment: 'x' })).toEqual([
      'type',
      'nullable',
      'comment',
      'collation',
    ]);
  });
});

describe('defaults as a column stores them', () => {
  test("'0' and 0 are one default of a numeric column, but not of a text one", () => {
    const zero = { kind: 'literal', value: 0 } as const;
    const text = { kind: 'literal', value: '0' } as const;
    expect(defaultsEqual(zero, text, { kind: 'integer' })).toBe(true);
    expect(defaultsEqual(zero, text, { kind: 'numeric', precision: 10, scale: 2 })).toBe(true);
    expect(defaultsEqual(zero, text, { kind: 'text' })).toBe(false);
  });

  test('1 and true are one default of a boolean column', () => {
    expect(defaultsEqual({ kind: 'literal', value: 1 }, { kind: 'literal', value: true }, { kind: 'boolean' })).toBe(true);
    expect(defaultsEqual({ kind: 'literal', value: '0' }, { kind: 'literal', value: false }, { kind: 'boolean' })).toBe(true);
    expect(defaultsEqual({ kind: 'literal', value: 1 }, { kind: 'literal', value: false }, { kind: 'boolean' })).toBe(false);
  });

  test('now() and CURRENT_TIMESTAMP are one default; LOCALTIMESTAMP is another', () => {
    const now = { kind: 'expression', sql: 'now()' } as const;
    expect(defaultsEqual(now, { kind: 'expression', sql: 'CURRENT_TIMESTAMP' })).toBe(true);
    expect(defaultsEqual(now, { kind: 'expression', sql: 'current_timestamp()' })).toBe(true);
    expect(defaultsEqual(now, { kind: 'expression', sql: 'LOCALTIMESTAMP' })).toBe(false);
  });
});

test("a numeric constant's scale does not matter to a numeric column", () => {
  expect(defaultsEqual({ kind: 'expression', sql: '1.50' }, { kind: 'literal', value: 1.5 }, { kind: 'numeric', precision: 10, scale: 2 })).toBe(true);
  expect(defaultsEqual({ kind: 'expression', sql: '1.50' }, { kind: 'literal', value: 1.5 })).toBe(false);
});
