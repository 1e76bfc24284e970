/**
 * `lintRevisions`: the findings of every revision in a range, from the statements each one's
 * upgrade runs (recorded offline) and the dialect's rules.
 */
import type { DialectName } from '../config/url.js';
import type { Dialect } from '../dialects/dialect.js';
import type { RevisionGraph } from '../revisions/graph.js';
import { planUpgrade, type Step } from '../revisions/plan.js';
import { loadRevisionModule, type RevisionModule } from '../runtime/load-revision.js';
import { SchemigrateError } from '../util/errors.js';
import { readAllowances } from './allowances.js';
import { Catalog, changesColumnType } from './catalog.js';
import type { Hit } from './hits.js';
import { mysqlRules } from './mysql.js';
import { postgresRules } from './postgres.js';
import { recordUpgrade } from './record.js';
import { RULES, type RuleId, type Severity } from './rules.js';
import { RevisionScope } from './scope.js';
import { rebuiltTables, sqliteRules } from './sqlite.js';
import { keywordsAt, readAlterTable, readCreateTable, readName, readStatement, skipKeywords, type Statement } from './statement.js';

/** One risky statement: which rule it breaks, where, why, and what to write instead. */
export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly revision: string;
  readonly file: string;
  readonly statement: string;
  readonly reason: string;
  readonly safeAlternative: string;
}

export interface LintOptions {
  readonly dialect: Pick<Dialect, 'name' | 'offline' | 'runRevision'>;
  readonly graph: RevisionGraph;
  /**
   * `<from>:<to>` or `<to>` (from base), as for `upgrade --sql`; every revision up to the heads
   * by default. When a revision in the range changes a column's type, the revisions before
   * `from` are recorded too (not linted), to know the type they left.
   */
  readonly range?: string;
  /** Lint only this revision (e.g. the one autogenerate just wrote); overrides `range`. */
  readonly revision?: string;
  /**
   * The module of `revision` when the caller has it already (autogenerate builds it in memory,
   * `renderedRevisionModule`), recorded instead of loading its file.
   */
  readonly module?: RevisionModule;
}

/**
 * The findings of the revisions in the range, in upgrade order; those a revision allows
 * (`export const lint = { allow: { rule: 'why' } }`) are left out.
 *
 * @example
 * const findings = await lintRevisions({ dialect, graph: buildGraph(await scanVersions(dir)), range: 'base:head' });
 * findings.filter((finding) => finding.severity === 'error').length; // exit 2 when > 0
 */
export async function lintRevisions(options: LintOptions): Promise<Finding[]> {
  const { graph, dialect } = options;
  const [from, to] = rangeEnds(options);
  const steps = planUpgrade(graph, [], to);
  const before = new Set(from === 'base' ? [] : planUpgrade(graph, [], from).map((step) => step.revision.revision));
  if (options.revision !== undefined) for (const step of steps.slice(0, -1)) before.add(step.revision.revision);
  const target = options.revision === undefined ? undefined : steps.at(-1);
  const load = (step: Step) => (options.module !== undefined && step === target ? options.module : loadRevisionModule(step.revision.file));
  const linted = await Promise.all(steps.filter((step) => !before.has(step.revision.revision)).map(async (step) => recordRevision(dialect, step, await load(step))));
  const catalog = new Catalog();
  // The revisions before the range matter only for the old type of a changed column.
  if (linted.some((revision) => revision.statements.some(changesColumnType))) {
    for (const step of steps.filter((candidate) => before.has(candidate.revision.revision))) {
      for (const statement of (await recordRevision(dialect, step, await load(step))).statements) catalog.apply(statement);
    }
  }
  const findings: Finding[] = [];
  for (const { step, allowed, statements } of linted) {
    const { revision, file } = step.revision;
    const rules = rulesFor(dialect.name, statements);
    const scope = new RevisionScope(catalog);
    for (const statement of statements) {
      if (!scope.track(statement)) {
        for (const hit of rules(statement, scope)) if (!allowed.has(hit.rule)) findings.push(finding(hit, revision, file, statement));
        noteCreated(statement, scope);
      }
      catalog.apply(statement);
    }
  }
  return findings;
}

/** One revision's upgrade statements (`module` is its file's), recorded offline, and the rules it allows. */
async function recordRevision(dialect: LintOptions['dialect'], step: Step, module: RevisionModule) {
  return {
    step,
    allowed: readAllowances(module.lint, step.revision.file),
    statements: (await recordUpgrade(dialect, module, step.revision.file)).map(readStatement),
  };
}

function rangeEnds(options: LintOptions): [string, string] {
  if (options.revision !== undefined) return ['base', options.revision];
  const parts = (options.range ?? 'base:heads').split(':');
  if (parts.length > 2) throw new SchemigrateError(`Invalid range '${options.range}': write <from>:<to> (e.g. base:head) or <to>.`);
  return parts.length === 2 ? [parts[0] || 'base', parts[1] || 'heads'] : ['base', parts[0] || 'heads'];
}

/** The dialect's rules for one revision's statements. */
function rulesFor(dialect: DialectName, statements: readonly Statement[]): (statement: Statement, scope: RevisionScope) => Hit[] {
  switch (dialect) {
    case 'postgres':
      return postgresRules;
    case 'mysql':
      return mysqlRules;
    case 'sqlite': {
      const rebuilt = rebuiltTables(statements);
      return (statement, scope) => sqliteRules(statement, scope, rebuilt);
    }
  }
}

/**
 * Tables the revision creates (or renames a created table to), and materialized views it
 * creates, are new: nothing else uses them yet.
 */
function noteCreated(statement: Statement, scope: RevisionScope): void {
  const { tokens } = statement;
  const created = readCreateTable(statement) ?? (keywordsAt(tokens, 0, 'CREATE', 'MATERIALIZED', 'VIEW') ? readName(tokens, skipKeywords(tokens, 3, ['IF', 'NOT', 'EXISTS'])) : undefined);
  if (created) {
    scope.createdTables.add(created.key);
    return;
  }
  const alter = readAlterTable(statement);
  const action = alter?.actions[0];
  if (alter && action && !scope.isExisting(alter.table) && keywordsAt(action, 0, 'RENAME', 'TO')) {
    const to = readName(action, 2);
    if (to) scope.createdTables.add(to.key);
  }
}

function finding(hit: Hit, revision: string, file: string, statement: Statement): Finding {
  const rule = RULES[hit.rule];
  return {
    rule: hit.rule,
    severity: rule.severity,
    revision,
    file,
    statement: statement.sql,
    reason: hit.detail === undefined ? rule.reason : `${rule.reason} (${hit.detail})`,
    safeAlternative: rule.safeAlternative,
  };
}
