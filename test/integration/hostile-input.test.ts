/**
 * Hostile input (issue 7): identifiers with quotes, backticks, spaces, unicode and reserved
 * words; default strings with quotes, backslashes, `${…}`, backticks and `*\/`; comments and a
 * revision message with the same. Each goes through the real pipeline — autogenerate, render,
 * write the revision file, load it, upgrade, check — on every dialect, and must come back
 * unchanged: no SQL or TypeScript injection, no difference afterwards.
 */
import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../src/config/url.js';
import type { Dialect } from '../../src/dialects/dialect.js';
import { describeOperation } from '../../src/operations/describe.js';
import { buildGraph } from '../../src/revisions/graph.js';
import { scanVersions } from '../../src/revisions/scan.js';
import { connectTestDatabase, forEachDialect } from '../helpers/databases.js';
import { createProject, type TestProject } from '../helpers/project.js';

/** Strings that break naive quoting in SQL, in TypeScript source or in a doc comment. */
export const HOSTILE_STRINGS: readonly string[] = [
  `it's "quoted"`,
  'back\\slash \\n \\\\ \\x41 and a trailing backslash \\',
  '${process.exit(3)}',
  '`tick` ${`nested`}',
  '*/ drop table victims; /*',
  "'); drop table victims; --",
  '"; drop table victims; --',
  'ünïcödé — 表 🚀',
  '\u2028 line separator',
];

/**
 * Hostile table names per dialect. MySQL forbids `/`, `\` and `.` in table names and a
 * trailing space in any identifier; the rest are accepted everywhere.
 */
function hostileTables(dialect: DialectName): readonly string[] {
  const common = ['we"ird', 'bk`tick', 'has space', 'ünï表', 'select', "it's"];
  return dialect === 'mysql' ? common : [...common, 'slash/and\\back'];
}

/** Hostile column names: every table gets all of them. */
const HOSTILE_COLUMNS: readonly string[] = ['"quoted"', '`tick`', 'with space', 'ñame', 'from', 'group', "o'clock", '${x}'];

/** The TypeScript of a schema module declaring the hostile tables; strings go in through JSON. */
function schemaModule(dialect: DialectName): string {
  const tables = hostileTables(dialect).map((name, tableIndex) => {
    const columns = HOSTILE_COLUMNS.map((column, index) => {
      const value = HOSTILE_STRINGS[(index + tableIndex) % HOSTILE_STRINGS.length]!;
      const comment = HOSTILE_STRINGS[(index + tableIndex + 1) % HOSTILE_STRINGS.length]!;
      return `  ${JSON.stringify(column)}: varchar(200).default(${JSON.stringify(value)}).comment(${JSON.stringify(comment)}),`;
    });
    const comment = HOSTILE_STRINGS[tableIndex % HOSTILE_STRINGS.length]!;
    return `export const table${tableIndex} = table(${JSON.stringify(name)}, {
  id: integer().primaryKey(),
${columns.join('\n')}
}, (t) => [
  index().on(t[${JSON.stringify(HOSTILE_COLUMNS[0])}], t[${JSON.stringify(HOSTILE_COLUMNS[2])}]),
  unique().on(t[${JSON.stringify(HOSTILE_COLUMNS[3])}]),
]).comment(${JSON.stringify(comment)});`;
  });
  const referring = `export const referring = table('refers "to" \`it\`', {
  id: integer().primaryKey(),
  'the parent': integer().references(() => table0.columns.id, { onDelete: 'cascade' }),
});`;
  return `import { table, integer, varchar, index, unique } from 'schemigrate';\n\n${tables.join('\n\n')}\n\n${referring}\n`;
}

/** A revision message that tries to leave the doc comment and run code. */
const HOSTILE_MESSAGE = 'break */ out; process.exit(7); /* `${x}` \\ \'"';

forEachDialect(({ dialect, database }) => {
  let project: TestProject;
  let db: Kysely<any>;

  beforeAll(async () => {
    project = createProject(database().url);
    ({ db } = await connectTestDatabase(database()));
  });
  afterAll(async () => {
    await db?.destroy();
    project?.remove();
  });

  test('hostile identifiers, defaults, comments and message round-trip with no difference', async () => {
    project.writeSchema({ 'index.ts': schemaModule(dialect) });
    const config = await project.config();
    const created = await project.api.revision({ message: HOSTILE_MESSAGE, autogenerate: true, allowDataLoss: true });
    expect(created.file).toBeDefined();
    const source = readFileSync(created.file!, 'utf8');

    // The message stays inside the doc comment: the comment ends where the header ends.
    const commentEnd = source.indexOf('*/');
    expect(source.slice(0, commentEnd)).toContain('Revision ID:');
    // …and graph commands read it back unchanged.
    const graph = buildGraph(await scanVersions(config.versionsDir));
    expect(graph.get(created.revision).message).toBe(HOSTILE_MESSAGE);

    await project.api.upgrade('head');
    expect((await project.api.check()).operations.map(describeOperation)).toEqual([]);

    // Every default reaches the database as the exact string.
    for (const [tableIndex, name] of hostileTables(dialect).entries()) {
      await db.insertInto(name).values({ id: 1 }).execute();
      const row = await db.selectFrom(name).selectAll().executeTakeFirstOrThrow();
      for (const [index, column] of HOSTILE_COLUMNS.entries()) {
        expect({ table: name, column, value: row[column] }).toEqual({
          table: name,
          column,
          value: HOSTILE_STRINGS[(index + tableIndex) % HOSTILE_STRINGS.length],
        });
      }
    }

    // Down and up again: the rendered downgrade is as safe as the upgrade.
    await project.api.downgrade('base');
    await project.api.upgrade('head');
    expect((await project.api.check()).operations.map(describeOperation)).toEqual([]);
  });
});

/**
 * Backslashes next to quotes: MySQL reads a backslash in a string literal as an escape, so a
 * value written there without doubling it ends its literal early (`'C:\\tmp\\'`) or changes.
 */
export const BACKSLASH_STRINGS: readonly string[] = ['C:\\tmp\\', '\\', "\\'", "\\\\'", "'\\''", "a\\' or 1=1 -- ", 'x\\nY\\0 100\\%'];

/**
 * One table holding each backslash string `v` (index `i`) as: a literal default and comment
 * (`d<i>`), a default interpolated into `sql` (`e<i>`), a check allowing only `v` (`c<i>`, from
 * a column check and a table check in turn), a generated column (`g<i>`), and, where the
 * dialect has partial indexes, a unique index on `grp` over the rows whose `p<i>` is `v`.
 */
function backslashModule(dialect: DialectName): string {
  const columns = BACKSLASH_STRINGS.flatMap((value, i) => {
    const v = JSON.stringify(value);
    const check = i % 2 === 0 ? `.check(sql\`c${i} is null or c${i} = \${${v}}\`)` : '';
    return [
      `  d${i}: varchar(100).default(${v}).comment(${v}),`,
      `  e${i}: varchar(100).default(sql\`\${${v}}\`),`,
      `  c${i}: varchar(100)${check},`,
      `  g${i}: varchar(100).generatedAs(sql\`case when id > 0 then \${${v}} end\`, { stored: true }),`,
      `  p${i}: varchar(100),`,
    ];
  });
  const extras = BACKSLASH_STRINGS.flatMap((value, i) => {
    const v = JSON.stringify(value);
    return [
      ...(i % 2 === 1 ? [`  check('c${i}', sql\`c${i} is null or c${i} = \${${v}}\`),`] : []),
      ...(dialect === 'mysql' ? [] : [`  index('ux_p${i}').on(t.grp).unique().where(sql\`p${i} = \${${v}}\`),`]),
    ];
  });
  return `import { table, integer, varchar, index, check, sql } from 'schemigrate';

export const backslashes = table('backslashes', {
  id: integer().primaryKey(),
  grp: integer(),
${columns.join('\n')}
}, (t) => [
${extras.join('\n')}
]).comment(${JSON.stringify(BACKSLASH_STRINGS.join(' '))});
`;
}

forEachDialect(({ dialect: name, database }) => {
  let project: TestProject;
  let db: Kysely<any>;
  let dialect: Dialect;

  beforeAll(async () => {
    project = createProject(database().url);
    ({ db, dialect } = await connectTestDatabase(database()));
  });
  afterAll(async () => {
    await db?.destroy();
    project?.remove();
  });

  test('the dialect spells each backslash string as a literal the server reads back unchanged', async () => {
    for (const value of BACKSLASH_STRINGS) {
      const { rows } = await sql<{ v: string }>`select ${sql.raw(dialect.stringLiteral(value))} as v`.execute(db);
      expect(rows[0]!.v).toBe(value);
    }
  });

  test('backslashes in defaults, sql expressions, checks, index predicates and comments survive every step', async () => {
    project.writeSchema({ 'index.ts': backslashModule(name) });
    await project.api.revision({ message: 'backslashes', autogenerate: true, allowDataLoss: true });
    await project.api.upgrade('head');
    expect((await project.api.check()).operations.map(describeOperation)).toEqual([]);

    // Defaults (literal and sql) and generated values are exactly the strings.
    await db.insertInto('backslashes').values({ id: 1 }).execute();
    const row = await db.selectFrom('backslashes').selectAll().executeTakeFirstOrThrow();
    for (const [i, value] of BACKSLASH_STRINGS.entries()) {
      expect({ i, d: row[`d${i}`], e: row[`e${i}`], g: row[`g${i}`] }).toEqual({ i, d: value, e: value, g: value });
    }

    // Each check accepts its string and refuses a near miss. Matched by message, not
    // `rejects.toThrow()`: better-sqlite3 keeps the error class of the first test file its
    // native module served in this jest worker, an Error of another realm that toThrow ignores.
    for (const [i, value] of BACKSLASH_STRINGS.entries()) {
      await db.updateTable('backslashes').set({ [`c${i}`]: value }).where('id', '=', 1).execute();
      for (const other of [`${value}!`, value.replaceAll('\\', '')]) {
        await expect(db.updateTable('backslashes').set({ [`c${i}`]: other }).where('id', '=', 1).execute()).rejects.toMatchObject({
          message: expect.stringMatching(/check|constraint/i),
        });
      }
    }

    // Each partial unique index covers the rows holding exactly its string.
    if (name !== 'mysql') {
      for (const [i, value] of BACKSLASH_STRINGS.entries()) {
        const rows = (p: string, ids: number[]) => ids.map((id) => ({ id, grp: 7, [`p${i}`]: p }));
        await db.insertInto('backslashes').values(rows(`${value}!`, [10, 11])).execute();
        await db.insertInto('backslashes').values(rows(value, [12])).execute();
        await expect(db.insertInto('backslashes').values(rows(value, [13])).execute()).rejects.toMatchObject({
          message: expect.stringMatching(/unique|duplicate/i),
        });
        await db.deleteFrom('backslashes').where('id', '>=', 10).execute();
      }
    }

    // Comments read back unchanged (SQLite keeps none).
    if (name !== 'sqlite') {
      const [table] = (await dialect.introspect(db, { isExcluded: (t) => t !== 'backslashes' })).tables;
      expect(table!.comment).toBe(BACKSLASH_STRINGS.join(' '));
      expect(BACKSLASH_STRINGS.map((_, i) => table!.columns.find((c) => c.name === `d${i}`)!.comment)).toEqual(BACKSLASH_STRINGS);
    }

    await project.api.downgrade('base');
    expect(await dialect.introspect(db, { isExcluded: (t) => t !== 'backslashes' })).toMatchObject({ tables: [] });
    await project.api.upgrade('head');
    expect((await project.api.check()).operations.map(describeOperation)).toEqual([]);
  });
});
