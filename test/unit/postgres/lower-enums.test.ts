import { lower } from '../../../src/dialects/postgres/lower.js';
import type { Column } from '../../../src/model/types.js';
import type { Operation } from '../../../src/operations/types.js';
import { renderOperations } from '../../../src/render/operations.js';
import { enumValuesCheck, parseEnumValuesCheck } from '../../../src/dialects/sqlite/types.js';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';

const before = { name: 'mood', values: ['sad', 'ok'] };
const after = { name: 'mood', values: ['sad', 'ok', 'happy'] };
const feeling = (values: readonly string[], extra: Partial<Column> = {}): Column => ({
  name: 'feeling',
  type: { kind: 'enum', name: 'mood', values },
  nullable: true,
  autoIncrement: false,
  ...extra,
});
const addHappy: Operation = { kind: 'alterEnum', from: before, to: after };

describe('PostgreSQL lowering of enumeration changes', () => {
  test('values only added and used nowhere else stay ADD VALUE', () => {
    expect(lower([addHappy])).toEqual([addHappy]);
  });

  test('a default of an added value in the same revision swaps the type instead', () => {
    const setDefault: Operation = {
      kind: 'alterColumn',
      table: 'people',
      from: feeling(before.values),
      to: feeling(after.values, { default: { kind: 'literal', value: 'happy' } }),
    };
    const lowered = lower([addHappy, setDefault]);
    expect(lowered[0]).toEqual({ ...addHappy, recreate: true });
    // The column keeps its type (the enum's own change carries the values): only the default changes.
    expect(lowered[1]).toEqual({ ...setDefault, to: { ...feeling(before.values), default: { kind: 'literal', value: 'happy' } } });
    const code = renderOperations(lowered, postgresDialect.renderer);
    expect(code).not.toContain('ADD VALUE ${');
    expect(code).toContain('RENAME TO');
  });

  test('an added value quoted in a check also counts as a use', () => {
    const addCheck: Operation = { kind: 'addCheck', table: 'people', check: { name: 'ck', sql: "feeling <> 'happy'" } };
    expect(lower([addHappy, addCheck])[0]).toEqual({ ...addHappy, recreate: true });
  });

  test('a column change that is only its enumeration gaining values disappears', () => {
    const retype: Operation = { kind: 'alterColumn', table: 'people', from: feeling(before.values), to: feeling(after.values) };
    expect(lower([addHappy, retype])).toEqual([addHappy]);
  });
});

describe('SQLite enumeration checks', () => {
  test('written and read back', () => {
    const sql = enumValuesCheck(feeling(['a', "it's"]))!;
    expect(sql).toBe(`"feeling" IN ('a', 'it''s')`);
    expect(parseEnumValuesCheck(sql, 'feeling')).toEqual(['a', "it's"]);
    expect(parseEnumValuesCheck(`feeling in ('x','y')`, 'FEELING')).toEqual(['x', 'y']);
  });

  test('anything else is an ordinary check', () => {
    expect(parseEnumValuesCheck(`"other" IN ('a')`, 'feeling')).toBeUndefined();
    expect(parseEnumValuesCheck(`"feeling" IN ('a', 1)`, 'feeling')).toBeUndefined();
    expect(parseEnumValuesCheck(`"feeling" IN ('a') AND 1`, 'feeling')).toBeUndefined();
    expect(parseEnumValuesCheck(`length(feeling) > 0`, 'feeling')).toBeUndefined();
  });
});
