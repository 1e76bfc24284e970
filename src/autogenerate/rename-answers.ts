/**
 * Settling rename candidates from answers given ahead of time (`renames`, `dropCreate`; the
 * CLI's `--rename` and `--drop-create`), never by guessing and never by asking: a candidate no
 * answer settles stops autogenerate with an ANSWER_REQUIRED error that lists every candidate
 * and the answers that would settle it. The CLI asks those questions on a terminal and runs
 * again with the answers (src/cli/questions.ts).
 */
import { describeRename, parseRenameFlag, renameFlag, renameSubject, type Rename, type RenameCandidate } from '../diff/renames.js';
import { SchemigrateError } from '../util/errors.js';

/**
 * Settles rename candidates: returns the ones confirmed as renames, and remembers the rest, so
 * that a later call (after table renames, for the columns inside them) is not settled again.
 */
export type RenameResolver = (candidates: readonly RenameCandidate[]) => Promise<readonly Rename[]>;

export interface RenameAnswerOptions {
  /** Renames: `{ old: 'new' }` for a table, `{ 'table.old': 'new' }` for a column (the table's name in the schema). */
  readonly renames: Readonly<Record<string, string>>;
  /** Subjects (`old`, `table.old`) that disappear for real: dropped and created, not renamed. */
  readonly dropCreate: readonly string[];
  /**
   * For a dry run: an unanswered candidate is shown as the drop and create it looks like, with
   * a warning, instead of stopping.
   */
  readonly previewOnly?: boolean;
}

export interface RenameAnswers {
  readonly resolve: RenameResolver;
  /** Subjects the answers chose to drop rather than rename: their drop counts as confirmed. */
  readonly confirmedDrops: () => ReadonlySet<string>;
  /** Throws when an answer matched no candidate (call after the diff). */
  readonly checkAllUsed: () => void;
  /** With `previewOnly`, what was left unanswered, as warnings. */
  readonly warnings: () => readonly string[];
}

/** A candidate as an ANSWER_REQUIRED error lists it. */
export interface RenameQuestion {
  readonly kind: 'table' | 'column';
  /** `old` or `table.old`: the key of `renames`, or the entry of `dropCreate`. */
  readonly subject: string;
  readonly to: string;
  /** Likeness between 0 and 1. */
  readonly score: number;
}

function candidateList(candidates: readonly RenameCandidate[]): string {
  return candidates.map((c) => `${describeRename(c)} (likeness ${c.score})`).join('; ');
}

function withoutScore(candidate: RenameCandidate): Rename {
  return candidate.kind === 'table'
    ? { kind: 'table', from: candidate.from, to: candidate.to }
    : { kind: 'column', table: candidate.table, from: candidate.from, to: candidate.to };
}

/**
 * A resolver for `autogenerate`, plus what it learnt. Candidates come best first; once a thing
 * is renamed (or chosen to be dropped) the other pairs involving it are settled too.
 *
 * @example
 * const answers = renameAnswers({ renames: { 'users.mail': 'email' }, dropCreate: [] });
 * await autogenerate(config, db, dialect, { resolveRenames: answers.resolve });
 * answers.checkAllUsed();
 */
export function renameAnswers(options: RenameAnswerOptions): RenameAnswers {
  const given = Object.entries(options.renames).map(([from, to]) => {
    const parsed = parseRenameFlag(`${from}=${to}`);
    if (!parsed) {
      throw new SchemigrateError(
        `The rename ${from}=${to} is not of the form old=new (a table) or table.old=new (a column), e.g. users=people or users.mail=email.`,
        { details: { rename: { [from]: to } } },
      );
    }
    return parsed;
  });
  const usedAnswers = new Set<string>();
  const renamedTargets = new Set<string>();
  const seen: RenameCandidate[] = [];
  const notes: string[] = [];
  const targetKey = (c: Rename) => (c.kind === 'table' ? `table ${c.to}` : `column ${c.table}.${c.to}`);

  const resolve: RenameResolver = async (candidates) => {
    seen.push(...candidates.filter((c) => !seen.some((s) => renameFlag(s) === renameFlag(c) && s.kind === c.kind)));
    const confirmed: RenameCandidate[] = [];
    const unanswered: RenameCandidate[] = [];
    for (const candidate of candidates) {
      const subject = renameSubject(candidate);
      if (renamedTargets.has(targetKey(candidate)) || confirmed.some((c) => renameSubject(c) === subject)) continue;
      const answer = given.find((g) => renameSubject(g) === subject);
      if (answer) {
        if (renameFlag(answer) === renameFlag(candidate) && answer.kind === candidate.kind) {
          usedAnswers.add(renameFlag(answer));
          confirmed.push(candidate);
          renamedTargets.add(targetKey(candidate));
        }
        continue;
      }
      if (!options.dropCreate.includes(subject)) unanswered.push(candidate);
    }
    if (unanswered.length > 0) {
      if (!options.previewOnly) throw unansweredError(unanswered);
      notes.push(`Shown as drop and create, but a real run needs an answer first: ${unanswered.map(describeCandidate).join('; ')}.`);
    }
    return confirmed.map(withoutScore);
  };

  return {
    resolve,
    confirmedDrops: () => new Set(options.dropCreate.filter((subject) => seen.some((c) => renameSubject(c) === subject))),
    warnings: () => notes,
    checkAllUsed() {
      const unusedRenames = given.filter((g) => !usedAnswers.has(renameFlag(g))).map((g) => `--rename ${renameFlag(g)}`);
      const unusedDrops = options.dropCreate.filter((subject) => !seen.some((c) => renameSubject(c) === subject));
      const unused = [...unusedRenames, ...unusedDrops.map((subject) => `--drop-create ${subject}`)];
      if (unused.length === 0) return;
      throw new SchemigrateError(
        `${unused.join(', ')} answer(s) no rename candidate, so nothing was written. ` +
          (seen.length === 0
            ? 'Autogenerate found nothing that could be a rename (a table dropped while another is created, or in one table a column dropped while one of a compatible type is added).'
            : `The candidates were: ${candidateList(seen)}. A column is named by its table's name in the schema.`),
        { details: { unused, candidates: seen.map(question) } },
      );
    },
  };
}

function question(candidate: RenameCandidate): RenameQuestion {
  return { kind: candidate.kind, subject: renameSubject(candidate), to: candidate.to, score: candidate.score };
}

function describeCandidate(c: RenameCandidate): string {
  return `${describeRename(c)} (likeness ${c.score}): --rename ${renameFlag(c)} to rename, or --drop-create ${renameSubject(c)} to drop and create`;
}

function unansweredError(candidates: readonly RenameCandidate[]): SchemigrateError {
  return new SchemigrateError(
    'Autogenerate found possible renames, and renames are never guessed, so nothing was written. ' +
      `Answer each (the API's renames / dropCreate options) and run again: ${candidates.map(describeCandidate).join('; ')}.`,
    { code: 'ANSWER_REQUIRED', details: { renames: candidates.map(question) } },
  );
}
