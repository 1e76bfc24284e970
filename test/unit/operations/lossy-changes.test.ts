/**
 * The lossy-change classifier over the type matrix, per dialect: which changes may lose, round
 * or refuse data (with the values to count), and which pass as lossless.
 */
import type { DialectName } from '../../../src/config/url.js';
import { mysqlDialect } from '../../../src/dialects/mysql/index.js';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js';
import { describeType } from '../../../src/model/describe-type.js';
import type { ColumnType } from '../../../src/model/types.js';
import { findLossyChanges } from '../../../src/operations/lossy-changes.js';
import { typeChangeRisks, type TypeFacts } from '../../../src/operations/lossy-type-changes.js';
import { column, table } from '../diff/builders.js';

const FACTS: Record<DialectName, TypeFacts> = { postgres: postgresDialect, mysql: mysqlDialect, sqlite: sqliteDialect };

const numeric = (precision?: number, scale?: number): ColumnType => ({
  kind: 'numeric',
  ...(precision !== undefined && { precision }),
  ...(scale !== undefined && { scale }),
});
const varchar = (length?: number): ColumnType => ({ kind: 'varchar', ...(length !== undefined && { length }) });
const char = (length: number): ColumnType => ({ kind: 'char', length });
const timestamp = (precision?: number): ColumnType => ({ kind: 'timestamp', withTimezone: false, ...(precision !== undefined && { precision }) });
const kind = (name: 'smallint' | 'integer' | 'bigint' | 'real' | 'double' | 'text' | 'boolean' | 'date' | 'time' | 'uuid' | 'json' | 'jsonb') =>
  ({ kind: name }) as ColumnType;
const enumOf = (...values: string[]): ColumnType => ({ kind: 'enum', name: 'mood', values });

const INT = { min: '-2147483648', max: '2147483647' };
const SMALL = { min: '-32768', max: '32767' };

/** [dialect, from, to, expected risks as [reason after the change, values at risk]]. */
const MATRIX: [DialectName, ColumnType, ColumnType, [string, object][]][] = [
  // Numeric precision and scale.
  ['postgres', numeric(10, 2), numeric(10, 0), [['rounds values to whole numbers', { kind: 'fraction', scale: 0 }]]],
  ['mysql', numeric(10, 2), numeric(10, 0), [['rounds values to whole numbers', { kind: 'fraction', scale: 0 }]]],
  ['postgres', numeric(10, 2), numeric(9, 1), [['rounds values to 1 decimal place', { kind: 'fraction', scale: 1 }]]],
  ['postgres', numeric(10, 2), numeric(8, 2), [['holds values from -999999.99 to 999999.99 only', { kind: 'outside', min: '-999999.99', max: '999999.99', scale: 2 }]]],
  ['postgres', numeric(10, 2), numeric(10, 4), [['holds values from -999999.9999 to 999999.9999 only', { kind: 'outside', min: '-999999.9999', max: '999999.9999', scale: 4 }]]],
  ['postgres', numeric(10, 2), numeric(12, 4), []],
  ['postgres', numeric(10, 2), numeric(), []],
  ['postgres', numeric(), numeric(4, 2), [
    ['rounds values to 2 decimal places', { kind: 'fraction', scale: 2 }],
    ['holds values from -99.99 to 99.99 only', { kind: 'outside', min: '-99.99', max: '99.99', scale: 2 }],
  ]],
  // MySQL's bare DECIMAL is DECIMAL(10, 0).
  ['mysql', numeric(10, 2), numeric(), [['rounds values to whole numbers', { kind: 'fraction', scale: 0 }]]],
  ['mysql', numeric(), numeric(12, 2), []],
  // Floats to integers and numerics.
  ['postgres', kind('double'), kind('integer'), [
    ['rounds values to whole numbers', { kind: 'fraction', scale: 0 }],
    [`holds ${INT.min} to ${INT.max} only`, { kind: 'outside', ...INT, scale: 0 }],
  ]],
  ['mysql', kind('real'), kind('smallint'), [
    ['rounds values to whole numbers', { kind: 'fraction', scale: 0 }],
    [`holds ${SMALL.min} to ${SMALL.max} only`, { kind: 'outside', ...SMALL, scale: 0 }],
  ]],
  ['postgres', kind('double'), numeric(10, 2), [
    ['rounds values to 2 decimal places', { kind: 'fraction', scale: 2 }],
    ['holds values from -99999999.99 to 99999999.99 only', { kind: 'outside', min: '-99999999.99', max: '99999999.99', scale: 2 }],
  ]],
  ['postgres', kind('double'), numeric(), [['keeps 15 significant digits of each value', { kind: 'fraction' }]]],
  ['postgres', kind('real'), numeric(), [['keeps 6 significant digits of each value', { kind: 'fraction' }]]],
  ['postgres', kind('double'), kind('real'), [['keeps about 6 significant digits of each value', { kind: 'nonNull' }]]],
  ['postgres', kind('real'), kind('double'), []],
  // Integers narrowed, widened, and into numerics and floats.
  ['postgres', kind('bigint'), kind('integer'), [[`holds ${INT.min} to ${INT.max} only`, { kind: 'outside', ...INT }]]],
  ['mysql', kind('integer'), kind('smallint'), [[`holds ${SMALL.min} to ${SMALL.max} only`, { kind: 'outside', ...SMALL }]]],
  ['postgres', kind('smallint'), kind('bigint'), []],
  ['postgres', kind('integer'), numeric(10, 0), []],
  ['postgres', kind('integer'), numeric(6, 2), [['holds values from -9999.99 to 9999.99 only', { kind: 'outside', min: '-9999.99', max: '9999.99', scale: 2 }]]],
  ['postgres', numeric(10, 0), kind('integer'), [[`holds ${INT.min} to ${INT.max} only`, { kind: 'outside', ...INT }]]],
  ['postgres', numeric(9, 0), kind('integer'), []],
  ['postgres', numeric(5, 2), kind('smallint'), [['rounds values to whole numbers', { kind: 'fraction', scale: 0 }]]],
  ['postgres', kind('integer'), kind('real'), [['holds integers exactly up to ±16777216 only', { kind: 'outside', min: '-16777216', max: '16777216' }]]],
  ['postgres', kind('integer'), kind('double'), []],
  ['mysql', kind('bigint'), kind('double'), [['holds integers exactly up to ±9007199254740992 only', { kind: 'outside', min: '-9007199254740992', max: '9007199254740992' }]]],
  ['postgres', numeric(20, 4), kind('double'), [['keeps about 15 significant digits of each value', { kind: 'nonNull' }]]],
  ['postgres', numeric(10, 2), kind('double'), []],
  ['postgres', kind('integer'), kind('boolean'), [['holds true and false only: numbers other than 0 and 1 are converted or refused', { kind: 'notZeroOrOne' }]]],
  // Strings shortened.
  ['postgres', varchar(200), varchar(20), [['fits no value longer than 20 characters', { kind: 'longer', length: 20 }]]],
  ['mysql', varchar(200), varchar(20), [['fits no value longer than 20 characters', { kind: 'longer', length: 20 }]]],
  ['postgres', varchar(20), varchar(200), []],
  ['postgres', kind('text'), varchar(20), [['fits no value longer than 20 characters', { kind: 'longer', length: 20 }]]],
  ['postgres', varchar(), varchar(20), [['fits no value longer than 20 characters', { kind: 'longer', length: 20 }]]],
  ['postgres', varchar(20), kind('text'), []],
  ['postgres', char(10), char(5), [['fits no value longer than 5 characters', { kind: 'longer', length: 5 }]]],
  ['postgres', varchar(5), char(10), []],
  ['postgres', enumOf('small', 'medium'), varchar(5), [['fits no value longer than 5 characters', { kind: 'longer', length: 5 }]]],
  ['postgres', enumOf('s', 'm'), varchar(5), []],
  ['postgres', kind('integer'), varchar(5), [['fits no value longer than 5 characters', { kind: 'longer', length: 5 }]]],
  ['postgres', kind('integer'), varchar(20), []],
  ['postgres', kind('uuid'), varchar(36), []],
  // Text into numbers, booleans, dates, uuids and JSON.
  ['postgres', kind('text'), kind('integer'), [["re-reads text as numbers ('0123' becomes 123); text that is not one stops the upgrade", { kind: 'nonNull' }]]],
  ['mysql', varchar(40), numeric(10, 2), [["re-reads text as numbers ('0123' becomes 123); text that is not one stops the upgrade", { kind: 'nonNull' }]]],
  ['postgres', kind('text'), kind('boolean'), [["re-reads text as true or false ('yes' and 't' become true on PostgreSQL); other text stops the upgrade", { kind: 'nonNull' }]]],
  ['postgres', varchar(30), kind('date'), [["re-reads text as dates ('2024-1-5' becomes 2024-01-05); text that is not one stops the upgrade", { kind: 'nonNull' }]]],
  ['postgres', kind('text'), timestamp(), [[expect.stringMatching(/^re-reads text as timestamps/) as unknown as string, { kind: 'nonNull' }]]],
  ['postgres', kind('text'), kind('uuid'), [['keeps uuids only, in lower case without braces; other text stops the upgrade', { kind: 'nonNull' }]]],
  // MySQL keeps a uuid as char(36): text narrows to it.
  ['mysql', kind('text'), kind('uuid'), [['fits no value longer than 36 characters', { kind: 'longer', length: 36 }]]],
  ['postgres', kind('text'), kind('json'), [['keeps valid JSON only; other text stops the upgrade', { kind: 'nonNull' }]]],
  ['postgres', kind('text'), kind('jsonb'), [[expect.stringMatching(/^parses text as jsonb: whitespace, key order and duplicate keys are not kept/) as unknown as string, { kind: 'nonNull' }]]],
  ['postgres', kind('json'), kind('jsonb'), [['re-spells documents: whitespace, key order and duplicate keys are not kept', { kind: 'nonNull' }]]],
  ['postgres', kind('integer'), kind('text'), []],
  // Timestamps: PostgreSQL keeps microseconds by default, MySQL's DATETIME whole seconds.
  ['postgres', timestamp(6), timestamp(3), [['keeps 3 fractional second digits', { kind: 'subsecond', precision: 3, withTimezone: false }]]],
  ['postgres', timestamp(), timestamp(0), [['drops fractions of a second', { kind: 'subsecond', precision: 0, withTimezone: false }]]],
  ['mysql', timestamp(), timestamp(3), []],
  ['mysql', timestamp(6), timestamp(), [['drops fractions of a second', { kind: 'subsecond', precision: 0, withTimezone: false }]]],
  ['postgres', timestamp(), kind('date'), [['drops the time of day', { kind: 'timeOfDay' }]]],
  ['mysql', timestamp(), kind('time'), [['drops the date', { kind: 'nonNull' }]]],
  ['postgres', kind('date'), timestamp(), []],
  // Enumeration values removed (an inline enum is part of the column type on MySQL and SQLite).
  ['mysql', enumOf('a', 'b', 'c'), enumOf('a', 'b'), [["removes the value 'c': rows holding it stop the upgrade", { kind: 'among', values: ['c'] }]]],
  ['sqlite', enumOf('a', 'b', 'c'), enumOf('a'), [["removes the values 'b', 'c': rows holding them stop the upgrade", { kind: 'among', values: ['b', 'c'] }]]],
  ['mysql', enumOf('a'), enumOf('a', 'b'), []],
  // SQLite enforces no length, precision or scale; only affinity changes values.
  ['sqlite', numeric(10, 2), numeric(10, 0), []],
  ['sqlite', kind('double'), kind('integer'), []],
  ['sqlite', kind('bigint'), kind('smallint'), []],
  ['sqlite', varchar(200), varchar(20), []],
  ['sqlite', timestamp(6), kind('date'), []],
  ['sqlite', kind('integer'), kind('text'), []],
  ['sqlite', kind('text'), kind('integer'), [[expect.stringMatching(/^lets SQLite's type affinity turn text that reads as a number into that number/) as unknown as string, { kind: 'numericText' }]]],
  ['sqlite', varchar(30), kind('date'), [[expect.stringMatching(/^lets SQLite's type affinity/) as unknown as string, { kind: 'numericText' }]]],
  ['sqlite', kind('text'), { kind: 'custom', sql: 'int4' }, [[expect.stringMatching(/^lets SQLite's type affinity/) as unknown as string, { kind: 'numericText' }]]],
  ['sqlite', kind('bigint'), kind('double'), [['holds integers exactly up to ±9007199254740992 only', { kind: 'outside', min: '-9007199254740992', max: '9007199254740992' }]]],
  // Custom types are not judged where the server converts.
  ['postgres', { kind: 'custom', sql: 'citext' }, varchar(10), []],
];

describe('typeChangeRisks', () => {
  test.each(MATRIX)('%s: %j → %j', (dialect, from, to, expected) => {
    const risks = typeChangeRisks(from, to, FACTS[dialect]);
    expect(risks.map((risk) => risk.atRisk)).toEqual(expected.map(([, atRisk]) => atRisk));
    // An enumeration that keeps its name is named once.
    const change = describeType(from) === describeType(to) ? `${describeType(to)} ` : `${describeType(from)} → ${describeType(to)} `;
    for (const risk of risks) expect(risk.reason.startsWith(change)).toBe(true);
    expect(risks.map((risk) => risk.reason.slice(change.length))).toEqual(expected.map(([reason]) => reason));
  });

  test('the reason starts with the change as types are described', () => {
    expect(typeChangeRisks(numeric(10, 2), numeric(10, 0), FACTS.postgres)[0]!.reason).toBe('numeric(10, 2) → numeric(10, 0) rounds values to whole numbers');
  });
  test("the facts are the dialect's own: another dialect's conversions judge the same change differently", () => {
    const wholeSeconds = { ...postgresDialect.typeConversions, timestampPrecision: 0 };
    expect(typeChangeRisks(timestamp(), timestamp(0), FACTS.postgres)).toHaveLength(1);
    expect(typeChangeRisks(timestamp(), timestamp(0), { typeConversions: wholeSeconds })).toEqual([]);
  });
});

describe('findLossyChanges', () => {
  const prices = table('prices', {
    columns: [
      column('id', kind('integer'), { nullable: false }),
      column('amount', numeric(10, 2)),
      column('status', kind('text'), { nullable: false, default: { kind: 'literal', value: 'new' } }),
      column('note', kind('text'), { default: { kind: 'literal', value: '' } }),
      column('mood', { kind: 'enum', name: 'mood', values: ['sad', 'ok', 'happy'] }),
    ],
  });
  const columnNamed = (name: string) => prices.columns.find((c) => c.name === name)!;

  test('an alterColumn narrowing a type, after a rename, is named as the operations name it', () => {
    const amount = columnNamed('amount');
    const changes = findLossyChanges(
      [
        { kind: 'renameTable', from: 'prices', to: 'costs' },
        { kind: 'renameColumn', table: 'costs', from: 'amount', to: 'total' },
        { kind: 'alterColumn', table: 'costs', from: { ...amount, name: 'total' }, to: { ...amount, name: 'total', type: numeric(10, 0) } },
      ],
      FACTS.postgres,
    );
    expect(changes).toEqual([
      { table: 'costs', column: 'total', reason: 'numeric(10, 2) → numeric(10, 0) rounds values to whole numbers', atRisk: { kind: 'fraction', scale: 0 } },
    ]);
  });

  test("dropping a NOT NULL column's default is lossy; a nullable column's, a generated or an auto-increment one's are not", () => {
    const status = columnNamed('status');
    const note = columnNamed('note');
    const { default: _dropped, ...statusWithout } = status;
    const { default: _gone, ...noteWithout } = note;
    const changes = findLossyChanges(
      [
        { kind: 'alterColumn', table: 'prices', from: status, to: statusWithout },
        { kind: 'alterColumn', table: 'prices', from: note, to: noteWithout },
        { kind: 'alterColumn', table: 'prices', from: status, to: { ...statusWithout, autoIncrement: true } },
        { kind: 'alterColumn', table: 'prices', from: status, to: { ...statusWithout, generated: { sql: "'x'", stored: true } } },
      ],
      FACTS.sqlite,
    );
    expect(changes).toEqual([
      { table: 'prices', column: 'status', reason: "loses its default 'new': it is NOT NULL, so inserts that omit it will fail", atRisk: { kind: 'rows' } },
    ]);
  });

  test('a generated column is never judged: its values are derived again', () => {
    const amount = { ...columnNamed('amount'), generated: { sql: 'id * 2', stored: true } };
    expect(findLossyChanges([{ kind: 'alterColumn', table: 'prices', from: amount, to: { ...amount, type: kind('integer') } }], FACTS.postgres)).toEqual([]);
  });

  test("a PostgreSQL enumeration losing values is named by its type; only the column's alterColumn counts, not the alterEnum", () => {
    const mood = columnNamed('mood');
    const changes = findLossyChanges(
      [
        { kind: 'alterEnum', from: { name: 'mood', values: ['sad', 'ok', 'happy'] }, to: { name: 'mood', values: ['sad'] } },
        { kind: 'alterColumn', table: 'prices', from: mood, to: { ...mood, type: { kind: 'enum', name: 'mood', values: ['sad'] } } },
        { kind: 'addColumn', table: 'prices', column: column('extra') },
      ],
      FACTS.postgres,
    );
    expect(changes).toEqual([
      {
        table: 'prices',
        column: 'mood',
        reason: "enum mood removes the values 'ok', 'happy': rows holding them stop the upgrade",
        atRisk: { kind: 'among', values: ['ok', 'happy'] },
      },
    ]);
  });
});
