/**
 * Enumerations on every dialect, with rows: PostgreSQL's named type (created before and
 * dropped after its tables, values added in place or by swapping in a new type), MySQL's
 * inline ENUM, SQLite's text column with CHECK ("col" IN (…)). Each change converges (no
 * differences after it) and its downgrade restores the previous values.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../../src/dialects/dialect.js';
import type { Operation } from '../../src/operations/types.js';
import { check, enumeration, index, integer, sql, table } from '../../src/index.js';
import { connectTestDatabase, forEachDialect } from '../helpers/databases.js';
import { dslModel } from '../helpers/dsl-model.js';
import { differences, EMPTY_MODEL, migrateTo, runOperations } from '../helpers/model-migrations.js';
import { diffDatabase } from '../../src/autogenerate/api.js';

const people = (values: readonly string[], fallback?: string) => {
  const mood = enumeration('mood', values);
  const feeling = fallback === undefined ? mood() : mood().notNull().default(fallback);
  return table('people', { id: integer().primaryKey(), feeling });
};

forEachDialect(({ dialect: name, database }) => {
  let db: Kysely<any>;
  let dialect: Dialect;

  beforeAll(async () => {
    ({ db, dialect } = await connectTestDatabase(database()));
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const model = (values: readonly string[], fallback?: string) => dslModel(dialect, [people(values, fallback)]);
  const feelings = async () => (await db.selectFrom('people').select('feeling').orderBy('id').execute()).map((row) => row.feeling);
  let backToFirst: readonly Operation[];

  test('creating a table with an enumeration converges and enforces the values', async () => {
    await migrateTo(db, dialect, model(['sad', 'ok']));
    expect(await differences(db, dialect, model(['sad', 'ok']))).toEqual([]);
    await db.insertInto('people').values([{ id: 1, feeling: 'sad' }, { id: 2, feeling: 'ok' }]).execute();
    await expect(db.insertInto('people').values({ id: 3, feeling: 'angry' }).execute()).rejects.toMatchObject({
      message: expect.stringMatching(/enum|CHECK|truncated/i),
    });
  });

  test('the enumeration is read back as the column type, not as a check', async () => {
    const introspected = await dialect.introspect(db, { isExcluded: () => false });
    const people = introspected.tables.find((t) => t.name === 'people')!;
    expect(people.checks).toEqual([]);
    expect(people.columns.find((c) => c.name === 'feeling')!.type).toMatchObject({ kind: 'enum', values: ['sad', 'ok'] });
    expect(introspected.enums).toEqual(name === 'postgres' ? [{ name: 'mood', values: ['sad', 'ok'] }] : []);
  });

  test('adding a value and defaulting to it in one revision works, and its downgrade restores the values', async () => {
    const target = model(['sad', 'ok', 'happy'], 'happy');
    const diff = await diffDatabase(db, dialect, target, () => false);
    if (name === 'postgres') {
      // ADD VALUE's value would be unusable in the same transaction: the type is swapped instead.
      expect(diff.upgrade.find((op) => op.kind === 'alterEnum')).toMatchObject({ recreate: true });
    }
    await runOperations(db, dialect, diff.upgrade);
    backToFirst = diff.downgrade;
    expect(await differences(db, dialect, target)).toEqual([]);
    await db.insertInto('people').values({ id: 3 }).execute();
    expect(await feelings()).toEqual(['sad', 'ok', 'happy']);

    await db.deleteFrom('people').where('feeling', '=', 'happy').execute();
    await runOperations(db, dialect, backToFirst);
    expect(await differences(db, dialect, model(['sad', 'ok']))).toEqual([]);
    expect(await feelings()).toEqual(['sad', 'ok']);
  });

  test('adding values nothing else uses runs ALTER TYPE … ADD VALUE in the revision transaction', async () => {
    const target = model(['meh', 'sad', 'ok', 'happy']);
    const diff = await diffDatabase(db, dialect, target, () => false);
    if (name === 'postgres') expect(diff.upgrade).toEqual([expect.objectContaining({ kind: 'alterEnum', to: { name: 'mood', values: ['meh', 'sad', 'ok', 'happy'] } })]);
    await runOperations(db, dialect, diff.upgrade);
    expect(await differences(db, dialect, target)).toEqual([]);
    await db.insertInto('people').values({ id: 4, feeling: 'meh' }).execute();
    await db.deleteFrom('people').where('id', '=', 4).execute();
    await runOperations(db, dialect, diff.downgrade);
    expect(await differences(db, dialect, model(['sad', 'ok']))).toEqual([]);
  });

  test('reordering and removing values keeps the rows; the downgrade brings the old order back', async () => {
    const target = model(['ok', 'sad']);
    const back = await migrateTo(db, dialect, target);
    expect(await differences(db, dialect, target)).toEqual([]);
    expect(await feelings()).toEqual(['sad', 'ok']);
    await runOperations(db, dialect, back);
    expect(await differences(db, dialect, model(['sad', 'ok']))).toEqual([]);

    const fewer = model(['ok']);
    await db.deleteFrom('people').where('feeling', '=', 'sad').execute();
    const restore = await migrateTo(db, dialect, fewer);
    expect(await differences(db, dialect, fewer)).toEqual([]);
    await runOperations(db, dialect, restore);
    expect(await differences(db, dialect, model(['sad', 'ok']))).toEqual([]);
    await db.insertInto('people').values({ id: 1, feeling: 'sad' }).execute();
    expect(await feelings()).toEqual(['sad', 'ok']);
  });

  test('checks and index predicates comparing the column with a value survive a type swap', async () => {
    const guarded = (values: readonly string[]) => {
      const mood = enumeration('mood', values);
      return dslModel(dialect, [
        table('people', { id: integer().primaryKey(), feeling: mood() }),
        table('moods', { id: integer().primaryKey(), feeling: mood() }, (t) => [
          check('not_sad', sql`feeling <> 'sad'`),
          // MySQL and MariaDB have no partial indexes.
          ...(name === 'mysql' ? [] : [index('ix_moods_ok').on(t.id).where(sql`feeling = 'ok'`)]),
        ]),
      ]);
    };
    const dropMoods = await migrateTo(db, dialect, guarded(['sad', 'ok']));
    await db.insertInto('moods').values({ id: 1, feeling: 'ok' }).execute();
    const back = await migrateTo(db, dialect, guarded(['ok', 'sad', 'fine']));
    expect(await differences(db, dialect, guarded(['ok', 'sad', 'fine']))).toEqual([]);
    await expect(db.insertInto('moods').values({ id: 2, feeling: 'sad' }).execute()).rejects.toMatchObject({
      message: expect.stringMatching(/check|constraint/i),
    });
    await runOperations(db, dialect, back);
    expect(await differences(db, dialect, guarded(['sad', 'ok']))).toEqual([]);
    await runOperations(db, dialect, dropMoods);
    expect(await differences(db, dialect, model(['sad', 'ok']))).toEqual([]);
  });

  test('dropping the table drops the type after it; the downgrade creates the type before it', async () => {
    const back = await migrateTo(db, dialect, EMPTY_MODEL);
    expect(await differences(db, dialect, EMPTY_MODEL)).toEqual([]);
    expect((await dialect.introspect(db, { isExcluded: () => false })).enums).toEqual([]);
    await runOperations(db, dialect, back);
    expect(await differences(db, dialect, model(['sad', 'ok']))).toEqual([]);
  });
});
