/**
 * `Database<typeof schema, D>` against the real drivers: on each dialect a table holding every
 * portable type is created by schemigrate's migration path, rows are written through the typed
 * Kysely (one with values every driver accepts, one with the dialect's own widest values), and
 * each selected value must be what test/helpers/driver-values.ts says — the run-time mirror of
 * the type table, which test/types/driver-table.ts holds to the types.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DialectName } from '../../src/config/url.js';
import type { Database } from '../../src/index.js';
import { tableData } from '../../src/schema/brands.js';
import { connectTestDatabase, forEachDialect } from '../helpers/databases.js';
import { isValue, SELECTED, type PortableKind } from '../helpers/driver-values.js';
import { dslModel } from '../helpers/dsl-model.js';
import { migrateTo } from '../helpers/model-migrations.js';
import * as schema from '../types/schema.js';

type Row<D extends DialectName = DialectName> = Database<typeof schema, D>['all_types'];

const DOCUMENT = { a: [1, 'two', null], b: { c: true } };

/** Values every driver accepts: the default `Database<typeof schema>`'s insert types. */
const PORTABLE_ROW: Insertable<Row> = {
  small: 1,
  whole: 2,
  big: 3,
  single: 1.5,
  float: 2.25,
  exact: '12.50',
  label: 'portable',
  code: 'pt',
  body: 'a row every driver accepts',
  flag: 1,
  day: '2024-02-29',
  clock: '10:30:00',
  moment: '2024-02-29 10:30:00',
  document: JSON.stringify(DOCUMENT),
  binaryDocument: JSON.stringify(DOCUMENT),
  externalId: '123e4567-e89b-12d3-a456-426614174000',
  bytes: Buffer.from('portable'),
  feeling: 'ok',
};

/** The rest of a row that is the same on every dialect. */
const COMMON = {
  small: 2,
  whole: 3,
  single: 0.5,
  float: 4.75,
  label: 'native',
  code: 'nt',
  body: 'a row in the dialect’s own types',
  clock: '23:59:59',
  document: JSON.stringify(DOCUMENT),
  binaryDocument: JSON.stringify(DOCUMENT),
  externalId: '00000000-0000-4000-8000-000000000001',
  bytes: Buffer.from([0, 1, 2, 255]),
  feeling: 'happy',
} as const;

/** A row with the widest values the dialect's driver accepts, written through its own `Database` type. */
async function insertNativeRow(dialect: DialectName, db: Kysely<any>): Promise<void> {
  switch (dialect) {
    case 'postgres': {
      const typed: Kysely<Database<typeof schema, 'postgres'>> = db;
      await typed
        .insertInto('all_types')
        .values({ ...COMMON, big: 9007199254740993n, exact: 7.25, flag: true, day: new Date(Date.UTC(2024, 1, 29)), moment: new Date() })
        .execute();
      return;
    }
    case 'mysql': {
      const typed: Kysely<Database<typeof schema, 'mysql'>> = db;
      await typed
        .insertInto('all_types')
        .values({ ...COMMON, big: '9007199254740993', exact: 7.25, flag: true, day: new Date(Date.UTC(2024, 1, 29)), moment: new Date() })
        .execute();
      return;
    }
    case 'sqlite': {
      const typed: Kysely<Database<typeof schema, 'sqlite'>> = db;
      await typed
        .insertInto('all_types')
        .values({ ...COMMON, big: 9007199254740993n, exact: '7.25', flag: 0, day: '2024-02-29', moment: '2024-02-29T23:59:59Z' })
        .execute();
      return;
    }
  }
}

/** The rows, selected through the dialect's `Database` type. */
async function selectRows<D extends DialectName>(db: Kysely<Database<typeof schema, D>>): Promise<Selectable<Row<D>>[]> {
  return db.selectFrom('all_types').selectAll().orderBy('small').execute();
}

/** Each column's portable type, read from the table definition. */
const KINDS = tableData(schema.allTypes)!.columns.map(([key, column]) => [key, column.type.kind as PortableKind] as const);

function describeValue(value: unknown): string {
  if (value === null || typeof value !== 'object') return `${typeof value} ${JSON.stringify(value)}`;
  return `${value.constructor?.name ?? 'object'} ${JSON.stringify(value)}`;
}

forEachDialect(({ dialect: name, database }) => {
  let db: Kysely<any>;

  beforeAll(async () => {
    const connected = await connectTestDatabase(database());
    db = connected.db;
    await migrateTo(db, connected.dialect, dslModel(connected.dialect, [schema.allTypes]));
  });
  afterAll(async () => {
    await db?.destroy();
  });

  test('every portable type is written with its declared insert type and selects as its declared type', async () => {
    const portable: Kysely<Database<typeof schema>> = db;
    await portable.insertInto('all_types').values(PORTABLE_ROW).execute();
    await insertNativeRow(name, db);

    const rows = await selectRows(db);
    expect(rows).toHaveLength(2);
    const mismatches = rows.flatMap((row, i) =>
      KINDS.filter(([key, kind]) => {
        const inserted = kind === 'enum' ? [PORTABLE_ROW.feeling, COMMON.feeling][i] : DOCUMENT;
        return !isValue(SELECTED[name][kind], row[key as keyof typeof row], inserted);
      }).map(([key, kind]) => `row ${i + 1}, ${key} (${kind}): expected ${SELECTED[name][kind]}, got ${describeValue(row[key as keyof typeof row])}`),
    );
    expect(mismatches).toEqual([]);
  });
});
