/**
 * Counterexamples found by the randomized convergence test, kept as named cases on every
 * dialect: each goes A → B → A, with the generator's two rows in every table of A, and must
 * compare clean after both steps.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../../src/dialects/dialect.js';
import type { Column, Model, Table } from '../../src/model/types.js';
import { connectTestDatabase, forEachDialect } from '../helpers/databases.js';
import { differences, EMPTY_MODEL, migrateTo, runOperations } from '../helpers/model-migrations.js';
import { rowsFor } from '../helpers/random-schema.js';

const id: Column = { name: 'id', type: { kind: 'integer' }, nullable: false, autoIncrement: false };
const table = (name: string, columns: Column[], extra: Partial<Table> = {}): Table => ({
  name,
  columns: [id, ...columns],
  primaryKey: { name: `pk_${name}`, columns: ['id'] },
  foreignKeys: [],
  uniques: [],
  indexes: [],
  checks: [],
  ...extra,
});
/** The model of `tables`, with the enumerations their columns use. */
const model = (...tables: Table[]): Model => ({
  tables,
  enums: tables.flatMap((t) => t.columns.flatMap((c) => (c.type.kind === 'enum' ? [{ name: c.type.name, values: c.type.values }] : []))),
});
const enumColumn = (values: string[], fallback: string): Column => ({
  name: 'c0',
  type: { kind: 'enum', name: 'mood_t0_c0', values },
  nullable: false,
  autoIncrement: false,
  default: { kind: 'literal', value: fallback },
});

/** [name, A, B] */
const REGRESSIONS: readonly (readonly [string, Model, Model])[] = [
  [
    // PostgreSQL rewrote the check with casts on ALTER TYPE; after the downgrade it never matched again.
    'a check over a column retyped integer → numeric',
    model(table('t0', [{ name: 'c0', type: { kind: 'integer' }, nullable: false, autoIncrement: false }], { checks: [{ name: 'ck_t0_c0', sql: 'c0 >= 0' }] })),
    model(table('t0', [{ name: 'c0', type: { kind: 'numeric', precision: 10, scale: 2 }, nullable: false, autoIncrement: false }], { checks: [{ name: 'ck_t0_c0', sql: 'c0 >= 0' }] })),
  ],
  [
    // PostgreSQL: the type swap restored a default naming the removed value and failed; the
    // downgrade set the old default before the swap that brings its value back.
    'an enumeration losing the value its default names, the default moving to another',
    model(table('t0', [enumColumn(['a', 'b', 'c'], 'c')])),
    model(table('t0', [enumColumn(['b', 'a'], 'a')])),
  ],
  [
    // MySQL wrote ENUM values without escaping backslashes, so 'back\slash' became 'backslash'.
    'an enumeration value with a backslash, as the default',
    model(table('t0', [enumColumn(['a', 'b'], 'a')])),
    model(table('t0', [enumColumn(['a', 'b', 'back\\slash'], 'back\\slash')])),
  ],
  [
    // PostgreSQL: ADD VALUE placed the first new value BEFORE the second, itself new and not there yet.
    'an enumeration gaining two values in front of the old ones',
    model(table('t0', [enumColumn(['a', 'b'], 'a')])),
    model(table('t0', [enumColumn(['c', "it's", 'a', 'b'], 'a')])),
  ],
  [
    // MySQL: a uuid column made the statically stored form a canonical model, whose enum list
    // then claimed the inline enumerations were types to create.
    'an enumeration beside a uuid column',
    model(table('t0', [enumColumn(['a', 'b'], 'a')])),
    model(table('t0', [enumColumn(['a', 'b'], 'b'), { name: 'c1', type: { kind: 'uuid' }, nullable: true, autoIncrement: false }])),
  ],
];

forEachDialect(({ database }) => {
  let db: Kysely<any>;
  let dialect: Dialect;

  beforeAll(async () => {
    ({ db, dialect } = await connectTestDatabase(database()));
  });
  afterAll(async () => db?.destroy());

  test.each(REGRESSIONS)('%s', async (_name, a, b) => {
    await migrateTo(db, dialect, EMPTY_MODEL);
    await migrateTo(db, dialect, a);
    for (const written of a.tables) await db.insertInto(written.name).values(rowsFor(written, dialect.name)).execute();
    const downgrade = await migrateTo(db, dialect, b);
    expect(await differences(db, dialect, b)).toEqual([]);
    await runOperations(db, dialect, downgrade);
    expect(await differences(db, dialect, a)).toEqual([]);
  });
});
