import { createHash } from 'node:crypto';
import { DEFAULT_NAMING_CONVENTION } from '../../../src/config/load.js';
import { constraintName, shortenIdentifier } from '../../../src/schema/naming.js';
import { SchemigrateError } from '../../../src/util/errors.js';

const convention = DEFAULT_NAMING_CONVENTION;

describe('constraintName', () => {
  it('fills each default template', () => {
    expect(constraintName('pk', { table: 'users', columns: ['id'] }, convention, 63)).toBe('pk_users');
    expect(constraintName('ix', { table: 'users', columns: ['lastName', 'firstName'] }, convention, 63)).toBe('ix_users_lastName_firstName');
    expect(constraintName('uq', { table: 'users', columns: ['email'] }, convention, 63)).toBe('uq_users_email');
    expect(constraintName('fk', { table: 'posts', columns: ['authorId'], referredTable: 'users' }, convention, 63)).toBe(
      'fk_posts_authorId_users',
    );
    expect(constraintName('ck', { table: 'posts', name: 'price_positive' }, convention, 63)).toBe('ck_posts_price_positive');
  });

  it('uses a custom convention', () => {
    const custom = { ...convention, fk: '{table}_{referredTable}_fkey', uq: '{table}_{columns}_key' };
    expect(constraintName('fk', { table: 'posts', columns: ['a'], referredTable: 'users' }, custom, 63)).toBe('posts_users_fkey');
    expect(constraintName('uq', { table: 't', columns: ['a', 'b'] }, custom, 63)).toBe('t_a_b_key');
  });

  it('rejects a token the kind cannot fill', () => {
    const bad = { ...convention, pk: 'pk_{table}_{referredTable}' };
    expect(() => constraintName('pk', { table: 'users', columns: ['id'] }, bad, 63)).toThrow(SchemigrateError);
    expect(() => constraintName('pk', { table: 'users', columns: ['id'] }, bad, 63)).toThrow(/\{referredTable\}/);
  });

  it('shortens a name over the limit to exactly the limit, with a hash of the full name', () => {
    const tokens = { table: 'organisation_membership_invitations', columns: ['invitedByUserId'], referredTable: 'organisation_members' };
    const full = 'fk_organisation_membership_invitations_invitedByUserId_organisation_members';
    const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
    const name = constraintName('fk', tokens, convention, 63);
    expect(name).toBe(`${full.slice(0, 54)}_${hash}`);
    expect(name).toHaveLength(63);
    expect(constraintName('fk', tokens, convention, 63)).toBe(name);
    expect(constraintName('fk', tokens, convention, 64)).toHaveLength(64);
  });
});

describe('shortenIdentifier', () => {
  it('keeps names that fit and distinguishes long names sharing a prefix', () => {
    expect(shortenIdentifier('ix_users_email', 63)).toBe('ix_users_email');
    const a = shortenIdentifier(`ix_${'x'.repeat(80)}_a`, 63);
    const b = shortenIdentifier(`ix_${'x'.repeat(80)}_b`, 63);
    expect(a).not.toBe(b);
    expect(a.slice(0, 54)).toBe(b.slice(0, 54));
    expect(a).toMatch(/^ix_x+_[0-9a-f]{8}$/);
  });
});
