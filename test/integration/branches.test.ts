/**
 * Branched histories on every dialect: two branches off one root, a merge, a revision after
 * the merge, and a second tree whose revision depends on the first tree. Each stage moves by
 * one target of the grammar and checks the real version table and tables afterwards.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planDowngrade, planUpgrade } from '../../src/revisions/plan.js';
import { runMigrations } from '../../src/runtime/migrate.js';
import { forEachDialect } from '../helpers/databases.js';
import { graphOf, openDatabase, tableNames, versionRows, type OpenDatabase } from './runtime/project.js';

interface BranchedRevision {
  readonly id: string;
  readonly down: string | readonly string[] | null;
  readonly labels?: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly up: string;
  readonly down_: string;
}

const createTable = (name: string, extra = '') =>
  `await db.schema.createTable('${name}').addColumn('id', 'integer', (c) => c.primaryKey())${extra}.execute();`;
const dropTable = (name: string) => `await db.schema.dropTable('${name}').execute();`;

/**
 *            ┌ bbbb01 (bee) ← bbbb02 ┐
 * aaaa01 ────┤                        ├ dddd01 (merge) ← eeee01
 *            └ cccc01 (sea) ──────────┘
 * ffff01 (eff) ← ffff02 (dependsOn cccc01)
 */
const HISTORY: readonly BranchedRevision[] = [
  { id: 'aaaa01', down: null, up: createTable('items'), down_: dropTable('items') },
  { id: 'bbbb01', down: 'aaaa01', labels: ['bee'], up: createTable('bees'), down_: dropTable('bees') },
  {
    id: 'bbbb02',
    down: 'bbbb01',
    up: "await db.schema.alterTable('bees').addColumn('name', 'varchar(50)').execute();",
    down_: "await db.schema.alterTable('bees').dropColumn('name').execute();",
  },
  { id: 'cccc01', down: 'aaaa01', labels: ['sea'], up: createTable('seas'), down_: dropTable('seas') },
  { id: 'dddd01', down: ['bbbb02', 'cccc01'], up: '', down_: '' },
  { id: 'eeee01', down: 'dddd01', up: createTable('after_merge'), down_: dropTable('after_merge') },
  { id: 'ffff01', down: null, labels: ['eff'], up: createTable('other_tree'), down_: dropTable('other_tree') },
  { id: 'ffff02', down: 'ffff01', dependsOn: ['cccc01'], up: createTable('needs_sea'), down_: dropTable('needs_sea') },
];

function literal(value: string | readonly string[] | null | undefined): string {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0) ? 'null' : JSON.stringify(value);
}

function writeHistory(): { readonly dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sg-branches-'));
  for (const revision of HISTORY) {
    writeFileSync(
      join(dir, `${revision.id}_file.ts`),
      `/**\n * revision ${revision.id}\n */\nimport type { Kysely } from 'schemigrate';\n\n` +
        `export const revision = '${revision.id}';\n` +
        `export const downRevision: string | string[] | null = ${literal(revision.down)};\n` +
        `export const branchLabels: string[] | null = ${literal(revision.labels)};\n` +
        `export const dependsOn: string[] | null = ${literal(revision.dependsOn)};\n\n` +
        `export async function upgrade(db: Kysely<any>): Promise<void> {\n  void db;\n  ${revision.up}\n}\n\n` +
        `export async function downgrade(db: Kysely<any>): Promise<void> {\n  void db;\n  ${revision.down_}\n}\n`,
    );
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const USER_TABLES = ['after_merge', 'bees', 'items', 'needs_sea', 'other_tree', 'seas'];

forEachDialect((ctx) => {
  let open: OpenDatabase;
  let history: ReturnType<typeof writeHistory>;
  beforeAll(async () => {
    open = await openDatabase(ctx.database());
    history = writeHistory();
  });
  afterAll(async () => {
    history?.remove();
    await open?.db.destroy();
  });

  async function move(versionTable: string, direction: 'upgrade' | 'downgrade', target: string): Promise<string[]> {
    const graph = await graphOf(history.dir);
    const plan = direction === 'upgrade' ? planUpgrade : planDowngrade;
    const steps = await runMigrations({ ...open, versionTable, plan: (heads) => plan(graph, heads, target) });
    return steps.map((step) => step.revision.revision);
  }

  async function userTables(): Promise<string[]> {
    return (await tableNames(open.db)).filter((name) => USER_TABLES.includes(name));
  }

  test('stage by stage through branch labels, a merge and a dependency, then back down', async () => {
    const table = 'v_branches';
    const rows = () => versionRows(open.db, table);

    expect(await move(table, 'upgrade', 'aaaa01')).toEqual(['aaaa01']);
    expect(await rows()).toEqual(['aaaa01']);

    // bee@head would be eeee01: the branch continues through the merge.
    expect(await move(table, 'upgrade', 'bee@+2')).toEqual(['bbbb01', 'bbbb02']);
    expect(await rows()).toEqual(['bbbb02']);

    expect(await move(table, 'upgrade', 'sea@+1')).toEqual(['cccc01']);
    expect(await rows()).toEqual(['bbbb02', 'cccc01']);

    expect(await move(table, 'upgrade', 'dddd01')).toEqual(['dddd01']);
    expect(await rows()).toEqual(['dddd01']);

    // eeee01 continues the merge; ffff02 absorbs its own tree's row but not cccc01's (the merge holds it).
    expect(await move(table, 'upgrade', 'heads')).toEqual(['eeee01', 'ffff01', 'ffff02']);
    expect(await rows()).toEqual(['eeee01', 'ffff02']);
    expect(await userTables()).toEqual(USER_TABLES);

    expect(await move(table, 'upgrade', 'heads')).toEqual([]);
    expect(await move(table, 'downgrade', 'eeee01')).toEqual([]);

    expect(await move(table, 'downgrade', 'eff@base')).toEqual(['ffff02', 'ffff01']);
    expect(await rows()).toEqual(['eeee01']);
    expect(await userTables()).toEqual(['after_merge', 'bees', 'items', 'seas']);

    // Undoing the merge brings both parents back as rows.
    expect(await move(table, 'downgrade', 'cccc01')).toEqual(['eeee01', 'dddd01']);
    expect(await rows()).toEqual(['bbbb02', 'cccc01']);

    expect(await move(table, 'downgrade', 'bee@-1')).toEqual(['bbbb02']);
    expect(await rows()).toEqual(['bbbb01', 'cccc01']);
    const columns = (await open.db.introspection.getTables()).find((t) => t.name === 'bees')!.columns.map((c) => c.name);
    expect(columns).toEqual(['id']);

    await expect(move(table, 'downgrade', '-1')).rejects.toThrow(/several current heads \(bbbb01, cccc01\)/);
    await expect(move(table, 'downgrade', 'eeee01')).rejects.toThrow(/Cannot downgrade to eeee01: it is not applied/);
    expect(await rows()).toEqual(['bbbb01', 'cccc01']);

    expect(await move(table, 'downgrade', 'base')).toEqual(['cccc01', 'bbbb01', 'aaaa01']);
    expect(await rows()).toEqual([]);
    expect(await userTables()).toEqual([]);
  });

  test('upgrade heads from base applies each branch whole before the merge; downgrade base is the exact reverse', async () => {
    const table = 'v_branches_all';
    const up = await move(table, 'upgrade', 'heads');
    expect(up).toEqual(['aaaa01', 'bbbb01', 'bbbb02', 'cccc01', 'dddd01', 'eeee01', 'ffff01', 'ffff02']);
    expect(await versionRows(open.db, table)).toEqual(['eeee01', 'ffff02']);
    const down = await move(table, 'downgrade', 'base');
    expect(down).toEqual([...up].reverse());
    expect(await versionRows(open.db, table)).toEqual([]);
    expect(await userTables()).toEqual([]);
  });
});
