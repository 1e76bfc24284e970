import { DEFAULT_NAMING_CONVENTION } from '../../../src/config/load.js';
import { standardStringLiteral } from '../../../src/model/string-literal.js';
import { check, integer, sql, table } from '../../../src/index.js';
import { toModel } from '../../../src/schema/to-model.js';

const options = { naming: DEFAULT_NAMING_CONVENTION, maxIdentifierLength: 63, stringLiteral: standardStringLiteral };

describe('column check()', () => {
  test('is a table check named by the ck convention after the column', () => {
    const orders = table('orders', { quantity: integer().notNull().check(sql`quantity > 0`), price: integer() }, () => [
      check('sane', sql`price >= 0`),
    ]);
    const [model] = toModel({ tables: [orders], enums: [] }, options).tables;
    expect(model!.checks).toEqual([
      { name: 'ck_orders_quantity', sql: 'quantity > 0' },
      { name: 'ck_orders_sane', sql: 'price >= 0' },
    ]);
  });

  test('clashing with a table check of the same name is a clear error', () => {
    const orders = table('orders', { quantity: integer().check(sql`quantity > 0`) }, () => [check('quantity', sql`quantity < 9`)]);
    expect(() => toModel({ tables: [orders], enums: [] }, options)).toThrow(/two constraints or indexes named 'ck_orders_quantity'/);
  });

  test('takes only a sql expression', () => {
    expect(() => integer().check('quantity > 0' as never)).toThrow(/check\(\) takes a sql`…` expression/);
  });
});
