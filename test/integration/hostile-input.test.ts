/**
 * Hostile input (issue 7): identifiers with quotes, backticks, spaces, unicode and reserved
 * words; default strings with quotes, backslashes, `${…}`, backticks and `*\/`; comments and a
 * revision message with the same. Each goes through the real pipeline — autogenerate, render,
 * write the revision file, load it, upgrade, check — on every dialect, and must come back
 * unchanged: no SQL or TypeScript injection, no difference afterwards.
 */
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { checkSchema } from '../../src/commands/check.js';
import { migrate } from '../../src/commands/migrate.js';
import { createRevision } from '../../src/commands/revision.js';
import type { DialectName } from '../../src/config/url.js';
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
    const created = await createRevision(config, { message: HOSTILE_MESSAGE, autogenerate: true, yes: true }, project.reporter);
    expect(created.file).toBeDefined();
    const source = readFileSync(created.file!, 'utf8');

    // The message stays inside the doc comment: the comment ends where the header ends.
    const commentEnd = source.indexOf('*/');
    expect(source.slice(0, commentEnd)).toContain('Revision ID:');
    // …and graph commands read it back unchanged.
    const graph = buildGraph(await scanVersions(config.versionsDir));
    expect(graph.get(created.revision).message).toBe(HOSTILE_MESSAGE);

    await migrate(config, 'upgrade', 'head', project.reporter);
    expect((await checkSchema(config, project.reporter)).map(describeOperation)).toEqual([]);

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
    await migrate(config, 'downgrade', 'base', project.reporter);
    await migrate(config, 'upgrade', 'head', project.reporter);
    expect((await checkSchema(config, project.reporter)).map(describeOperation)).toEqual([]);
  });
});
