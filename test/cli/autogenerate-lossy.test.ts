/**
 * Lossy changes are confirmed like drops, through the built binary (no terminal, so nothing is
 * asked): a change that would round or re-spell a value stops the command unless --yes, and
 * with --yes the user gets what they accepted; a lossy change touching no value passes,
 * reported; a widening passes silently; drops and lossy changes share one refusal, also across
 * renames. On PostgreSQL and MariaDB the case is numeric(10, 2) → numeric(10, 0) over 12.34; SQLite
 * keeps 12.34 in a numeric(10, 0) column (it enforces no scale), so there it passes silently,
 * and its lossy case is text → integer over '0123', which type affinity turns into 123.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { runCli, withoutLintReport } from '../helpers/cli.js';
import { forEachDialect } from '../helpers/databases.js';
import { createProject, type TestProject } from '../helpers/project.js';

/** Per dialect: the lossy change, a value it changes (and into what), one it keeps. */
const LOSSY = {
  converting: {
    from: 'numeric(10, 2)',
    to: 'numeric(10, 0)',
    changed: ['12.34', 12],
    kept: ['5.00', 5],
    reason: 'numeric(10, 2) → numeric(10, 0) rounds values to whole numbers',
  },
  sqlite: {
    from: 'text()',
    to: 'integer()',
    changed: ['0123', 123],
    kept: ['123', 123],
    reason: "text → integer lets SQLite's type affinity turn text that reads as a number into that number ('0123' becomes 123)",
  },
} as const;

const MODULE_HEAD = "import { table, integer, numeric, text, varchar } from 'schemigrate';\n";

forEachDialect(({ dialect, database }) => {
  const lossy = dialect === 'sqlite' ? LOSSY.sqlite : LOSSY.converting;
  const prices = (name: string, types: { amount: string; spare: string; exact: string }, extra = "label: varchar(40), status: text().notNull().default('new')") =>
    `export const ${name} = table('${name}', { id: integer().primaryKey(), amount: ${types.amount}, spare: ${types.spare}, exact: ${types.exact}, ${extra} });`;
  const before = { amount: lossy.from, spare: lossy.from, exact: lossy.from };
  const after = { amount: lossy.to, spare: lossy.to, exact: lossy.to };

  let project: TestProject;
  beforeAll(() => {
    project = createProject(database().url);
  });
  afterAll(() => project?.remove());
  const cli = (...args: string[]) => runCli(project.dir, ...args);
  const writeSchema = (body: string) => project.writeSchema({ 'index.ts': `${MODULE_HEAD}${body}\n` });
  const versions = () => readdirSync(join(project.dir, 'migrations/versions')).filter((name) => name.endsWith('.ts')).sort();
  const query = async <T>(fn: (db: Kysely<any>) => Promise<T>): Promise<T> => project.query(fn);

  test('a change that would change a value stops without a terminal; --yes writes it and the row reads as accepted', async () => {
    writeSchema(prices('prices', before));
    expect(cli('revision', '-m', 'create prices', '--autogenerate').status).toBe(0);
    expect(cli('upgrade', 'head').status).toBe(0);
    await query((db) =>
      db.insertInto('prices').values({ id: 1, amount: lossy.changed[0], spare: null, exact: lossy.kept[0], label: 'abc', status: 'new' }).execute(),
    );

    writeSchema(prices('prices', after));
    const refused = cli('revision', '-m', 'narrow', '--autogenerate');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('The revision would change data, and nothing allowed it, so nothing was written');
    expect(refused.stderr).toContain(`column prices.amount: ${lossy.reason} (1 row would change)`);
    expect(refused.stderr).toContain('Pass --yes (the API\'s allowDataLoss: true) to write it anyway');
    // Changes that touch no value are reported, not asked about.
    expect(refused.stderr).not.toMatch(/prices\.(spare|exact)/);
    expect(refused.stdout).toMatch(/Changing column prices\.spare: .*; no value would change, so no confirmation is needed\./);
    expect(refused.stdout).toMatch(/Changing column prices\.exact: .*; no value would change, so no confirmation is needed\./);
    expect(versions()).toHaveLength(1);

    const confirmed = cli('--yes', 'revision', '-m', 'narrow', '--autogenerate');
    expect(confirmed.status).toBe(0);
    expect(confirmed.stderr).toContain(`Writing a revision that would change data, as allowed (--yes, the API's allowDataLoss): column prices.amount: ${lossy.reason} (1 row would change).`);
    expect(versions()).toHaveLength(2);
    const upgraded = cli('upgrade', 'head');
    expect(upgraded.stderr).toBe('');
    expect(upgraded.status).toBe(0);
    const rows = await query((db) => db.selectFrom('prices').select(['amount', 'spare', 'exact']).execute());
    expect(rows.map((row) => [Number(row.amount), row.spare, Number(row.exact)])).toEqual([[lossy.changed[1], null, lossy.kept[1]]]);
    expect(cli('check').status).toBe(0);
  });

  if (dialect === 'sqlite') {
    test('SQLite: numeric(10, 2) → numeric(10, 0) keeps 12.34 (no scale is enforced), so nothing is asked', async () => {
      writeSchema(`${prices('prices', after)}\nexport const sums = table('sums', { id: integer().primaryKey(), total: numeric(10, 2) });`);
      expect(cli('revision', '-m', 'sums', '--autogenerate').status).toBe(0);
      expect(cli('upgrade', 'head').status).toBe(0);
      await query((db) => db.insertInto('sums').values({ id: 1, total: 12.34 }).execute());
      writeSchema(`${prices('prices', after)}\nexport const sums = table('sums', { id: integer().primaryKey(), total: numeric(10, 0) });`);
      const narrowed = cli('revision', '-m', 'narrow sums', '--autogenerate');
      expect(withoutLintReport(narrowed.stderr)).toBe('');
      expect(narrowed.status).toBe(0);
      expect(narrowed.stdout).not.toContain('Changing column');
      expect(cli('upgrade', 'head').status).toBe(0);
      expect(await query((db) => db.selectFrom('sums').select('total').execute())).toEqual([{ total: 12.34 }]);
    });
  }

  test('a widening passes silently', () => {
    const extra = dialect === 'sqlite' ? `\nexport const sums = table('sums', { id: integer().primaryKey(), total: numeric(10, 0) });` : '';
    writeSchema(prices('prices', after, "label: varchar(100), status: text().notNull().default('new')") + extra);
    const widened = cli('revision', '-m', 'widen', '--autogenerate');
    expect(withoutLintReport(widened.stderr)).toBe('');
    expect(widened.status).toBe(0);
    expect(widened.stdout).toContain('column prices.label');
    expect(widened.stdout).not.toMatch(/Changing column|confirmation/);
    expect(cli('upgrade', 'head').status).toBe(0);
  });

  test('a drop and a lossy change share one refusal, named after renames and counted under the old names', async () => {
    const extra = dialect === 'sqlite' ? `\nexport const sums = table('sums', { id: integer().primaryKey(), total: numeric(10, 0) });` : '';
    // prices → costs, status → state losing its default, label dropped.
    writeSchema(prices('costs', after, 'state: text().notNull()') + extra);
    const flags = ['--rename', 'prices=costs', '--rename', 'costs.status=state'];
    const before = versions().length;
    const refused = cli('revision', '-m', 'rework', '--autogenerate', ...flags);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('The revision would drop and change data');
    expect(refused.stderr).toContain('column costs.label (it holds non-null values)');
    expect(refused.stderr).toContain("column costs.state: loses its default 'new': it is NOT NULL, so inserts that omit it will fail (the table holds 1 row)");
    expect(refused.stderr).toContain("declare the column's old type (or default) again");
    expect(versions()).toHaveLength(before);

    const confirmed = cli('--yes', 'revision', '-m', 'rework', '--autogenerate', ...flags);
    expect(confirmed.stderr).toContain('Writing a revision that would drop and change data, as allowed');
    expect(confirmed.status).toBe(0);
    expect(cli('upgrade', 'head').status).toBe(0);
    expect(await query((db) => db.selectFrom('costs').select(['id', 'state']).execute())).toEqual([{ id: 1, state: 'new' }]);
  });
});
