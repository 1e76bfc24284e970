import { sql } from 'kysely';
import { mysqlStringLiteral } from '../../../src/dialects/mysql/types.js';
import { standardStringLiteral } from '../../../src/model/string-literal.js';
import { isSqlExpression, sqlSource, sqlText as textFor } from '../../../src/schema/sql-text.js';
import { SchemigrateError } from '../../../src/util/errors.js';

/** The text with strings in the standard spelling (PostgreSQL, SQLite). */
const sqlText = (expression: unknown) => textFor(expression, standardStringLiteral);

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

describe('string literals follow the dialect', () => {
  const expression = sql`note <> ${'C:\\tmp\\'} and tag = ${"it's"}`;

  it('spells interpolated strings with the given function, everything else the same', () => {
    expect(textFor(expression, standardStringLiteral)).toBe("note <> 'C:\\tmp\\' and tag = 'it''s'");
    expect(textFor(expression, mysqlStringLiteral)).toBe("note <> 'C:\\\\tmp\\\\' and tag = 'it''s'");
    expect(textFor(sql`${sql.lit('\\')} || ${sql.raw("'\\'")}`, mysqlStringLiteral)).toBe("'\\\\' || '\\'");
  });

  it('sqlSource refuses what cannot be written at once, and writes for a dialect later', () => {
    expect(() => sqlSource(sql`d > ${new Date(0)}`)).toThrow(SchemigrateError);
    const source = sqlSource(expression);
    expect(source(mysqlStringLiteral)).toBe(textFor(expression, mysqlStringLiteral));
    expect(source(standardStringLiteral)).toBe(textFor(expression, standardStringLiteral));
  });
});

describe('isSqlExpression', () => {
  it('recognises Kysely raw builders only', () => {
    expect(isSqlExpression(sql`x`)).toBe(true);
    expect(isSqlExpression('x')).toBe(false);
    expect(isSqlExpression({ toOperationNode: () => ({ kind: 'SelectQueryNode' }) })).toBe(false);
  });
});
