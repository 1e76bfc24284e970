import {
  compatibleTypes,
  findRenameCandidates,
  parseRenameFlag,
  renameFlag,
  renameOperations,
} from '../../../src/diff/renames.js';
import { compareModels } from '../../../src/diff/compare.js';
import type { Model, Table } from '../../../src/model/types.js';
import { column, table } from './builders.js';

function model(...tables: Table[]): Model {
  return { tables, enums: [] };
}

describe('findRenameCandidates', () => {
  test('a column dropped and one of the same type added in one table is a candidate', () => {
    const before = model(table('users', { columns: [column('id'), column('mail', { kind: 'text' })] }));
    const after = model(table('users', { columns: [column('id'), column('email', { kind: 'text' })] }));
    expect(findRenameCandidates(compareModels(before, after))).toEqual([
      { kind: 'column', table: 'users', from: 'mail', to: 'email', score: expect.any(Number) },
    ]);
  });

  test('an incompatible type is no candidate; columns of different tables never pair', () => {
    const before = model(
      table('a', { columns: [column('id'), column('flag', { kind: 'boolean' })] }),
      table('b', { columns: [column('id'), column('old', { kind: 'text' })] }),
    );
    const after = model(
      table('a', { columns: [column('id'), column('note', { kind: 'text' })] }),
      table('b', { columns: [column('id')] }),
    );
    expect(findRenameCandidates(compareModels(before, after))).toEqual([]);
  });

  test('candidates are ranked: the same type and nullability beat a merely compatible type', () => {
    const before = model(table('t', { columns: [column('id'), column('title', { kind: 'varchar', length: 50 }, { nullable: false })] }));
    const after = model(
      table('t', {
        columns: [column('id'), column('heading', { kind: 'varchar', length: 50 }, { nullable: false }), column('body', { kind: 'text' })],
      }),
    );
    const candidates = findRenameCandidates(compareModels(before, after));
    expect(candidates.map((c) => renameFlag(c))).toEqual(['t.title=heading', 't.title=body']);
    expect(candidates[0]!.score).toBeGreaterThan(candidates[1]!.score);
  });

  test('the same type is the same however its fields are ordered, and the same default however it is spelt', () => {
    const now = (sql: string) => ({ default: { kind: 'expression', sql } }) as const;
    const before = model(table('t', { columns: [column('id'), column('at', { kind: 'timestamp', withTimezone: true, precision: 3 }, now('now()'))] }));
    const after = model(table('t', { columns: [column('id'), column('xy', { kind: 'timestamp', precision: 3, withTimezone: true }, now('CURRENT_TIMESTAMP'))] }));
    // Same type (0.5), nullability (0.15) and default (0.1); the names have nothing in common.
    expect(findRenameCandidates(compareModels(before, after))).toEqual([{ kind: 'column', table: 't', from: 'at', to: 'xy', score: 0.75 }]);
  });

  test('a table dropped and a similar one created is a candidate; a dissimilar one is not', () => {
    const columns = [column('id'), column('email', { kind: 'text' }), column('name', { kind: 'text' })];
    const before = model(table('users', { columns }));
    const after = model(table('people', { columns }), table('audit', { columns: [column('at', { kind: 'date' }), column('what', { kind: 'text' })] }));
    expect(findRenameCandidates(compareModels(before, after))).toEqual([{ kind: 'table', from: 'users', to: 'people', score: expect.any(Number) }]);
  });

  test('a table pair scores higher the more columns it shares', () => {
    const before = model(table('users', { columns: [column('id'), column('email', { kind: 'text' }), column('name', { kind: 'text' })] }));
    const after = model(
      table('people', { columns: [column('id'), column('email', { kind: 'text' }), column('name', { kind: 'text' })] }),
      table('members', { columns: [column('id'), column('email', { kind: 'text' }), column('age')] }),
    );
    expect(findRenameCandidates(compareModels(before, after)).map((c) => c.to)).toEqual(['people', 'members']);
  });
});

describe('compatibleTypes', () => {
  test('families of types', () => {
    expect(compatibleTypes({ kind: 'integer' }, { kind: 'bigint' })).toBe(true);
    expect(compatibleTypes({ kind: 'varchar', length: 10 }, { kind: 'text' })).toBe(true);
    expect(compatibleTypes({ kind: 'integer' }, { kind: 'text' })).toBe(false);
    // MySQL stores a uuid as char(36): a renamed uuid column is dropped as one.
    expect(compatibleTypes({ kind: 'char', length: 36 }, { kind: 'uuid' })).toBe(true);
    expect(compatibleTypes({ kind: 'custom', sql: 'citext' }, { kind: 'custom', sql: 'inet' })).toBe(true);
  });
});

describe('flags', () => {
  test('parseRenameFlag reads tables and columns and rejects the rest', () => {
    expect(parseRenameFlag('users=people')).toEqual({ kind: 'table', from: 'users', to: 'people' });
    expect(parseRenameFlag('users.mail=email')).toEqual({ kind: 'column', table: 'users', from: 'mail', to: 'email' });
    for (const bad of ['users', 'users=', '=people', 'a=b=c', 'users=x.y', 'a..b=c', 'a.b.c.d=e', 'users.=x']) {
      expect(parseRenameFlag(bad)).toBeUndefined();
    }
  });

  test('a table in a named schema is schema.table, for table and column renames', () => {
    expect(parseRenameFlag('audit.events=audit.log')).toEqual({ kind: 'table', from: 'audit.events', to: 'audit.log' });
    expect(parseRenameFlag('audit.events.actor=author')).toEqual({ kind: 'column', table: 'audit.events', from: 'actor', to: 'author' });
  });

  test('renameFlag round-trips', () => {
    for (const value of ['users=people', 'users.mail=email', 'audit.events=audit.log', 'audit.events.actor=author']) {
      expect(renameFlag(parseRenameFlag(value)!)).toBe(value);
    }
  });

  test('renameOperations puts table renames before column renames', () => {
    expect(
      renameOperations([
        { kind: 'column', table: 'people', from: 'mail', to: 'email' },
        { kind: 'table', from: 'users', to: 'people' },
      ]).map((op) => op.kind),
    ).toEqual(['renameTable', 'renameColumn']);
  });
});
