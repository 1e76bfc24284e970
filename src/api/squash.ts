/**
 * `squash`: one revision standing for a straight run of revisions. Its operations are the
 * difference between the schema at `<from>` and at `<to>`, both read in a throwaway database
 * (`round-trip.ts`), with the range's renames kept as renames; it keeps `<to>`'s ID, so a
 * database at `<to>` is already at it, and lists the IDs it stands for in `replaces`
 * (docs/revision-graph.md). It is proved before it is written: from `<from>`, its upgrade must
 * give exactly the schema at `<to>`, and its downgrade `<from>`'s. The old files stay until the
 * user deletes them: meanwhile databases inside the range upgrade through them (`graph.ts`).
 */
import type { Dialect } from '../dialects/dialect.js';
import { compareModels } from '../diff/compare.js';
import { orderOperations } from '../diff/order.js';
import { renameOperations } from '../diff/renames.js';
import { recordUpgrade } from '../lint/record.js';
import { describeOperation } from '../operations/describe.js';
import { applyOperations } from '../operations/apply.js';
import { invertOperations } from '../operations/invert.js';
import type { RevisionGraph } from '../revisions/graph.js';
import { writeRevision } from '../revisions/new-revision.js';
import { planUpgrade } from '../revisions/plan.js';
import { resolveRevision } from '../revisions/targets.js';
import { SchemigrateError } from '../util/errors.js';
import type { Project } from './project.js';
import { schemasAlong } from './round-trip.js';
import { renamesBetween, renamesIn } from './squash-renames.js';
import type { SquashResult } from './types.js';
import { proveNewRevision, verifyFailed } from './verify-revision.js';

export interface SquashOptions {
  readonly message: string;
  /** Squash although revisions of the range change rows (their statements are listed); without it, DATA_IN_SQUASH. */
  readonly allowData?: boolean;
}

/**
 * Write the squash revision of `range` (`<from>:<to>`, `<from>` may be `base`); returns it and
 * the files it replaces, to be deleted once no database is inside the range.
 *
 * @example
 * const { file, replaced } = await squash(project, 'base:3f2a9c1b7d4e', { message: 'initial schema' });
 */
export async function squash(project: Project, range: string, options: SquashOptions): Promise<SquashResult> {
  const graph = await project.graph();
  const { from, to, ids } = squashedRange(graph, range);
  const waiting = graph.pendingSquashes.find((pending) => pending.revision === to);
  if (waiting) {
    throw new SchemigrateError(`${to} is already squashed by ${waiting.file}, waiting for the files it replaces to be deleted; delete that file first to squash again.`, {
      code: 'INVALID_TARGET',
    });
  }
  const dialect = await project.dialect();
  const recorded = await recordRange(project, dialect, graph, ids);
  const dataStatements = findDataStatements(recorded);
  if (dataStatements.length > 0 && !options.allowData) {
    throw new SchemigrateError(
      `The range ${range} changes rows, which a squash revision (schema only) would drop: ${dataStatements.map((d) => `${d.revision}: ${d.sql}`).join('; ')}. ` +
        'Move that data work elsewhere, or squash anyway with --yes (allowData) if it is no longer needed.',
      { code: 'DATA_IN_SQUASH', details: { dataStatements } },
    );
  }
  const [before, after] = await schemasAlong(project, graph, [from === null ? [] : [from], [to]]);
  const renaming = renameOperations(renamesBetween(before!, after!, renamesIn(recorded.flatMap(({ statements }) => statements))));
  const operations = orderOperations([...renaming, ...compareModels(applyOperations(before!, renaming), after!)]);
  const header = {
    message: options.message,
    revision: to,
    downRevision: from,
    branchLabels: graph.get(to).branchLabels.length > 0 ? graph.get(to).branchLabels : null,
    dependsOn: null,
    replaces: ids,
  };
  const body = {
    upgrade: dialect.lower(operations, before!),
    downgrade: dialect.lower(invertOperations(operations), applyOperations(before!, operations)),
    renderer: dialect.renderer,
  };
  const replaced = ids.map((id) => ({ revision: id, file: graph.get(id).file }));
  const { result, rendered } = await proveNewRevision(project, header, body, { without: replaced.map(({ file }) => file), upgradesTo: after! });
  if (result.status !== 'ok') throw verifyFailed(result, 'Nothing was written: squash a shorter range, or report the case.');
  const file = await writeRevision(project.config, header, body, rendered);
  project.emit({ type: 'file-written', file });
  return { revision: to, file, replaced, operations, summary: operations.map(describeOperation), dataStatements };
}

/**
 * The range's ends and IDs, oldest first: a straight line (each revision's only requirement
 * the one before it) that no revision outside it builds on, except on `<to>`.
 */
function squashedRange(graph: RevisionGraph, range: string): { from: string | null; to: string; ids: string[] } {
  const parts = range.split(':');
  if (parts.length !== 2 || parts[1] === '') {
    throw new SchemigrateError(`Invalid squash range '${range}': write <from>:<to>, e.g. base:3f2a9c1b7d4e.`, { code: 'INVALID_TARGET' });
  }
  const from = parts[0] === '' || parts[0] === 'base' ? null : resolveRevision(graph, parts[0]!);
  const to = resolveRevision(graph, parts[1]!);
  const ids = planUpgrade(graph, from === null ? [] : [from], to).map((step) => step.revision.revision);
  const notLine = (why: string) =>
    new SchemigrateError(`Cannot squash ${range}: ${why}. A squash replaces a straight run of revisions, each built only on the one before.`, {
      code: 'INVALID_TARGET',
    });
  if (ids.length < 2) throw notLine(`it holds ${ids.length} revision(s); a squash needs at least two`);
  ids.forEach((id, index) => {
    const previous = index === 0 ? from : ids[index - 1]!;
    const requirements = graph.requirements(id);
    if (requirements.length !== (previous === null ? 0 : 1) || (previous !== null && requirements[0] !== previous)) {
      throw notLine(`${id} is not built on ${previous ?? 'base'} alone`);
    }
    const outside = graph.dependents(id).filter((child) => !ids.includes(child));
    if (id !== to && outside.length > 0) throw notLine(`${outside.join(', ')} build(s) on ${id}, inside the range`);
  });
  return { from, to, ids };
}

/** Each revision of the range with its upgrade's statements, as recorded offline (`upgrade --sql`). */
async function recordRange(project: Project, dialect: Dialect, graph: RevisionGraph, ids: readonly string[]): Promise<RecordedRevision[]> {
  const recorded: RecordedRevision[] = [];
  for (const id of ids) {
    const { file } = graph.get(id);
    recorded.push({ revision: id, statements: await recordUpgrade(dialect, await project.loadRevision(file), file) });
  }
  return recorded;
}

interface RecordedRevision {
  readonly revision: string;
  readonly statements: readonly string[];
}

/**
 * The statements that change rows: anything but schema statements and transaction framing. An
 * `insert … select` into a table the same revision creates is the table rebuild SQLite uses for
 * changes, not data.
 */
function findDataStatements(recorded: readonly RecordedRevision[]): SquashResult['dataStatements'] {
  return recorded.flatMap(({ revision, statements }) => {
    const created = statements.flatMap((sql) => /^create\s+table\s+(?:if\s+not\s+exists\s+)?(\S+)/i.exec(sql)?.[1] ?? []);
    return statements.flatMap((sql) => {
      if (SCHEMA_STATEMENT.test(sql)) return [];
      const target = /^insert\s+into\s+(\S+)/i.exec(sql)?.[1];
      if (target !== undefined && created.includes(target) && /\bselect\b/i.test(sql)) return [];
      return [{ revision, sql }];
    });
  });
}

/** Statements that change the schema or frame a transaction, by their first word(s). */
const SCHEMA_STATEMENT = /^(?:create|alter|drop|comment|rename|begin|commit|rollback|start\s+transaction|savepoint|release|set|pragma|lock\s+tables|unlock\s+tables)\b/i;
