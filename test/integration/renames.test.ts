/**
 * Confirmed renames through the autogenerate pipeline on every dialect: a table referenced by
 * a foreign key is renamed, one of its columns renamed and widened at once; the upgrade keeps
 * the rows, compares clean, and the downgrade renames back with the rows.
 */
import type { Kysely } from 'kysely';
import { diffDatabase } from '../../src/autogenerate/api.js';
import type { Dialect } from '../../src/dialects/dialect.js';
import { describeOperation } from '../../src/operations/describe.js';
import { bigint, index, integer, table, varchar } from '../../src/index.js';
import { connectTestDatabase, forEachDialect } from '../helpers/databases.js';
import { dslModel } from '../helpers/dsl-model.js';
import { differences, EMPTY_MODEL, migrateTo, runOperations } from '../helpers/model-migrations.js';

const before = () => {
  const users = table('users', { id: integer().primaryKey(), mail: varchar(50), score: integer() }, (t) => [index().on(t.score)]);
  const posts = table('posts', { id: integer().primaryKey(), authorId: integer().references(() => users.columns.id) });
  return [users, posts];
};

const after = () => {
  const people = table('people', { id: integer().primaryKey(), email: varchar(100), score: bigint() }, (t) => [index().on(t.score)]);
  const posts = table('posts', { id: integer().primaryKey(), authorId: integer().references(() => people.columns.id) });
  return [people, posts];
};

forEachDialect(({ database }) => {
  let db: Kysely<any>;
  let dialect: Dialect;

  beforeAll(async () => {
    ({ db, dialect } = await connectTestDatabase(database()));
  });
  afterAll(async () => db?.destroy());

  test('rename a referenced table and a retyped column, rows kept both ways', async () => {
    await migrateTo(db, dialect, EMPTY_MODEL);
    const a = dslModel(dialect, before());
    const b = dslModel(dialect, after());
    await migrateTo(db, dialect, a);
    await db.insertInto('users').values({ id: 1, mail: 'ann@example.com', score: 7 }).execute();
    await db.insertInto('posts').values({ id: 10, authorId: 1 }).execute();

    const asked: string[][] = [];
    const diff = await diffDatabase(db, dialect, b, () => false, {
      resolveRenames: async (candidates) => {
        asked.push(candidates.map((c) => `${c.kind} ${c.from}→${c.to}`));
        return candidates.filter((c) => c.kind === 'table' || c.from === 'mail');
      },
    });
    // The column candidate shows up only once the table is renamed.
    expect(asked).toEqual([['table users→people'], ['column mail→email']]);
    const lines = diff.operations.map(describeOperation);
    // The table is renamed before anything on it is done under its new name.
    const renames = diff.operations.filter((op) => op.kind === 'renameTable' || op.kind === 'renameColumn');
    expect(renames.map(describeOperation)).toEqual(['~ table users → people', '~ column people.mail → email']);
    expect(lines.findIndex((line) => line.includes(' people'))).toBe(lines.indexOf('~ table users → people'));
    expect(lines).not.toContainEqual(expect.stringMatching(/^[-+] (table|column) /));

    await runOperations(db, dialect, diff.upgrade);
    expect(await differences(db, dialect, b)).toEqual([]);
    expect(await db.selectFrom('people').select(['id', 'email']).execute()).toEqual([{ id: 1, email: 'ann@example.com' }]);
    expect(await db.selectFrom('posts').select(['authorId']).execute()).toEqual([{ authorId: 1 }]);

    await runOperations(db, dialect, diff.downgrade);
    expect(await differences(db, dialect, a)).toEqual([]);
    expect(await db.selectFrom('users').select(['id', 'mail', 'score']).execute()).toEqual([{ id: 1, mail: 'ann@example.com', score: 7 }]);
  });
});
