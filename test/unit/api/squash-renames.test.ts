/**
 * The renames a squashed range performs, read from its recorded statements in each dialect's
 * quoting, chained renames composed, and only those that hold between the range's two schemas.
 */
import { renamesBetween, renamesIn } from '../../../src/api/squash-renames.js';
import type { Model } from '../../../src/model/types.js';

describe('renamesIn', () => {
  test('table and column renames in double quotes, backticks and bare, schema-qualified', () => {
    expect(
      renamesIn([
        'alter table "users" rename column "mail" to "email"',
        'alter table `orders` rename to `purchases`',
        'rename table `items` to `lines`',
        'ALTER TABLE audit.events RENAME TO log',
        'create table "x" ("id" integer)',
      ]),
    ).toEqual([
      { kind: 'table', from: 'orders', to: 'purchases' },
      { kind: 'table', from: 'items', to: 'lines' },
      { kind: 'table', from: 'audit.events', to: 'log' },
      { kind: 'column', table: 'users', from: 'mail', to: 'email' },
    ]);
  });

  test('chains compose, a column follows its table, and a rename undone disappears', () => {
    expect(
      renamesIn([
        'alter table "a" rename column "x" to "y"',
        'alter table "a" rename to "b"',
        'alter table "b" rename column "y" to "z"',
        'alter table "b" rename to "c"',
        'alter table "k" rename column "p" to "q"',
        'alter table "k" rename column "q" to "p"',
      ]),
    ).toEqual([
      { kind: 'table', from: 'a', to: 'c' },
      { kind: 'column', table: 'c', from: 'x', to: 'z' },
    ]);
  });
});

describe('renamesBetween', () => {
  const table = (name: string, columns: string[]) => ({
    name,
    columns: columns.map((column) => ({ name: column, type: { kind: 'integer' }, nullable: true, autoIncrement: false })),
    foreignKeys: [],
    uniques: [],
    indexes: [],
    checks: [],
  });
  const model = (...tables: ReturnType<typeof table>[]) => ({ tables, enums: [] }) as unknown as Model;

  test('keeps the renames whose old name is only before and new name only after', () => {
    const before = model(table('a', ['id', 'x']), table('k', ['id', 'p']));
    const after = model(table('c', ['id', 'z']), table('k', ['id', 'p', 'q']));
    const renames = renamesIn(['alter table "a" rename column "x" to "z"', 'alter table "a" rename to "c"', 'alter table "k" rename column "p" to "q"']);
    // k.p → q was followed by a new p: not a rename between the two schemas.
    expect(renamesBetween(before, after, renames)).toEqual([
      { kind: 'table', from: 'a', to: 'c' },
      { kind: 'column', table: 'c', from: 'x', to: 'z' },
    ]);
  });
});
