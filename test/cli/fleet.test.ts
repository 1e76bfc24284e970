/**
 * Many databases through the built CLI: one config with 10 SQLite files, 3 PostgreSQL schemas
 * of one database and 2 MariaDB databases, read by `targets()` from a JSON file the test
 * rewrites. `upgrade --all-targets` with a broken target (a table in its way) with and without
 * `--continue-on-error`, `--canary`, a re-run that resumes, `current` and `check --all-targets
 * --json`, `--target`, and the refusals.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { runCli, type Run } from '../helpers/cli.js';
import { createTestDatabase, isAvailable, type TestDatabase } from '../helpers/databases.js';
import { withDatabase } from '../helpers/project.js';

const REVISIONS = ['f00000000001', 'f00000000002', 'f00000000003'];
const HEAD = REVISIONS[2]!;
const BROKEN = 'lite-05';

const SCHEMA = `import { integer, table, varchar } from 'schemigrate';
export const items = table('items', { id: integer().primaryKey(), name: varchar(50).notNull(), note: varchar(100) });
export const tags = table('tags', { id: integer().primaryKey() });
`;

const BODIES: readonly [string, string][] = [
  [
    "await db.schema.createTable('items').addColumn('id', 'integer', (c) => c.notNull()).addColumn('name', 'varchar(50)', (c) => c.notNull()).addPrimaryKeyConstraint('pk_items', ['id']).execute();",
    "await db.schema.dropTable('items').execute();",
  ],
  [
    "await db.schema.createTable('tags').addColumn('id', 'integer', (c) => c.notNull()).addPrimaryKeyConstraint('pk_tags', ['id']).execute();",
    "await db.schema.dropTable('tags').execute();",
  ],
  ["await db.schema.alterTable('items').addColumn('note', 'varchar(100)').execute();", "await db.schema.alterTable('items').dropColumn('note').execute();"],
];

function revisionFile(index: number): string {
  const [up, down] = BODIES[index]!;
  return `/**
 * step ${index + 1}
 *
 * Revision ID: ${REVISIONS[index]}
 * Revises: ${REVISIONS[index - 1] ?? ''}
 * Create Date: 2026-12-04T00:00:00.000Z
 */
import type { Kysely } from 'schemigrate';

export const revision = '${REVISIONS[index]}';
export const downRevision: string | string[] | null = ${index === 0 ? 'null' : `'${REVISIONS[index - 1]}'`};
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(db: Kysely<any>): Promise<void> {
  ${up}
}

export async function downgrade(db: Kysely<any>): Promise<void> {
  ${down}
}
`;
}

interface Target {
  readonly name: string;
  readonly url: string;
  readonly schema?: string;
}

interface Report {
  readonly ok: boolean;
  readonly targets: readonly { target: string; ok: boolean; from: string[] | null; to: string[] | null; steps: number; ms: number; error: { code: string; message: string } | null; result: any }[];
  readonly failed: readonly string[];
  readonly skipped: readonly string[];
}

const parse = (run: Run): Report => JSON.parse(run.stdout) as Report;
const byName = (report: Report) => Object.fromEntries(report.targets.map((target) => [target.target, target]));

describe('a fleet of 15 targets on three dialects', () => {
  let dir: string;
  let targets: Target[];
  const servers: TestDatabase[] = [];
  const writeTargets = (list: readonly Target[]) => writeFileSync(join(dir, 'targets.json'), JSON.stringify(list));
  const cli = (...args: string[]) => runCli(dir, ...args);

  beforeAll(async () => {
    for (const dialect of ['postgres', 'mysql'] as const) {
      if (!(await isAvailable(dialect))) throw new Error(`The ${dialect} test server cannot be reached.`);
    }
    const postgres = await createTestDatabase('postgres');
    servers.push(postgres, await createTestDatabase('mysql'), await createTestDatabase('mysql'));
    dir = mkdtempSync(join(tmpdir(), 'sg-fleet-'));
    mkdirSync(join(dir, 'migrations/versions'), { recursive: true });
    mkdirSync(join(dir, 'src/db/schema'), { recursive: true });
    mkdirSync(join(dir, 'tenants'));
    writeFileSync(join(dir, 'src/db/schema/index.ts'), SCHEMA);
    REVISIONS.forEach((id, index) => writeFileSync(join(dir, 'migrations/versions', `${id}_step_${index + 1}.ts`), revisionFile(index)));
    writeFileSync(
      join(dir, 'schemigrate.config.ts'),
      `import { readFileSync } from 'node:fs';
export default {
  schema: './src/db/schema/index.ts',
  migrations: './migrations',
  targets: () => JSON.parse(readFileSync(new URL('./targets.json', import.meta.url), 'utf8')),
};
`,
    );
    targets = [
      ...Array.from({ length: 10 }, (_, index) => ({ name: `lite-${String(index + 1).padStart(2, '0')}`, url: `sqlite:./tenants/t${index + 1}.sqlite3` })),
      ...[1, 2, 3].map((index) => ({ name: `pg-${index}`, url: postgres.url, schema: `tenant_${index}` })),
      { name: 'maria-1', url: servers[1]!.url },
      { name: 'maria-2', url: servers[2]!.url },
    ];
    writeTargets(targets);
    // The broken target: a table in the way of the second revision.
    await withDatabase(`sqlite:${join(dir, 'tenants/t5.sqlite3')}`, dir, (db) => sql`create table tags (id integer)`.execute(db));
  });

  afterAll(async () => {
    for (const server of servers) await server.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('upgrade --all-targets --concurrency 4 stops starting targets after the broken one fails, naming it', () => {
    const run = cli('upgrade', 'head', '--all-targets', '--concurrency', '4', '--json');
    expect(run.status).toBe(1);
    const report = parse(run);
    expect(report.ok).toBe(false);
    expect(report.failed).toEqual([BROKEN]);
    expect(byName(report)[BROKEN]!.error).toMatchObject({ code: 'MIGRATION_FAILED', message: expect.stringContaining('tags') });
    // Targets in flight finish; none starts after the failure, so what is skipped comes after it.
    // (How many started meanwhile depends on timing: the broken target fails at its second revision.)
    const order = targets.map((target) => target.name);
    expect(report.skipped.length).toBeGreaterThan(0);
    for (const name of report.skipped) expect(order.indexOf(name)).toBeGreaterThan(order.indexOf(BROKEN));
    expect(report.targets.length + report.skipped.length).toBe(15);
    for (const target of report.targets.filter((target) => target.ok)) expect(target).toMatchObject({ from: [], to: [HEAD], steps: 3 });
    expect(run.stderr).toContain(`1 target(s) failed: ${BROKEN}.`);
  }, 60_000);

  test('--continue-on-error runs every other target, exits 1 naming the broken one; text shows a line per target and a summary', () => {
    const run = cli('upgrade', 'head', '--all-targets', '--concurrency', '4', '--continue-on-error');
    expect(run.status).toBe(1);
    expect(run.stdout.match(/^\[\d+\/15\] [\w-]+: /gm)).toHaveLength(14);
    expect(run.stderr).toMatch(new RegExp(`^warning: \\[\\d+/15\\] ${BROKEN}: FAILED after \\d+ ms \\[MIGRATION_FAILED\\]`, 'm'));
    expect(run.stdout).toMatch(/^15 target\(s\): 14 ok, 1 failed in [\d.]+ s\.$/m);
    expect(run.stderr).toMatch(new RegExp(`^error: 1 target\\(s\\) failed: ${BROKEN}\\.$`, 'm'));
    const current = parse(cli('current', '--all-targets', '--json'));
    expect(current.ok).toBe(true);
    for (const target of current.targets) expect(target.to).toEqual(target.target === BROKEN ? [REVISIONS[0]] : [HEAD]);
  }, 60_000);

  test('--canary 2 with the broken target first runs only the canaries', () => {
    writeTargets([targets[4]!, ...targets.filter((target) => target.name !== BROKEN)]);
    try {
      const run = cli('upgrade', 'head', '--all-targets', '--canary', '2', '--continue-on-error', '--json');
      expect(run.status).toBe(1);
      const report = parse(run);
      expect(report.targets.map((target) => target.target).sort()).toEqual(['lite-01', BROKEN]);
      expect(report.skipped).toHaveLength(13);
    } finally {
      writeTargets(targets);
    }
  }, 60_000);

  test('once the broken target is repaired, a re-run resumes: only it runs revisions', async () => {
    await withDatabase(`sqlite:${join(dir, 'tenants/t5.sqlite3')}`, dir, (db) => sql`drop table tags`.execute(db));
    const run = cli('upgrade', 'head', '--all-targets', '--canary', '2', '--json');
    expect(run.status).toBe(0);
    const report = parse(run);
    expect(report).toMatchObject({ ok: true, failed: [], skipped: [] });
    for (const target of report.targets) expect(target).toMatchObject(target.target === BROKEN ? { steps: 2, from: [REVISIONS[0]], to: [HEAD] } : { steps: 0, from: [HEAD], to: [HEAD] });
  }, 60_000);

  test('current and check --all-targets --json: every target at head and matching the schema', () => {
    const current = parse(cli('current', '--all-targets', '--json'));
    expect(current.targets.map((target) => [target.target, target.result.heads, target.result.atHeads]).sort()).toEqual(
      targets.map((target) => [target.name, [HEAD], true]).sort(),
    );
    const run = cli('check', '--all-targets', '--json', '--concurrency', '8');
    const check = parse(run);
    expect(check.targets.filter((target) => !target.result?.clean).map((target) => [target.target, target.error?.message ?? target.result.summary])).toEqual([]);
    expect(run.status).toBe(0);
  }, 60_000);

  test('check --all-targets finds the one target that drifted (the schema, loaded once, serves every target), exit 2', async () => {
    const drifted = `sqlite:${join(dir, 'tenants/t3.sqlite3')}`;
    await withDatabase(drifted, dir, (db) => sql`create table extra (id integer)`.execute(db));
    try {
      const run = cli('check', '--all-targets', '--json', '--concurrency', '8');
      expect(run.status).toBe(2);
      const drift = parse(run).targets.filter((target) => !target.result.clean);
      expect(drift.map((target) => [target.target, target.result.summary])).toEqual([['lite-03', ['- table extra']]]);
    } finally {
      await withDatabase(drifted, dir, (db) => sql`drop table extra`.execute(db));
    }
  }, 60_000);

  test('each PostgreSQL schema target keeps its own version table; --target picks one; downgrade and stamp fan out', async () => {
    expect(cli('downgrade', '-1', '--target', 'pg-2').status).toBe(0);
    const rows = await withDatabase(servers[0]!.url, dir, async (db) =>
      (await sql<{ schema: string; version: string }>`select 'tenant_1' as schema, version_num as version from tenant_1.schemigrate_version union all select 'tenant_2', version_num from tenant_2.schemigrate_version order by 1`.execute(db)).rows,
    );
    expect(rows).toEqual([{ schema: 'tenant_1', version: HEAD }, { schema: 'tenant_2', version: REVISIONS[1] }]);
    const check = cli('check', '--all-targets');
    expect(check.status).toBe(1); // pg-2 is behind and differs: PENDING_REVISIONS
    expect(check.stderr).toMatch(/\[PENDING_REVISIONS\][^\n]*\nerror: 1 target\(s\) failed: pg-2\./);
    const heads = cli('current', '--all-targets', '--check-heads');
    expect(heads.status).toBe(2);
    expect(heads.stdout).toMatch(new RegExp(`^\\[\\d+/15\\] pg-2: ${REVISIONS[1]} \\(1 pending\\) \\d+ ms$`, 'm'));
    expect(cli('upgrade', 'head', '--target', 'pg-2').status).toBe(0);
    const down = parse(cli('downgrade', 'base', '--all-targets', '--concurrency', '6', '--json'));
    expect(down.targets.filter((target) => !target.ok).map((target) => [target.target, target.error])).toEqual([]);
    expect(down.targets.every((target) => target.steps === 3 && target.to!.length === 0)).toBe(true);
    const stamp = parse(cli('stamp', 'head', '--all-targets', '--json'));
    expect(stamp.ok).toBe(true);
    expect(stamp.targets.map((target) => target.result)).toEqual(targets.map(() => ({ removed: [], recorded: [HEAD] })));
  }, 60_000);

  test('bad input: an unknown target lists the names, a schema on a non-PostgreSQL target and --url with --all-targets are refused', () => {
    const unknown = cli('current', '--target', 'lite-99');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^error: Unknown target 'lite-99'\. The config's targets are: lite-01, lite-02, .*maria-2\.\n$/);
    writeTargets([...targets, { name: 'odd', url: 'sqlite:./tenants/odd.sqlite3', schema: 'x' }]);
    const schema = cli('current', '--all-targets');
    expect(schema.status).toBe(1);
    expect(schema.stderr).toContain("target 'odd' has a 'schema', but schemas per target need PostgreSQL");
    writeTargets(targets);
    expect(cli('current', '--all-targets', '--url', 'sqlite:./x.sqlite3').stderr).toContain('--all-targets runs on every target of the config: it cannot be combined with --url.');
  }, 60_000);
});
