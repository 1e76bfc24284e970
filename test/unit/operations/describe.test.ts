import { describeOperation } from '../../../src/operations/describe.js';
import type { OperationKind } from '../../../src/operations/types.js';
import { column, foreignKey, index } from '../diff/builders.js';
import { sampleOperations } from './all-kinds.js';

describe('describeOperation', () => {
  test('examples', () => {
    const email = column('email', { kind: 'varchar', length: 100 }, { nullable: false });
    expect(describeOperation(sampleOperations.createTable)).toBe('+ table users');
    expect(describeOperation({ kind: 'dropColumn', table: 'users', column: column('age') })).toBe('- column users.age');
    expect(
      describeOperation({ kind: 'alterColumn', table: 'users', from: email, to: { ...email, type: { kind: 'varchar', length: 255 } } }),
    ).toBe('~ column users.email: varchar(100) → varchar(255)');
    expect(
      describeOperation({ kind: 'alterColumn', table: 'users', from: column('name', { kind: 'text' }), to: column('name', { kind: 'text' }, { nullable: false }) }),
    ).toBe('~ column users.name: nullable → not null');
    expect(describeOperation({ kind: 'createIndex', table: 'users', index: index('ix_users_email', ['email']) })).toBe(
      '+ index ix_users_email on users (email)',
    );
    expect(
      describeOperation({
        kind: 'addForeignKey',
        table: 'posts',
        foreignKey: foreignKey('fk_posts_author_id_users', ['author_id'], 'users', { onDelete: 'cascade' }),
      }),
    ).toBe('+ foreign key fk_posts_author_id_users on posts (author_id) → users (id) on delete cascade');
  });

  test.each(Object.keys(sampleOperations) as OperationKind[])('%s is one line starting with +, - or ~', (kind) => {
    expect(describeOperation(sampleOperations[kind])).toMatch(/^[+~-] [^\n]+$/);
  });
});
