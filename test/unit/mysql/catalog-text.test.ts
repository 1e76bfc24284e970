/**
 * How MySQL 8 and MariaDB print types, defaults and versions, parsed into the same model.
 * The MySQL 8 spellings come from its reference manual (no MySQL 8 server here): these tests
 * pin the parsing, not the server.
 */
import { parseDefault } from '../../../src/dialects/mysql/defaults.js';
import { isMysqlAtLeast, parseServerVersion } from '../../../src/dialects/mysql/server.js';
import { literalDefaultAsExpression, parseEnumValues, toColumnType } from '../../../src/dialects/mysql/types.js';
import type { ColumnType } from '../../../src/model/types.js';

const mariadb = parseServerVersion('10.11.19-MariaDB-0+deb12u1');
const mysql8 = parseServerVersion('8.0.36');

const type = (columnType: string, jsonChecked = false): ColumnType => toColumnType({ columnType, jsonChecked, enumName: 't_c' });

describe('server versions', () => {
  test('the version string says which server and which release', () => {
    expect(mariadb).toEqual({ flavor: 'mariadb', major: 10, minor: 11, patch: 19 });
    expect(mysql8).toEqual({ flavor: 'mysql', major: 8, minor: 0, patch: 36 });
    expect(parseServerVersion('8.0.12-log')).toMatchObject({ flavor: 'mysql', patch: 12 });
  });

  test('feature gates are MySQL releases; MariaDB never passes them', () => {
    expect(isMysqlAtLeast(mysql8, 8, 0, 13)).toBe(true);
    expect(isMysqlAtLeast(parseServerVersion('8.0.12'), 8, 0, 13)).toBe(false);
    expect(isMysqlAtLeast(parseServerVersion('8.4.0'), 8, 0, 16)).toBe(true);
    expect(isMysqlAtLeast(mariadb, 8, 0, 13)).toBe(false);
  });
});

describe('column types', () => {
  test('MySQL 8 (no display widths) and MariaDB (with them) read the same', () => {
    expect([type('int'), type('int(11)')]).toEqual([{ kind: 'integer' }, { kind: 'integer' }]);
    expect([type('bigint'), type('bigint(20)')]).toEqual([{ kind: 'bigint' }, { kind: 'bigint' }]);
    expect([type('int unsigned'), type('int(10) unsigned')]).toEqual([
      { kind: 'custom', sql: 'int unsigned' },
      { kind: 'custom', sql: 'int unsigned' },
    ]);
    expect(type('tinyint(1)')).toEqual({ kind: 'boolean' });
    expect(type('tinyint(4)')).toEqual({ kind: 'custom', sql: 'tinyint' });
  });

  test('json: a real type on MySQL 8, longtext with a json_valid check on MariaDB', () => {
    expect(type('json')).toEqual({ kind: 'json' });
    expect(type('longtext', true)).toEqual({ kind: 'json' });
    expect(type('longtext')).toEqual({ kind: 'custom', sql: 'longtext' });
  });

  test('enum values with quotes and backslashes', () => {
    expect(parseEnumValues("enum('a','b''c','d\\\\e')")).toEqual(['a', "b'c", 'd\\e']);
    expect(type("enum('x','y')")).toEqual({ kind: 'enum', name: 't_c', values: ['x', 'y'] });
  });

  test('literal defaults MySQL 8 takes only as expressions', () => {
    expect(literalDefaultAsExpression({ kind: 'text' })).toBe(true);
    expect(literalDefaultAsExpression({ kind: 'json' })).toBe(true);
    expect(literalDefaultAsExpression({ kind: 'blob' })).toBe(true);
    expect(literalDefaultAsExpression({ kind: 'varchar', length: 5 })).toBe(false);
  });
});

describe('defaults', () => {
  const text: ColumnType = { kind: 'text' };
  const integer: ColumnType = { kind: 'integer' };
  const boolean: ColumnType = { kind: 'boolean' };
  const datetime: ColumnType = { kind: 'timestamp', withTimezone: false };

  test('string literals: quoted on MariaDB, bare on MySQL 8', () => {
    expect(parseDefault({ text: "'it''s'", extra: '', type: text }, mariadb)).toEqual({ kind: 'literal', value: "it's" });
    expect(parseDefault({ text: "'it\\'s'", extra: '', type: text }, mariadb)).toEqual({ kind: 'literal', value: "it's" });
    expect(parseDefault({ text: "it's", extra: '', type: text }, mysql8)).toEqual({ kind: 'literal', value: "it's" });
    // A string that looks like a number stays a string on MySQL 8 for a text column.
    expect(parseDefault({ text: '42', extra: '', type: text }, mysql8)).toEqual({ kind: 'literal', value: '42' });
  });

  test('numbers and booleans', () => {
    expect(parseDefault({ text: '-1', extra: '', type: integer }, mariadb)).toEqual({ kind: 'literal', value: -1 });
    expect(parseDefault({ text: '-1', extra: '', type: integer }, mysql8)).toEqual({ kind: 'literal', value: -1 });
    expect(parseDefault({ text: '0.00', extra: '', type: { kind: 'numeric', precision: 10, scale: 2 } }, mysql8)).toEqual({ kind: 'literal', value: 0 });
    expect(parseDefault({ text: '1', extra: '', type: boolean }, mariadb)).toEqual({ kind: 'literal', value: true });
    expect(parseDefault({ text: '0', extra: '', type: boolean }, mysql8)).toEqual({ kind: 'literal', value: false });
    expect(parseDefault({ text: '9007199254740993', extra: '', type: { kind: 'bigint' } }, mariadb)).toEqual({
      kind: 'expression',
      sql: '9007199254740993',
    });
  });

  test('CURRENT_TIMESTAMP: current_timestamp() on MariaDB, DEFAULT_GENERATED on MySQL 8', () => {
    const now = { kind: 'expression', sql: 'CURRENT_TIMESTAMP' };
    expect(parseDefault({ text: 'current_timestamp()', extra: '', type: datetime }, mariadb)).toEqual(now);
    expect(parseDefault({ text: 'CURRENT_TIMESTAMP', extra: 'DEFAULT_GENERATED', type: datetime }, mysql8)).toEqual(now);
    expect(parseDefault({ text: 'current_timestamp(3)', extra: '', type: datetime }, mariadb)).toEqual({
      kind: 'expression',
      sql: 'CURRENT_TIMESTAMP(3)',
    });
  });

  test('no default: SQL NULL on both, the text NULL on MariaDB', () => {
    expect(parseDefault({ text: null, extra: '', type: integer }, mysql8)).toBeUndefined();
    expect(parseDefault({ text: 'NULL', extra: '', type: integer }, mariadb)).toBeUndefined();
  });

  test('other expressions stay SQL', () => {
    expect(parseDefault({ text: "lcase('X')", extra: '', type: text }, mariadb)).toEqual({ kind: 'expression', sql: "lcase('X')" });
    expect(parseDefault({ text: "lower(_utf8mb4\\'X\\')", extra: 'DEFAULT_GENERATED', type: text }, mysql8)).toEqual({
      kind: 'expression',
      sql: "lower(_utf8mb4'X')",
    });
  });
});
