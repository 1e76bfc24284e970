/**
 * Hand-written revision chains in a temp folder, linted offline: each test writes a base
 * revision and the revision under test, then lints that one.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DialectName } from '../../src/config/url.js';
import { getDialect } from '../../src/dialects/registry.js';
import { lintRevisions, type Finding } from '../../src/lint/lint.js';
import { buildGraph } from '../../src/revisions/graph.js';
import { scanVersions } from '../../src/revisions/scan.js';

/** One revision: its upgrade's SQL statements, and the file's extra exports. */
export interface TestRevision {
  readonly statements: readonly string[];
  readonly transactional?: boolean;
  /** Source of `export const lint = …`, as written. */
  readonly lint?: string;
  /** Code run after the statements, as written (it sees `db` and `sql`). */
  readonly code?: string;
}

/** The source of a revision file whose upgrade runs `statements` with `sql`. */
function revisionSource(id: string, parent: string | null, revision: TestRevision): string {
  const body = [
    ...revision.statements.map((statement) => `  await sql.raw(${JSON.stringify(statement)}).execute(db);`),
    ...(revision.code === undefined ? [] : [`  ${revision.code}`]),
  ].join('\n');
  return [
    "import { sql, type Kysely } from 'schemigrate';",
    `export const revision = '${id}';`,
    `export const downRevision: string | string[] | null = ${parent === null ? 'null' : `'${parent}'`};`,
    'export const branchLabels: string[] | null = null;',
    'export const dependsOn: string[] | null = null;',
    ...(revision.transactional === false ? ['export const transactional = false;'] : []),
    ...(revision.lint === undefined ? [] : [`export const lint = ${revision.lint};`]),
    `export async function upgrade(db: Kysely<any>): Promise<void> {\n${body}\n}`,
    'export async function downgrade(db: Kysely<any>): Promise<void> {}',
    '',
  ].join('\n');
}

/**
 * Write `revisions` as a chain and lint the last one on `dialect`.
 *
 * @example
 * await lintLast('postgres', [base, { statements: ['create index "ix" on "posts" ("title")'] }]);
 */
export async function lintLast(dialect: DialectName, revisions: readonly TestRevision[]): Promise<Finding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-lint-'));
  try {
    const versions = join(dir, 'versions');
    mkdirSync(versions);
    const ids = revisions.map((_, i) => `a${String(i + 1).padStart(11, '0')}`);
    revisions.forEach((revision, i) => writeFileSync(join(versions, `${ids[i]}_r${i}.ts`), revisionSource(ids[i]!, i === 0 ? null : ids[i - 1]!, revision)));
    const graph = buildGraph(await scanVersions(versions));
    return await lintRevisions({ dialect: await getDialect(dialect), graph, revision: ids[ids.length - 1]! });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rule ids of findings, in order. */
export function ruleIds(findings: readonly Finding[]): string[] {
  return findings.map((finding) => finding.rule);
}
