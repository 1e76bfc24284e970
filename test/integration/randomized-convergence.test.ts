/**
 * Randomized convergence (fast-check), on every dialect: for random schemas A and B, create A
 * and write rows into it, autogenerate A → B (confirming B's renames as `--rename` answers
 * would) and run the upgrade as a revision would, then assert that the database matches B with
 * no row lost where B keeps (or renames) the table; run the downgrade and assert that the
 * database matches A again, with every row.
 *
 * SCHEMIGRATE_PROPERTY_RUNS sets the number of cases per dialect (defaults below);
 * SCHEMIGRATE_PROPERTY_SEED replays a failure.
 */
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import type { Dialect } from '../../src/dialects/dialect.js';
import { connectTestDatabase, forEachDialect } from '../helpers/databases.js';
import { differences, EMPTY_MODEL, migrateTo, runOperations } from '../helpers/model-migrations.js';
import { schemaPairArbitrary, writeRows } from '../helpers/random-schema.js';

/**
 * Cases per dialect, sized for CI time. Since the generator also makes enumerations, comments,
 * generated columns and composite keys, a case costs more (measured side by side on a loaded
 * machine: SQLite ~1.1×, PostgreSQL ~1.4×, MySQL ~1.3×); the counts went down from 300/200/60.
 * Renames (each a second round of the diff), retyped referenced keys, indexes on generated
 * columns and cycles of references cost ~1.45× (SQLite), ~1.35× (PostgreSQL), ~1.3× (MySQL)
 * more again (two seeds side by side on an idle machine), so they went down from 250/140/45.
 */
const DEFAULT_RUNS: Record<string, number> = { sqlite: 175, postgres: 105, mysql: 35 };
const runsFor = (dialect: string) => Number(process.env.SCHEMIGRATE_PROPERTY_RUNS ?? DEFAULT_RUNS[dialect]);
const SEED = process.env.SCHEMIGRATE_PROPERTY_SEED === undefined ? undefined : Number(process.env.SCHEMIGRATE_PROPERTY_SEED);
async function ids(db: Kysely<any>, table: string): Promise<number[]> {
  return (await db.selectFrom(table).select('id').orderBy('id').execute()).map((row) => Number(row.id));
}

forEachDialect(({ dialect: dialectName, database }) => {
  const RUNS = runsFor(dialectName);
  let db: Kysely<any>;
  let dialect: Dialect;

  beforeAll(async () => {
    ({ db, dialect } = await connectTestDatabase(database()));
  });
  afterAll(async () => db?.destroy());

  test(`A → B → A converges and keeps the rows (${RUNS} random cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(schemaPairArbitrary(dialectName), async ([a, b, renames]) => {
        // Start from an empty database: dropping whatever the last case left is itself a diff.
        await migrateTo(db, dialect, EMPTY_MODEL);
        await migrateTo(db, dialect, a);
        expect(await differences(db, dialect, a)).toEqual([]);
        await writeRows(db, a, dialect.name);

        const downgrade = await migrateTo(db, dialect, b, renames);
        expect(await differences(db, dialect, b)).toEqual([]);
        // Tables B keeps, under their name in B.
        const renamed = new Map(renames.flatMap((rename) => (rename.kind === 'table' ? [[rename.from, rename.to] as const] : [])));
        const kept = a.tables
          .map((table) => [table.name, renamed.get(table.name) ?? table.name] as const)
          .filter(([, name]) => b.tables.some((other) => other.name === name));
        for (const [, name] of kept) expect(await ids(db, name)).toEqual([1, 2]);

        await runOperations(db, dialect, downgrade);
        expect(await differences(db, dialect, a)).toEqual([]);
        for (const [name] of kept) expect(await ids(db, name)).toEqual([1, 2]);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true, verbose: 1 },
    );
  }, 30 * 60_000);
});
