/**
 * The round trip that proves a revision (`schemigrate test`, `revision --verify`): in a
 * throwaway database at the revision's parent, upgrade, downgrade and upgrade again, and compare
 * the schema after each step with the one it must equal — and the row counts before the upgrade
 * with those after the downgrade, so that a downgrade losing seeded rows is caught.
 */
import { readFile } from 'node:fs/promises';
import { sql, type Kysely } from 'kysely';
import { parseDatabaseUrl } from '../config/url.js';
import type { Dialect } from '../dialects/dialect.js';
import { compareModels } from '../diff/compare.js';
import { qualifiedName } from '../model/qualified-name.js';
import type { Model } from '../model/types.js';
import { describeOperation } from '../operations/describe.js';
import type { RevisionGraph } from '../revisions/graph.js';
import { planUpgrade, type Step } from '../revisions/plan.js';
import { checksumTableName } from '../runtime/checksum-table.js';
import { runMigrations } from '../runtime/migrate.js';
import { lockTableName } from '../runtime/table-lock.js';
import { SchemigrateError } from '../util/errors.js';
import { globMatcher } from '../util/glob.js';
import { importUserModule } from '../util/import-module.js';
import type { Project } from './project.js';
import type { RevisionTest, RoundTripStep } from './types.js';

export interface RoundTripPlan {
  readonly graph: RevisionGraph;
  /** The version rows the throwaway database is brought to first (`[]`: base). */
  readonly start: readonly string[];
  /** The revisions to prove, as upgrade steps, parents first. */
  readonly steps: readonly Step[];
  /** Absolute path of a seed: SQL statements, or a module exporting `seed(db)`, run at `start`. */
  readonly seed?: string;
  /** Schemas that a revision's upgrade must produce exactly, by ID (a squash revision: the schema at the end of its range). */
  readonly upgradesTo?: ReadonlyMap<string, Model>;
}

/**
 * Prove each revision of `plan.steps` in one throwaway database, in order. The first revision
 * that fails stops the run: the database is then in no known state, and later ones are `skipped`.
 *
 * @example
 * const results = await proveRevisions(project, { graph, start: [], steps: planUpgrade(graph, [], 'heads') });
 */
export async function proveRevisions(project: Project, plan: RoundTripPlan): Promise<RevisionTest[]> {
  return inThrowaway(project, async (trip) => {
    for (const target of plan.start) await trip.run((heads) => planUpgrade(plan.graph, heads, target));
    if (plan.seed !== undefined) await runSeed(trip.scratch, plan.seed);
    const results: RevisionTest[] = [];
    for (const step of plan.steps) {
      const { revision, message, file } = step.revision;
      const failed = results.some((result) => result.status !== 'ok');
      const outcome = failed ? { status: 'skipped' as const } : await trip.prove(step, plan.upgradesTo?.get(revision));
      results.push({ revision, message, file, ...outcome });
    }
    return results;
  });
}

/**
 * The schema (without schemigrate's own tables and excluded ones) a database has at each of
 * `points` (each the version rows to upgrade to, in order), read in one throwaway database.
 *
 * @example
 * const [atFrom, atTo] = await schemasAlong(project, graph, [[], ['9c1e4b7a2f3d']]);
 */
export async function schemasAlong(project: Project, graph: RevisionGraph, points: readonly (readonly string[])[]): Promise<Model[]> {
  return inThrowaway(project, async (trip) => {
    const models: Model[] = [];
    for (const rows of points) {
      for (const target of rows) await trip.run((heads) => planUpgrade(graph, heads, target));
      models.push(await trip.introspect());
    }
    return models;
  });
}

/** Run `work` with the round trip's moves on a throwaway database made on the project's server. */
async function inThrowaway<T>(project: Project, work: (trip: ReturnType<typeof roundTripOn>) => Promise<T>): Promise<T> {
  const { config } = project;
  if (!config.url) {
    throw new SchemigrateError(`This needs the database URL (\`url\` in ${config.configPath}, or --url): a throwaway database is made on that server.`, {
      code: 'NO_DATABASE_URL',
    });
  }
  const url = parseDatabaseUrl(config.url, config.rootDir);
  const dialect = await project.dialect();
  const admin = async () => (await project.connection({ readOnly: true })).db;
  return dialect.withThrowaway(url, admin, (scratch) => work(roundTripOn(project, dialect, scratch)));
}

/** What one revision's round trip found: ok, or the step that failed and why. */
type Outcome = Pick<RevisionTest, 'status' | 'step' | 'differences' | 'error'>;

/** The round trip's moves on `scratch`: `run` a plan of steps, `prove` one revision. */
function roundTripOn(project: Project, dialect: Dialect, scratch: Kysely<any>) {
  const { config } = project;
  const userExcluded = globMatcher(config.exclude);
  const bookkeeping = [config.versionTable, checksumTableName(config.versionTable), lockTableName(config.versionTable)];
  const isExcluded = (name: string) => bookkeeping.includes(name) || userExcluded(name);
  const introspect = () => dialect.introspect(scratch, { isExcluded, concurrent: true });
  const run = (plan: (heads: readonly string[]) => readonly Step[]) =>
    runMigrations({
      db: scratch,
      dialect,
      versionTable: config.versionTable,
      lockMode: config.lockMode,
      plan,
      loadRevision: (file) => project.loadRevision(file),
    });
  const ran = async (step: RoundTripStep, plan: () => readonly Step[]): Promise<Outcome | undefined> => {
    try {
      await run(plan);
      return undefined;
    } catch (error) {
      return { status: 'failed', step, differences: [], error: error instanceof Error ? error.message : String(error) };
    }
  };
  const differing = (step: RoundTripStep, actual: Model, expected: Model): Outcome | undefined => {
    const differences = differencesBetween(actual, expected);
    return differences.length === 0 ? undefined : { status: 'failed', step, differences };
  };
  return {
    scratch,
    run,
    introspect,
    async prove(up: Step, expected?: Model): Promise<Outcome> {
      const down: Step = { direction: 'down', revision: up.revision, versionChange: { delete: up.versionChange.insert, insert: up.versionChange.delete } };
      const parent = await introspect();
      const rowsBefore = await rowCounts(scratch, parent);
      const upgraded = await ran('upgrade', () => [up]);
      if (upgraded) return upgraded;
      const revisionState = await introspect();
      const unlike = expected && differing('upgrade', revisionState, expected);
      if (unlike) return unlike;
      const downgraded = (await ran('downgrade', () => [down])) ?? differing('downgrade', await introspect(), parent);
      if (downgraded) return downgraded;
      const lost = rowsLost(rowsBefore, await rowCounts(scratch, parent));
      if (lost.length > 0) return { status: 'failed', step: 'rows', differences: lost };
      const again = (await ran('upgrade again', () => [up])) ?? differing('upgrade again', await introspect(), revisionState);
      return again ?? { status: 'ok' };
    },
  };
}

/**
 * What would take `actual` to `expected`, one line per operation (both directions compared:
 * a difference only one of them sees is named the other way round).
 *
 * @example
 * differencesBetween(afterDowngrade, parent); // ['+ column users.age integer']
 */
function differencesBetween(actual: Model, expected: Model): string[] {
  const forward = compareModels(actual, expected).map(describeOperation);
  if (forward.length > 0) return forward;
  return compareModels(expected, actual).map((operation) => `unexpected: ${describeOperation(operation)}`);
}

/** The number of rows of every table of `model`, by qualified name. */
async function rowCounts(db: Kysely<any>, model: Model): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const table of model.tables) {
    const name = qualifiedName(table);
    const { rows } = await sql<{ n: number | string }>`select count(*) as ${sql.ref('n')} from ${sql.table(name)}`.execute(db);
    counts.set(name, Number(rows[0]?.n ?? 0));
  }
  return counts;
}

/**
 * One line per table holding fewer rows after the downgrade than before the upgrade.
 *
 * @example
 * rowsLost(new Map([['users', 3]]), new Map([['users', 0]])); // ['rows of users: 3 before the upgrade, 0 after the downgrade']
 */
function rowsLost(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): string[] {
  return [...before].flatMap(([table, count]) => {
    const now = after.get(table) ?? 0;
    return now < count ? [`rows of ${table}: ${count} before the upgrade, ${now} after the downgrade`] : [];
  });
}

/**
 * Run a seed: a module exporting `seed(db)` (`.ts`, `.js`, …), or SQL statements, each ending
 * with `;` at the end of a line.
 *
 * @example
 * await runSeed(scratch, '/app/test/seed.sql');
 */
async function runSeed(db: Kysely<any>, file: string): Promise<void> {
  if (!/\.sql$/i.test(file)) {
    const module = await importUserModule<{ seed?: unknown; default?: { seed?: unknown } }>(file);
    const seed = module.seed ?? module.default?.seed;
    if (typeof seed !== 'function') throw new SchemigrateError(`The seed module ${file} exports no function \`seed(db)\`.`, { code: 'INVALID_INPUT' });
    await (seed as (db: Kysely<any>) => Promise<void>)(db);
    return;
  }
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new SchemigrateError(`Cannot read the seed file ${file}: ${(error as Error).message}`, { code: 'INVALID_INPUT', cause: error });
  });
  for (const statement of text.split(/;[ \t]*(?:\r?\n|$)/).map((part) => part.trim()).filter((part) => part !== '')) {
    await sql.raw(statement).execute(db);
  }
}
