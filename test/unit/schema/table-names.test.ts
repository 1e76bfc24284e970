/**
 * Names validated where they are declared: a table name holding '.' is refused (it would read
 * as schema.table), and column keys that are also names of Object.prototype's members
 * (`__proto__` as a computed key, `constructor`, `toString`, `hasOwnProperty`) are columns like
 * any other, through `t.…` in extras and `users.columns.…` in references.
 */
import { DEFAULT_NAMING_CONVENTION } from '../../../src/config/load.js';
import { index, integer, pgSchema, table, text, unique, type ColumnRef } from '../../../src/index.js';
import { propertyKey } from '../../../src/render/identifiers.js';
import { standardStringLiteral } from '../../../src/model/string-literal.js';
import { toModel } from '../../../src/schema/to-model.js';

const model = (tables: object[]) => toModel({ tables, enums: [] }, { naming: DEFAULT_NAMING_CONVENTION, maxIdentifierLength: 63, stringLiteral: standardStringLiteral });

describe('table names', () => {
  test("a default-schema table name holding '.' is refused, pointing to pgSchema", () => {
    expect(() => table('a.b', { id: integer() })).toThrow(
      "table('a.b'): a table name cannot contain '.', which Kysely and revision code read as the separator of a schema and a table " +
        "(MySQL would create table 'b' in database 'a'). For a table in a named PostgreSQL schema, declare it with " +
        "pgSchema('a').table('b', …); otherwise choose a name without '.'.",
    );
  });

  test("a table of a named schema holding '.' is refused too", () => {
    expect(() => pgSchema('audit').table('a.b', { id: integer() })).toThrow("Table 'a.b' in schema 'audit': a table name cannot contain '.'");
  });
});

describe('column keys named like members of Object.prototype', () => {
  const odd = table(
    'odd',
    {
      ['__proto__']: integer().primaryKey(),
      constructor: text(),
      toString: integer(),
      hasOwnProperty: text(),
    },
    (t) => [index().on(t.__proto__, t.toString), unique().on(t.constructor, t.hasOwnProperty)],
  );
  const child = table('child', {
    id: integer().primaryKey(),
    oddId: integer().references(() => odd.columns.__proto__),
  });

  test('every one is a column of the model, and the extras and references find them', () => {
    const [childModel, oddModel] = model([odd, child]).tables;
    expect(oddModel!.columns.map((column) => column.name)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    expect(oddModel!.primaryKey).toEqual({ name: 'pk_odd', columns: ['__proto__'] });
    expect(oddModel!.indexes.map((ix) => ix.parts.map((part) => part.kind === 'column' && part.name))).toEqual([['__proto__', 'toString']]);
    expect(oddModel!.uniques.map((uq) => uq.columns)).toEqual([['constructor', 'hasOwnProperty']]);
    expect(childModel!.foreignKeys.map((fk) => [fk.referencedTable, fk.referencedColumns])).toEqual([['odd', ['__proto__']]]);
  });

  test('the column references are own properties of an object without a prototype', () => {
    expect(Object.getPrototypeOf(odd.columns)).toBeNull();
    expect(Object.keys(odd.columns)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    expect(odd.columns.__proto__.name).toBe('__proto__');
    expect(odd.columns.constructor.name).toBe('constructor');
  });

  test("a member of Object.prototype that is no column is no column reference (a misspelt column's error)", () => {
    const member = (t: object, name: string) => (t as Record<string, ColumnRef>)[name]!;
    expect(() => table('plain', { id: integer() }, (t) => [index().on(member(t, 'constructor'))])).toThrow(/^index\(\)\.on\(\) takes .*, not undefined \(a misspelt column\?\)\.$/);
    expect(() => table('plain', { id: integer() }, (t) => [unique().on(member(t, 'toString'))])).toThrow(
      'unique().on() takes table columns such as t.email or users.columns.id, not undefined (a misspelt column?).',
    );
  });

  test('a bare __proto__ key, which sets the prototype instead, is refused rather than lost', () => {
    expect(() => table('lost', { id: integer(), __proto__: integer() } as Record<string, ReturnType<typeof integer>>)).toThrow(
      "table('lost') has a column written `__proto__: …`: JavaScript reads that as the object's prototype, not as a key, so the column would be lost. Write it as a computed key, `['__proto__']: …`.",
    );
  });

  test('pulled modules write __proto__ as a computed key, the only spelling that declares it', () => {
    expect(propertyKey('__proto__')).toBe("['__proto__']");
    expect(propertyKey('constructor')).toBe('constructor');
    const declared = new Function(`return { ${propertyKey('__proto__')}: 1 };`)() as object;
    expect(Object.keys(declared)).toEqual(['__proto__']);
  });
});
