/**
 * `$type<T>()` and the builders' type parameters are types only: a narrowed column declares the
 * same column, and the model of a table is the same with or without them.
 */
import { columnData, tableData } from '../../../src/schema/brands.js';
import { integer, json, table } from '../../../src/index.js';

describe('$type', () => {
  test('leaves the column data as it was', () => {
    const plain = integer().primaryKey().autoIncrement();
    expect(columnData(plain.$type<number & { readonly brand: 'Id' }>())).toEqual(columnData(plain));
    expect(columnData(json().notNull().$type<{ theme: string }>())).toEqual(columnData(json().notNull()));
  });

  test('a table of narrowed columns is the table without them', () => {
    const narrowed = table('prefs', { id: integer().primaryKey().$type<1 | 2>(), body: json().$type<string[]>() });
    const plain = table('prefs', { id: integer().primaryKey(), body: json() });
    expect(tableData(narrowed)!.columns).toEqual(tableData(plain)!.columns);
  });
});
