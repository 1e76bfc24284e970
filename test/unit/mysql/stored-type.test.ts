import type { ColumnType } from '../../../src/model/types.js';
import { storedType } from '../../../src/dialects/mysql/types.js';

describe('storedType (MySQL)', () => {
  it('names the kind the catalog reports where it differs from the declared one', () => {
    expect(storedType({ kind: 'uuid' })).toEqual({ kind: 'char', length: 36 });
    expect(storedType({ kind: 'jsonb' })).toEqual({ kind: 'json' });
  });

  it.each<ColumnType>([
    { kind: 'integer' },
    { kind: 'real' },
    { kind: 'double' },
    { kind: 'boolean' },
    { kind: 'blob' },
    { kind: 'varchar', length: 40 },
    { kind: 'timestamp', withTimezone: false, precision: 3 },
    { kind: 'enum', name: 't_mood', values: ['a', 'b'] },
    { kind: 'custom', sql: 'int unsigned' },
  ])('returns the declared type itself when the kind is kept: %j', (type) => {
    expect(storedType(type)).toBe(type);
  });
});
