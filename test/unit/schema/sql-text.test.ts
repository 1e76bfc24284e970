import { sql } from 'kysely';
import { isSqlExpression, sqlText } from '../../../src/schema/sql-text.js';
import { SchemigrateError } from '../../../src/util/errors.js';

describe('sqlText', () => {
  it('returns the literal text of a template', () => {
    expect(sqlText(sql`lower(title)`)).toBe('lower(title)');
    expect(sqlText(sql`  CURRENT_TIMESTAMP `)).toBe('CURRENT_TIMESTAMP');
  });

  it('inlines interpolated values as escaped literals', () => {
    expect(sqlText(sql`price > ${0}`)).toBe('price > 0');
    expect(sqlText(sql`status <> ${"it's"}`)).toBe("status <> 'it''s'");
    expect(sqlText(sql`flag = ${true} and x is not ${null}`)).toBe('flag = true and x is not NULL');
    expect(sqlText(sql`n < ${sql.lit(10)}`)).toBe('n < 10');
  });

  it('quotes identifiers from sql.ref, sql.id and sql.table', () => {
    expect(sqlText(sql`lower(${sql.ref('title')})`)).toBe('lower("title")');
    expect(sqlText(sql`${sql.ref('posts.title')} <> ''`)).toBe(`"posts"."title" <> ''`);
    expect(sqlText(sql`${sql.id('we"ird')}`)).toBe('"we""ird"');
    expect(sqlText(sql`${sql.table('public.users')}`)).toBe('"public"."users"');
  });

  it('keeps raw and nested fragments verbatim', () => {
    expect(sqlText(sql`${sql.raw('now()')} + interval '1 day'`)).toBe("now() + interval '1 day'");
    expect(sqlText(sql`a in (${sql.join([1, 2, 3])})`)).toBe('a in (1, 2, 3)');
    expect(sqlText(sql`coalesce(${sql`x`}, 0)`)).toBe('coalesce(x, 0)');
  });

  it('rejects values that cannot be written as SQL text', () => {
    expect(() => sqlText(sql`d > ${new Date(0)}`)).toThrow(SchemigrateError);
    expect(() => sqlText(sql`n > ${Number.NaN}`)).toThrow(/cannot inline NaN/);
    expect(() => sqlText('lower(title)')).toThrow(/Expected a sql`…` expression, got the string 'lower\(title\)'/);
  });
});

describe('isSqlExpression', () => {
  it('recognises Kysely raw builders only', () => {
    expect(isSqlExpression(sql`x`)).toBe(true);
    expect(isSqlExpression('x')).toBe(false);
    expect(isSqlExpression({ toOperationNode: () => ({ kind: 'SelectQueryNode' }) })).toBe(false);
  });
});
