import { compareModels } from '../../../src/diff/compare.js';
import { scratchParts, scratchSubset } from '../../../src/autogenerate/scratch-subset.js';
import type { Table } from '../../../src/model/types.js';
import { column, foreignKey, idColumn, index, model, table } from '../diff/builders.js';

const customers = table('customers', {
  columns: [idColumn(), column('email', { kind: 'varchar', length: 100 })],
  uniques: [{ name: 'uq_customers_email', columns: ['email'] }],
  indexes: [index('ix_customers_email', ['email'])],
  checks: [{ name: 'ck_customers_email', sql: "email <> ''" }],
});

const orders = table('orders', {
  columns: [idColumn(), column('customer_id'), column('qty')],
  foreignKeys: [foreignKey('fk_orders_customer_id', ['customer_id'], 'customers')],
  indexes: [index('ix_orders_customer_id', ['customer_id']), index('ix_orders_qty', ['qty'])],
  checks: [
    { name: 'ck_orders_qty', sql: 'qty >= -1' },
    { name: 'ck_orders_id', sql: 'id > 0' },
  ],
});

/** The subset for a database holding `database` and a schema declaring `declared`. */
function subsetFor(database: readonly Table[], declared: readonly Table[]) {
  const schema = model([...declared]);
  return scratchSubset(schema, compareModels(model([...database]), schema));
}

test('a table that differs in one check is created with that check only, besides its columns and keys', () => {
  const stored = { ...orders, checks: [{ name: 'ck_orders_qty', sql: "(qty >= '-1'::integer)" }, orders.checks[1]!] };
  const subset = subsetFor([customers, stored], [customers, orders]);
  expect(subset.tables).toEqual([{ ...orders, checks: [orders.checks[0]], indexes: [], foreignKeys: [] }]);
});

test("a differing foreign key comes with its target's keys and columns, not the target's own indexes or checks", () => {
  const stored = { ...orders, foreignKeys: [{ ...orders.foreignKeys[0]!, onDelete: 'restrict' as const }] };
  const subset = subsetFor([customers, stored], [customers, orders]);
  expect(subset.tables).toEqual([
    { ...customers, indexes: [], checks: [] },
    { ...orders, checks: [], indexes: [] },
  ]);
});

test('a table that differs otherwise (a column) is created whole', () => {
  const stored = { ...orders, columns: [idColumn(), column('customer_id'), column('qty', { kind: 'bigint' })] };
  const subset = subsetFor([customers, stored], [customers, orders]);
  expect(subset.tables.map((t) => t.name)).toEqual(['customers', 'orders']);
  expect(subset.tables[1]).toEqual(orders);
  expect(subset.tables[0]).toEqual({ ...customers, indexes: [], checks: [] });
});

test('a foreign key to a table the schema does not hold stays out', () => {
  const loose = { ...orders, foreignKeys: [foreignKey('fk_orders_elsewhere', ['customer_id'], 'elsewhere')] };
  const stored = { ...loose, foreignKeys: [{ ...loose.foreignKeys[0]!, onDelete: 'cascade' as const }] };
  const subset = subsetFor([stored], [loose]);
  expect(subset.tables).toEqual([{ ...loose, checks: [], indexes: [], foreignKeys: [] }]);
});

test('scratch parts hold at most so many tables of their own, each with the tables its keys point at', () => {
  const stored = { ...orders, foreignKeys: [{ ...orders.foreignKeys[0]!, onDelete: 'restrict' as const }] };
  const extra = table('zones', { checks: [{ name: 'ck_zones', sql: 'id > 0' }] });
  const subset = subsetFor([customers, stored, { ...extra, checks: [] }], [customers, orders, extra]);
  const parts = scratchParts(subset, 1);
  expect(parts.map((part) => [[...part.own], part.model.tables.map((t) => t.name)])).toEqual([
    [['customers'], ['customers']],
    [['orders'], ['orders', 'customers']],
    [['zones'], ['zones']],
  ]);
  expect(scratchParts(subset, 10)).toEqual([{ model: subset, own: new Set(['customers', 'orders', 'zones']) }]);
});
