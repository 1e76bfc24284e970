/**
 * Settling rename candidates for `revision --autogenerate`: from `--rename` / `--drop-create`
 * answers, by asking on a terminal, or — with neither — by stopping with the exact flags that
 * would answer. Never by guessing.
 */
import prompts from 'prompts';
import {
  describeRename,
  parseRenameFlag,
  renameFlag,
  renameSubject,
  type Rename,
  type RenameCandidate,
} from '../diff/renames.js';
import { SchemigrateError } from '../util/errors.js';
import type { RenameResolver } from './autogenerate.js';

export interface RenameAnswerOptions {
  /** `--rename` values: `old=new` (tables) or `table.old=new` (columns; the table's schema name). */
  readonly rename: readonly string[];
  /** `--drop-create` values: `old` or `table.old`, which disappears for real (dropped, not renamed). */
  readonly dropCreate: readonly string[];
  /** Ask on the terminal what no flag answers. */
  readonly interactive: boolean;
  /**
   * For `--dry-run`: an unanswered candidate is shown as the drop and create it looks like,
   * with a warning, instead of stopping the command.
   */
  readonly previewOnly?: boolean;
}

export interface RenameAnswers {
  readonly resolve: RenameResolver;
  /** Subjects (`old`, `table.old`) the user chose to drop rather than rename: their drop is confirmed. */
  readonly confirmedDrops: () => ReadonlySet<string>;
  /** Throws when a `--rename` or `--drop-create` answer matched no candidate (call after the diff). */
  readonly checkAllUsed: () => void;
  /** With `previewOnly`, what was left unanswered, as warnings to print. */
  readonly warnings: () => readonly string[];
}

function sameRename(a: Rename, b: Rename): boolean {
  return renameFlag(a) === renameFlag(b) && a.kind === b.kind;
}

function withoutScore(candidate: RenameCandidate): Rename {
  return candidate.kind === 'table'
    ? { kind: 'table', from: candidate.from, to: candidate.to }
    : { kind: 'column', table: candidate.table, from: candidate.from, to: candidate.to };
}

function candidateList(candidates: readonly RenameCandidate[]): string {
  return candidates.map((c) => `${describeRename(c)} (likeness ${c.score})`).join('; ');
}

/**
 * A resolver for `diffDatabase`, plus what it learnt. Candidates come best first; once a thing
 * is renamed (or chosen to be dropped) the other pairs involving it are not asked about.
 *
 * @example
 * const answers = renameAnswers({ rename: ['users.mail=email'], dropCreate: [], interactive: false });
 * await autogenerate(config, db, dialect, { resolveRenames: answers.resolve });
 * answers.checkAllUsed();
 */
export function renameAnswers(options: RenameAnswerOptions): RenameAnswers {
  const given = options.rename.map((value) => {
    const parsed = parseRenameFlag(value);
    if (!parsed) {
      throw new SchemigrateError(
        `--rename ${value} is not of the form old=new (a table) or table.old=new (a column), e.g. --rename users=people or --rename users.mail=email.`,
      );
    }
    return parsed;
  });
  const usedAnswers = new Set<string>();
  const dropped = new Set<string>();
  const declinedPairs = new Set<string>();
  const renamedTargets = new Set<string>();
  const seen: RenameCandidate[] = [];
  const notes: string[] = [];

  const targetKey = (c: Rename) => (c.kind === 'table' ? `table ${c.to}` : `column ${c.table}.${c.to}`);

  const resolve: RenameResolver = async (candidates) => {
    seen.push(...candidates.filter((c) => !seen.some((s) => sameRename(s, c))));
    const confirmed: RenameCandidate[] = [];
    const unanswered: RenameCandidate[] = [];
    for (const candidate of candidates) {
      const subject = renameSubject(candidate);
      if (dropped.has(subject) || renamedTargets.has(targetKey(candidate)) || declinedPairs.has(renameFlag(candidate))) continue;
      if (confirmed.some((c) => renameSubject(c) === subject)) continue;
      const answer = given.find((g) => renameSubject(g) === subject);
      if (answer) {
        if (sameRename(answer, candidate)) {
          usedAnswers.add(renameFlag(answer));
          confirmed.push(candidate);
          renamedTargets.add(targetKey(candidate));
        }
        continue;
      }
      if (options.dropCreate.includes(subject)) {
        dropped.add(subject);
        continue;
      }
      if (!options.interactive) {
        unanswered.push(candidate);
        continue;
      }
      if (await askRename(candidate)) {
        confirmed.push(candidate);
        renamedTargets.add(targetKey(candidate));
      } else {
        declinedPairs.add(renameFlag(candidate));
      }
    }
    // A thing is dropped for sure once every pair it could be renamed in is declined.
    for (const candidate of candidates) {
      const subject = renameSubject(candidate);
      const pairs = candidates.filter((c) => renameSubject(c) === subject);
      if (pairs.every((c) => declinedPairs.has(renameFlag(c)))) dropped.add(subject);
    }
    if (unanswered.length > 0) {
      if (!options.previewOnly) throw unansweredError(unanswered);
      notes.push(`Shown as drop and create, but a real run asks first: ${unanswered.map(describeCandidate).join('; ')}.`);
    }
    return confirmed.map(withoutScore);
  };

  return {
    resolve,
    confirmedDrops: () => dropped,
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
      );
    },
  };
}

/** Ask on the terminal; an interrupted prompt cancels the whole command. */
async function askRename(candidate: RenameCandidate): Promise<boolean> {
  const what = candidate.kind === 'table' ? 'Table' : 'Column';
  const old = renameSubject(candidate);
  const { answer } = await prompts({
    type: 'select',
    name: 'answer',
    message: `${what} ${old} disappeared and ${candidate.to} appeared (likeness ${candidate.score}). Is it a rename?`,
    choices: [
      { title: `rename ${old} → ${candidate.to} (keeps the data)`, value: 'rename' },
      { title: `drop ${old} and create ${candidate.to}`, value: 'drop' },
    ],
    initial: 0,
  });
  if (answer === undefined) throw new SchemigrateError('Cancelled; nothing was written.');
  return answer === 'rename';
}

function describeCandidate(c: RenameCandidate): string {
  return `${describeRename(c)} (likeness ${c.score}): --rename ${renameFlag(c)} to rename, or --drop-create ${renameSubject(c)} to drop and create`;
}

function unansweredError(candidates: readonly RenameCandidate[]): SchemigrateError {
  const lines = candidates.map(describeCandidate);
  return new SchemigrateError(
    `Autogenerate found possible renames, and renames are never guessed; stdin is not a terminal, so nothing was asked and nothing was written. ` +
      `Answer each with a flag and run again: ${lines.join('; ')}.`,
  );
}
