/**
 * A project for the reliability tests: a line of revisions that each create a table, pause (so
 * that racing or killed runs land in the middle of the work) and log themselves in a `ran`
 * table, and a way to read the database's state afterwards.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { parseDatabaseUrl } from '../../src/config/url.js';
import { getDialect } from '../../src/dialects/registry.js';
import type { TestDatabase } from '../helpers/databases.js';
import { createProject, type TestProject } from '../helpers/project.js';

/** How many trials each reliability test runs: SCHEMIGRATE_RELIABILITY_TRIALS, or `fallback`. */
export function trials(fallback: number): number {
  const setting = Number(process.env.SCHEMIGRATE_RELIABILITY_TRIALS);
  return Number.isInteger(setting) && setting > 0 ? setting : fallback;
}

/** The ID of the `index`-th revision (1-based): a00000000001, a00000000002, … */
export function revisionId(index: number): string {
  return (0xa00000000000 + index).toString(16);
}

export interface LineOptions {
  readonly revisions: number;
  /** Milliseconds each revision waits between its table and its log row. */
  readonly pauseMs: number;
  /** `if [not] exists` DDL, for MySQL, where a killed revision's first statements stay committed. */
  readonly idempotent: boolean;
}

function revisionSource(index: number, options: LineOptions): string {
  const id = revisionId(index);
  const ifNotExists = options.idempotent ? 'if not exists ' : '';
  const ifExists = options.idempotent ? 'if exists ' : '';
  const up = [
    index === 1 ? `await sql\`create table ${ifNotExists}ran (revision varchar(32) not null)\`.execute(db);` : '',
    `await sql\`create table ${ifNotExists}t_${index} (id integer primary key)\`.execute(db);`,
    `await new Promise((resolve) => setTimeout(resolve, ${options.pauseMs}));`,
    options.idempotent ? `await sql\`delete from ran where revision = '${id}'\`.execute(db);` : '',
    `await sql\`insert into ran (revision) values ('${id}')\`.execute(db);`,
  ];
  const down = [
    `await sql\`delete from ran where revision = '${id}'\`.execute(db);`,
    `await sql\`drop table ${ifExists}t_${index}\`.execute(db);`,
    index === 1 ? `await sql\`drop table ${ifExists}ran\`.execute(db);` : '',
  ];
  const body = (lines: string[]) => lines.filter(Boolean).map((line) => `  ${line}`).join('\n');
  return `/**
 * step ${index}
 *
 * Revision ID: ${id}
 * Revises: ${index === 1 ? '' : revisionId(index - 1)}
 * Create Date: 2026-11-24T00:00:00.000Z
 */
import { sql, type Kysely } from 'schemigrate';

export const revision = '${id}';
export const downRevision: string | string[] | null = ${index === 1 ? 'null' : `'${revisionId(index - 1)}'`};
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(db: Kysely<any>): Promise<void> {
${body(up)}
}

export async function downgrade(db: Kysely<any>): Promise<void> {
${body(down)}
}
`;
}

/**
 * A project on `database` whose versions/ holds a line of `options.revisions` revisions.
 *
 * @example
 * const project = lineProject(database, { revisions: 6, pauseMs: 20, idempotent: false });
 */
export function lineProject(database: TestDatabase, options: LineOptions): TestProject {
  const project = createProject(database.url);
  for (let index = 1; index <= options.revisions; index++) {
    writeFileSync(join(project.dir, 'migrations/versions', `${revisionId(index)}_step_${index}.ts`), revisionSource(index, options));
  }
  return project;
}

/** What the database holds after a run. */
export interface DatabaseState {
  /** The version table's rows, sorted. */
  readonly versions: readonly string[];
  /** The revisions with a recorded checksum, sorted. */
  readonly checksums: readonly string[];
  /** How many times each revision logged itself in `ran` (absent: the table does not exist). */
  readonly ran: Readonly<Record<string, number>> | undefined;
  /** The `t_<n>` tables that exist, sorted by n. */
  readonly tables: readonly number[];
}

async function rowsOf(db: Kysely<any>, query: string): Promise<Record<string, unknown>[]> {
  try {
    return (await sql.raw<Record<string, unknown>>(query).execute(db)).rows;
  } catch {
    return [];
  }
}

/**
 * Read the version table, checksum table, `ran` log and `t_<n>` tables of `database`.
 *
 * @example
 * expect((await readState(database, 6)).versions).toEqual([revisionId(6)]);
 */
export async function readState(database: TestDatabase, revisions: number): Promise<DatabaseState> {
  const dialect = await getDialect(database.dialect);
  const db = await dialect.connect(parseDatabaseUrl(database.url, process.cwd()));
  try {
    const versions = (await rowsOf(db, 'select version_num from schemigrate_version')).map((row) => String(row.version_num)).sort();
    const checksums = (await rowsOf(db, 'select revision from schemigrate_version_checksums')).map((row) => String(row.revision)).sort();
    const tableNames = new Set((await db.introspection.getTables()).map((table) => table.name));
    let ran: Record<string, number> | undefined;
    if (tableNames.has('ran')) {
      ran = {};
      for (const row of await rowsOf(db, 'select revision from ran')) ran[String(row.revision)] = (ran[String(row.revision)] ?? 0) + 1;
    }
    const tables = Array.from({ length: revisions }, (_, index) => index + 1).filter((index) => tableNames.has(`t_${index}`));
    return { versions, checksums, ran, tables };
  } finally {
    await db.destroy();
  }
}

/**
 * The state of a database at revision `at` (0: base) of a line: each applied revision logged
 * exactly once, its table and its checksum present.
 *
 * @example
 * expect(await readState(database, 6)).toEqual(stateAt(6));
 */
export function stateAt(at: number): DatabaseState {
  const applied = Array.from({ length: at }, (_, index) => index + 1);
  return {
    versions: at === 0 ? [] : [revisionId(at)],
    checksums: applied.map(revisionId),
    ran: at === 0 ? undefined : Object.fromEntries(applied.map((index) => [revisionId(index), 1])),
    tables: applied,
  };
}
