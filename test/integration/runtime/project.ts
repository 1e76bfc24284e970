/**
 * Helpers for the runtime tests: a database opened through its dialect, and a temporary
 * versions/ folder of small revision files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { parseDatabaseUrl } from '../../../src/config/url.js';
import type { Dialect } from '../../../src/dialects/dialect.js';
import { getDialect } from '../../../src/dialects/registry.js';
import { buildGraph, type RevisionGraph } from '../../../src/revisions/graph.js';
import { scanVersions } from '../../../src/revisions/scan.js';
import type { TestDatabase } from '../../helpers/databases.js';

export interface OpenDatabase {
  readonly db: Kysely<any>;
  readonly dialect: Dialect;
}

/**
 * Open `database` through its dialect before the suite's tests and close it after them; the
 * returned function gives the open connection inside a test.
 *
 * @example
 * forEachDialect((ctx) => {
 *   const open = useOpenDatabase(ctx.database);
 *   test('…', async () => { await open().db.selectFrom('t').selectAll().execute(); });
 * });
 */
export function useOpenDatabase(database: () => TestDatabase): () => OpenDatabase {
  let open: OpenDatabase | undefined;
  beforeAll(async () => {
    open = await openDatabase(database());
  });
  afterAll(async () => {
    await open?.db.destroy();
  });
  return () => {
    if (!open) throw new Error('The test database is not open yet: call open() inside a test.');
    return open;
  };
}

/** Connect to a test database the way the CLI does: through its dialect. */
export async function openDatabase(database: TestDatabase): Promise<OpenDatabase> {
  const dialect = await getDialect(database.dialect);
  const db = await dialect.connect(parseDatabaseUrl(database.url, process.cwd()));
  return { db, dialect };
}

export interface RevisionSource {
  readonly id: string;
  readonly down?: string | readonly string[];
  readonly message?: string;
  /** Body of `upgrade(db)`. */
  readonly up: string;
  /** Body of `downgrade(db)`. */
  readonly down_: string;
  /** Extra top-level code, e.g. `export const transactional = false;`. */
  readonly extra?: string;
}

/** A revision file as the template renders it. */
export function revisionFile(source: RevisionSource): string {
  const down = source.down === undefined ? 'null' : JSON.stringify(source.down);
  return `/**
 * ${source.message ?? `revision ${source.id}`}
 *
 * Revision ID: ${source.id}
 * Create Date: 2026-11-23T20:41:00.000Z
 */
import { sql, type Kysely } from 'schemigrate';

export const revision = '${source.id}';
export const downRevision: string | string[] | null = ${down};
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;
${source.extra ?? ''}
export async function upgrade(db: Kysely<any>): Promise<void> {
  void sql;
  ${source.up}
}

export async function downgrade(db: Kysely<any>): Promise<void> {
  void sql;
  ${source.down_}
}
`;
}

/** A temporary versions/ folder holding the given revisions; `remove` deletes it. */
export function versionsFolder(revisions: readonly RevisionSource[]): { readonly dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sg-versions-'));
  for (const revision of revisions) writeFileSync(join(dir, `${revision.id}_file.ts`), revisionFile(revision));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The graph of a versions folder, read as the CLI reads it. */
export async function graphOf(dir: string): Promise<RevisionGraph> {
  return buildGraph(await scanVersions(dir));
}

/** Table names (not views) in the database, sorted. */
export async function tableNames(db: Kysely<any>): Promise<string[]> {
  return (await db.introspection.getTables()).map((table) => table.name).sort();
}

/** The version table's rows, sorted, read directly. */
export async function versionRows(db: Kysely<any>, versionTable: string): Promise<string[]> {
  const rows = await db.selectFrom(versionTable).select('version_num').orderBy('version_num').execute();
  return rows.map((row) => String(row.version_num));
}
