/**
 * Counterexamples found by the randomized convergence test (and transitions taken from peer
 * tools' test suites), kept as named cases on every dialect: each goes A → B → A (confirming
 * the case's renames), with the generator's two rows in every table of A, and must compare
 * clean after both steps with every row of A's tables still there.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../../src/dialects/dialect.js';
import type { Rename } from '../../src/diff/renames.js';
import type { Column, ForeignKey, Model, Table } from '../../src/model/types.js';
import { connectTestDatabase, forEachDialect } from '../helpers/databases.js';
import { differences, EMPTY_MODEL, migrateTo, runOperations } from '../helpers/model-migrations.js';
import { writeRows } from '../helpers/random-schema.js';

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

const integer = (name: string): Column => ({ name, type: { kind: 'integer' }, nullable: false, autoIncrement: false });
const varchar = (name: string): Column => ({ name, type: { kind: 'varchar', length: 10 }, nullable: false, autoIncrement: false });
const reference = (from: string, to: string): ForeignKey => ({ name: `fk_${from}_ref_id_${to}`, columns: ['ref_id'], referencedTable: to, referencedColumns: ['id'] });
/** `t0.ref_id` → `t1.id`, with both keys of `type`. */
const referencing = (type: (name: string) => Column): Table[] => [
  { ...table('t0', [], { foreignKeys: [] }), columns: [type('id')] },
  { ...table('t1', [type('ref_id')], { foreignKeys: [reference('t1', 't0')] }), columns: [type('id'), type('ref_id')] },
];
/** Two tables referring to each other (nullable references, so rows can be written first). */
const cycle = (): Table[] => [
  table('t0', [{ ...integer('ref_id'), nullable: true }], { foreignKeys: [reference('t0', 't1')] }),
  table('t1', [{ ...integer('ref_id'), nullable: true }], { foreignKeys: [reference('t1', 't0')] }),
];
const generated = (sql: string): Column => ({ name: 'g', type: { kind: 'integer' }, nullable: true, autoIncrement: false, generated: { sql, stored: true } });
const renameC0: Rename = { kind: 'column', table: 't0', from: 'c0', to: 'c1' };

/** [name, A, B, renames confirmed for A → B] */
const REGRESSIONS: readonly (readonly [name: string, a: Model, b: Model, renames: readonly Rename[]])[] = [
  [
    // PostgreSQL rewrote the check with casts on ALTER TYPE; after the downgrade it never matched again.
    'a check over a column retyped integer → numeric',
    model(table('t0', [{ name: 'c0', type: { kind: 'integer' }, nullable: false, autoIncrement: false }], { checks: [{ name: 'ck_t0_c0', sql: 'c0 >= 0' }] })),
    model(table('t0', [{ name: 'c0', type: { kind: 'numeric', precision: 10, scale: 2 }, nullable: false, autoIncrement: false }], { checks: [{ name: 'ck_t0_c0', sql: 'c0 >= 0' }] })),
    [],
  ],
  [
    // PostgreSQL: the type swap restored a default naming the removed value and failed; the
    // downgrade set the old default before the swap that brings its value back.
    'an enumeration losing the value its default names, the default moving to another',
    model(table('t0', [enumColumn(['a', 'b', 'c'], 'c')])),
    model(table('t0', [enumColumn(['b', 'a'], 'a')])),
    [],
  ],
  [
    // MySQL wrote ENUM values without escaping backslashes, so 'back\slash' became 'backslash'.
    'an enumeration value with a backslash, as the default',
    model(table('t0', [enumColumn(['a', 'b'], 'a')])),
    model(table('t0', [enumColumn(['a', 'b', 'back\\slash'], 'back\\slash')])),
    [],
  ],
  [
    // PostgreSQL: ADD VALUE placed the first new value BEFORE the second, itself new and not there yet.
    'an enumeration gaining two values in front of the old ones',
    model(table('t0', [enumColumn(['a', 'b'], 'a')])),
    model(table('t0', [enumColumn(['c', "it's", 'a', 'b'], 'a')])),
    [],
  ],
  [
    // MySQL: a uuid column made the statically stored form a canonical model, whose enum list
    // then claimed the inline enumerations were types to create.
    'an enumeration beside a uuid column',
    model(table('t0', [enumColumn(['a', 'b'], 'a')])),
    model(table('t0', [enumColumn(['a', 'b'], 'b'), { name: 'c1', type: { kind: 'uuid' }, nullable: true, autoIncrement: false }])),
    [],
  ],
  [
    // SQLite: the downgrade dropped one foreign key of the cycle first, which SQLite cannot do in place.
    'two tables referring to each other, created',
    model(table('t2', [])),
    model(table('t2', []), ...cycle()),
    [],
  ],
  [
    'two tables referring to each other, dropped',
    model(table('t2', []), ...cycle()),
    model(table('t2', [])),
    [],
  ],
  [
    // PostgreSQL: the two ALTER COLUMN … TYPE failed, each meeting the key on the other side.
    'a referenced primary key and its foreign-key column retyped integer → varchar',
    model(...referencing(integer)),
    model(...referencing(varchar)),
    [],
  ],
  [
    // PostgreSQL refuses to retype a column a generated column uses: the generated column goes first.
    'a referenced key retyped while the generated column computing from it is dropped',
    model(...referencing(integer).map((t) => (t.name === 't0' ? { ...t, columns: [...t.columns, generated('id * 2')] } : t))),
    model(...referencing(varchar)),
    [],
  ],
  [
    // PostgreSQL re-creates a generated column to change its expression; its index went with it.
    "an indexed stored generated column's expression changed",
    model(table('t0', [generated('id * 2')], { indexes: [{ name: 'ix_t0_g', unique: false, parts: [{ kind: 'column', name: 'g', descending: false }] }] })),
    model(table('t0', [generated('id + 1')], { indexes: [{ name: 'ix_t0_g', unique: false, parts: [{ kind: 'column', name: 'g', descending: false }] }] })),
    [],
  ],
  [
    // PostgreSQL, MySQL: the downgrade re-added the check naming c0 before renaming c1 back.
    'a column renamed under a check that names it',
    model(table('t0', [integer('c0')], { checks: [{ name: 'ck_t0_c0', sql: 'c0 >= 0' }] })),
    model(table('t0', [integer('c1')], { checks: [{ name: 'ck_t0_c0', sql: 'c1 >= 0' }] })),
    [renameC0],
  ],
  [
    'a column renamed under a generated column that computes from it',
    model(table('t0', [integer('c0'), generated('c0 * 2')])),
    model(table('t0', [integer('c1'), generated('c1 * 2')])),
    [renameC0],
  ],
  [
    // MariaDB: json is longtext with a check named as the column; renamed, the check keeps its name.
    'a json column renamed',
    model(table('t0', [{ name: 'c0', type: { kind: 'json' }, nullable: true, autoIncrement: false }])),
    model(table('t0', [{ name: 'c1', type: { kind: 'json' }, nullable: true, autoIncrement: false }])),
    [renameC0],
  ],
  [
    // MySQL stores uuid as char(36): the renamed column was offered as no rename.
    'a uuid column renamed',
    model(table('t0', [{ name: 'c0', type: { kind: 'uuid' }, nullable: true, autoIncrement: false }])),
    model(table('t0', [{ name: 'c1', type: { kind: 'uuid' }, nullable: true, autoIncrement: false }])),
    [renameC0],
  ],
  [
    'a table renamed with a column renamed under a check, the column retyped',
    model(table('t0', [integer('c0'), integer('c2')], { checks: [{ name: 'ck_t0_c0', sql: 'c0 >= 0' }] })),
    model(
      table('t9', [{ ...integer('c1'), type: { kind: 'bigint' } }, integer('c2')], {
        checks: [{ name: 'ck_t0_c0', sql: 'c1 >= 0' }],
        primaryKey: { name: 'pk_t0', columns: ['id'] },
      }),
    ),
    [{ kind: 'table', from: 't0', to: 't9' }, { kind: 'column', table: 't9', from: 'c0', to: 'c1' }],
  ],
];

async function countRows(db: Kysely<any>, name: string): Promise<number> {
  const [row] = await db.selectFrom(name).select((eb) => eb.fn.countAll().as('n')).execute();
  return Number(row!.n);
}

forEachDialect(({ database }) => {
  let db: Kysely<any>;
  let dialect: Dialect;

  beforeAll(async () => {
    ({ db, dialect } = await connectTestDatabase(database()));
  });
  afterAll(async () => db?.destroy());

  test.each(REGRESSIONS)('%s', async (_name, a, b, renames) => {
    await migrateTo(db, dialect, EMPTY_MODEL);
    await migrateTo(db, dialect, a);
    await writeRows(db, a, dialect.name);
    const downgrade = await migrateTo(db, dialect, b, renames);
    expect(await differences(db, dialect, b)).toEqual([]);
    await runOperations(db, dialect, downgrade);
    expect(await differences(db, dialect, a)).toEqual([]);
    // Tables B keeps (or renames) come back with their rows.
    const renamed = new Set(renames.flatMap((rename) => (rename.kind === 'table' ? [rename.from] : [])));
    const kept = a.tables.filter((written) => renamed.has(written.name) || b.tables.some((other) => other.name === written.name));
    for (const written of kept) expect(await countRows(db, written.name)).toBe(2);
  });
});
