/**
 * The data-loss guard against real data on every dialect: each lossy kind of change is found
 * through the real diff, and the database counts exactly the rows it would touch (no check
 * falls back to "every value"). SQLite, which enforces no length, precision or scale, asks only
 * where its type affinity really changes values.
 */
import { diffDatabase } from '../../src/autogenerate/api.js';
import { findDataLoss } from '../../src/autogenerate/data-loss.js';
import { bigint, boolean, date, double, enumeration, integer, numeric, table, text, timestamp, varchar } from '../../src/index.js';
import { connectTestDatabase, forEachDialect } from '../helpers/databases.js';
import { dslModel } from '../helpers/dsl-model.js';
import { migrateTo } from '../helpers/model-migrations.js';

const before = table('things', {
  id: integer().primaryKey(),
  amount: numeric(10, 2),
  budget: numeric(10, 2),
  ratio: double(),
  big: bigint(),
  huge: bigint(),
  name: varchar(50),
  code: text(),
  at: timestamp({ precision: 6 }),
  day: timestamp(),
  flag: integer(),
  mood: enumeration('mood', ['a', 'b', 'c'])(),
  status: text().notNull().default('new'),
});

const after = table('things', {
  id: integer().primaryKey(),
  amount: numeric(10, 0),
  budget: numeric(6, 2),
  ratio: integer(),
  big: integer(),
  huge: double(),
  name: varchar(20),
  code: integer(),
  at: timestamp({ precision: 3 }),
  day: date(),
  flag: boolean(),
  mood: enumeration('mood', ['a', 'b'])(),
  status: text().notNull(),
});

const ROWS = [
  {
    id: 1, amount: '12.34', budget: '99999.99', ratio: 12.5, big: '3000000000', huge: '9007199254740993', name: 'x'.repeat(30),
    code: '0123', at: '2024-01-01 10:00:00.123456', day: '2024-01-01 10:00:00', flag: 5, mood: 'c', status: 'new',
  },
  {
    id: 2, amount: '5.00', budget: '1.50', ratio: 3, big: '5', huge: '5', name: 'short',
    code: '123', at: '2024-01-01 10:00:00.123', day: '2024-01-02 00:00:00', flag: 1, mood: 'a', status: 'new',
  },
  {
    id: 3, amount: null, budget: null, ratio: null, big: null, huge: null, name: null,
    code: ' 12', at: null, day: null, flag: 0, mood: 'c', status: 'x',
  },
];

/** [column, rows counted] per dialect; every count exact except where noted. */
const CONVERTING: [string, number][] = [
  ['amount', 1],
  ['budget', 1],
  ['ratio', 1], // rounded
  ['ratio', 0], // out of the integer range
  ['big', 1],
  ['huge', 1],
  ['name', 1],
  ['code', 3], // any text: not exact
  ['at', 1],
  ['day', 1],
  ['flag', 1],
  ['mood', 2],
  ['status', 3],
];
const EXPECTED: Record<string, [string, number][]> = {
  postgres: CONVERTING,
  mysql: CONVERTING,
  sqlite: [['huge', 1], ['code', 2], ['mood', 2], ['status', 3]],
};

forEachDialect(({ dialect: name, database }) => {
  test('every lossy change is counted exactly, and SQLite asks only where affinity changes values', async () => {
    const { db, dialect } = await connectTestDatabase(database());
    try {
      await migrateTo(db, dialect, dslModel(dialect, [before]));
      await db.insertInto('things').values(ROWS).execute();
      const diff = await diffDatabase(db, dialect, dslModel(dialect, [after]), () => false);
      const loss = await findDataLoss(db, dialect, diff.operations);
      expect(loss.drops).toEqual([]);
      const counted = (list: readonly (readonly [string, number])[]) => list.map(([column, rows]) => `${column}: ${rows}`).sort();
      expect(counted(loss.changes.map((change) => [change.column, change.rows]))).toEqual(counted(EXPECTED[name]!));
      for (const change of loss.changes) expect(change.exact).toBe(change.atRisk.kind !== 'nonNull');
      expect(loss.changes.find((change) => change.column === 'status')!.reason).toBe(
        "loses its default 'new': it is NOT NULL, so inserts that omit it will fail",
      );
    } finally {
      await db.destroy();
    }
  });
});
