import { compareModels } from '../../../src/diff/compare.js';
import { asStoredKinds } from '../../../src/diff/stored-kinds.js';
import { describeOperation } from '../../../src/operations/describe.js';
import { column, index, table } from './builders.js';

const email = column('email', { kind: 'varchar', length: 255 });

describe('unique indexes a server stores as unique constraints (MySQL)', () => {
  const declared = table('users', { columns: [email], indexes: [index('ix_users_email', ['email'], { unique: true })] });
  // What MySQL reads back for that declaration: a unique constraint of the same name.
  const stored = table('users', { columns: [email], uniques: [{ name: 'ix_users_email', columns: ['email'] }] });

  test('are compared as the stored kind, so an unchanged schema shows no difference', () => {
    const model = (t: typeof declared) => ({ tables: [t], enums: [] });
    expect(compareModels(model(stored), model(declared), { canonical: model(stored) })).toEqual([]);
    // Without the canonical evidence, the kinds differ.
    expect(compareModels(model(stored), model(declared)).map(describeOperation)).toEqual([
      '- unique ix_users_email on users',
      '+ unique index ix_users_email on users (email)',
    ]);
  });

  test('move only where the canonical model disagrees with the declaration', () => {
    expect(asStoredKinds(declared, [declared])).toBe(declared);
    expect(asStoredKinds(declared, [])).toBe(declared);
    expect(asStoredKinds(declared, [stored])).toMatchObject({ uniques: [{ name: 'ix_users_email', columns: ['email'] }], indexes: [] });
    expect(asStoredKinds(stored, [declared])).toMatchObject({
      uniques: [],
      indexes: [{ name: 'ix_users_email', unique: true, parts: [{ kind: 'column', name: 'email', descending: false }] }],
    });
  });

  test('a descending or partial unique index stays an index', () => {
    const descending = table('users', {
      columns: [email],
      indexes: [{ name: 'ix_users_email', unique: true, parts: [{ kind: 'column', name: 'email', descending: true }] }],
    });
    expect(asStoredKinds(descending, [stored])).toBe(descending);
  });
});
