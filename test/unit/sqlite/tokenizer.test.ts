import { matchingParen, sourceOf, splitTopLevel, tokenize } from '../../../src/dialects/sqlite/tokenizer.js';
import { parseCreateTable } from '../../../src/dialects/sqlite/parse-create-table.js';
import { parseCreateIndex } from '../../../src/dialects/sqlite/parse-create-index.js';

describe('tokenize', () => {
  test('unquotes every identifier quoting style and keeps keywords as words', () => {
    const tokens = tokenize('CREATE TABLE "a ""b""" (`c`, [d e], f)');
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['word', 'CREATE'],
      ['word', 'TABLE'],
      ['quoted', 'a "b"'],
      ['punctuation', '('],
      ['quoted', 'c'],
      ['punctuation', ','],
      ['quoted', 'd e'],
      ['punctuation', ','],
      ['word', 'f'],
      ['punctuation', ')'],
    ]);
  });

  test("unescapes '' inside strings and does not end the string there", () => {
    const tokens = tokenize("DEFAULT 'it''s (not) -- a comment'");
    expect(tokens).toHaveLength(2);
    expect(tokens[1]).toMatchObject({ kind: 'string', value: "it's (not) -- a comment" });
  });

  test('skips line and block comments', () => {
    const tokens = tokenize('a -- gone ( \n /* also ) gone */ b');
    expect(tokens.map((t) => t.value)).toEqual(['a', 'b']);
  });

  test('reads numbers, blobs and multi-character operators', () => {
    const tokens = tokenize("x >= 1.5e3 || X'0A' <> .5");
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['word', 'x'],
      ['punctuation', '>='],
      ['number', '1.5e3'],
      ['punctuation', '||'],
      ['blob', "X'0A'"],
      ['punctuation', '<>'],
      ['number', '.5'],
    ]);
  });

  test('reads JSON arrows, hex numbers and words and spaces beyond ASCII', () => {
    const tokens = tokenize('données\u00a0->> 0x1F -> $v_2 ->>é');
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['word', 'données'],
      ['punctuation', '->>'],
      ['number', '0x1F'],
      ['punctuation', '->'],
      ['word', '$v_2'],
      ['punctuation', '->>'],
      ['word', 'é'],
    ]);
  });

  test('keeps source offsets so that expressions can be sliced out as written', () => {
    const source = 'CHECK ( "price"  > 0 /* why */ AND f(a, (b)) )';
    const tokens = tokenize(source);
    const close = matchingParen(tokens, 1);
    expect(close).toBe(tokens.length - 1);
    expect(sourceOf(source, tokens.slice(2, close))).toBe('"price"  > 0 /* why */ AND f(a, (b))');
  });

  test('splits at top-level commas only', () => {
    const tokens = tokenize("a, f(b, c), 'd,e'");
    expect(splitTopLevel(tokens, 0, tokens.length).map((part) => part.map((t) => t.value).join(' '))).toEqual([
      'a',
      'f ( b , c )',
      'd,e',
    ]);
  });
});

describe('parseCreateTable', () => {
  test('reads column-level constraints, names, collation, autoincrement and generated columns', () => {
    const parsed = parseCreateTable(`CREATE TABLE [t] (
      id INTEGER CONSTRAINT pk PRIMARY KEY AUTOINCREMENT,
      "E-mail" TEXT NOT NULL COLLATE NOCASE CONSTRAINT uq_mail UNIQUE,
      total NUMERIC(10, 2) DEFAULT (1 + 2) CHECK (total >= 0),
      parent INTEGER REFERENCES t (id) ON DELETE SET DEFAULT UNIQUE,
      twice INTEGER GENERATED ALWAYS AS (total * 2) STORED,
      note TEXT AS (lower("E-mail")) -- virtual
    )`);
    expect(parseCreateTable('CREATE TABLE t (a double  precision NOT NULL, b, c int)').columns.map((c) => c.declaredType)).toEqual([
      'double  precision',
      '',
      'int',
    ]);
    expect(parsed.columns).toEqual([
      { name: 'id', declaredType: 'INTEGER', autoIncrement: true, collation: undefined, generated: undefined },
      { name: 'E-mail', declaredType: 'TEXT', autoIncrement: false, collation: 'NOCASE', generated: undefined },
      { name: 'total', declaredType: 'NUMERIC(10, 2)', autoIncrement: false, collation: undefined, generated: undefined },
      { name: 'parent', declaredType: 'INTEGER', autoIncrement: false, collation: undefined, generated: undefined },
      { name: 'twice', declaredType: 'INTEGER', autoIncrement: false, collation: undefined, generated: { sql: 'total * 2', stored: true } },
      { name: 'note', declaredType: 'TEXT', autoIncrement: false, collation: undefined, generated: { sql: 'lower("E-mail")', stored: false } },
    ]);
    expect(parsed.constraints).toEqual([
      { kind: 'primaryKey', name: 'pk', columns: ['id'], autoIncrement: false },
      { kind: 'unique', name: 'uq_mail', columns: ['E-mail'] },
      { kind: 'check', name: undefined, sql: 'total >= 0', column: 'total' },
      { kind: 'foreignKey', name: undefined, columns: ['parent'], referencedTable: 't', referencedColumns: ['id'] },
      { kind: 'unique', name: undefined, columns: ['parent'] },
    ]);
  });

  test('reads table-level constraints with and without names', () => {
    const parsed = parseCreateTable(`CREATE TABLE t (a INT, b INT, c INT,
      CONSTRAINT pk_t PRIMARY KEY (a AUTOINCREMENT),
      UNIQUE (b, c),
      CONSTRAINT "ck one" CHECK (b <> ',' AND (c > 0)),
      CONSTRAINT fk_t FOREIGN KEY (b, c) REFERENCES "other" (x, y) ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED
    )`);
    expect(parsed.constraints).toEqual([
      { kind: 'primaryKey', name: 'pk_t', columns: ['a'], autoIncrement: true },
      { kind: 'unique', name: undefined, columns: ['b', 'c'] },
      { kind: 'check', name: 'ck one', sql: "b <> ',' AND (c > 0)" },
      { kind: 'foreignKey', name: 'fk_t', columns: ['b', 'c'], referencedTable: 'other', referencedColumns: ['x', 'y'] },
    ]);
  });
});

describe('parseCreateIndex', () => {
  test('reads expression parts (without parentheses around the whole), directions, collations and the WHERE clause', () => {
    expect(
      parseCreateIndex(`CREATE UNIQUE INDEX "ix" ON "posts" (lower(title) DESC, "id" COLLATE NOCASE ASC, (a || ',')) WHERE deleted_at IS NULL;`),
    ).toEqual({
      parts: [
        { sql: 'lower(title)', descending: true },
        { sql: '"id"', descending: false },
        { sql: "a || ','", descending: false },
      ],
      where: 'deleted_at IS NULL',
    });
  });

  test('has no WHERE for a full index', () => {
    expect(parseCreateIndex('CREATE INDEX ix ON t (a)')).toEqual({ parts: [{ sql: 'a', descending: false }] });
  });
});
