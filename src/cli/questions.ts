/**
 * The questions of `revision --autogenerate` on a terminal. The API never asks: it stops with
 * an ANSWER_REQUIRED error listing what needs an answer (rename candidates, or data it would
 * lose). Here each is asked, and the call runs again with the answers as options.
 */
import prompts from 'prompts';
import type { RenameQuestion } from '../autogenerate/rename-answers.js';
import { isSchemigrateError, SchemigrateError } from '../util/errors.js';

/** The answers, as the API's revision options take them. */
export interface Answers {
  readonly renames: Readonly<Record<string, string>>;
  readonly dropCreate: readonly string[];
  readonly allowDataLoss: boolean;
}

/** Ask about each candidate, best first; once a thing is renamed, its other pairs are not asked about. */
async function askRenames(questions: readonly RenameQuestion[], answers: Answers): Promise<Answers> {
  const renames: Record<string, string> = { ...answers.renames };
  const declined = new Map<string, number>();
  for (const question of questions) {
    const taken = Object.entries(renames).some(([subject, to]) => subject === question.subject || (to === question.to && sameTable(subject, question.subject)));
    if (taken) continue;
    const { answer } = await prompts({
      type: 'select',
      name: 'answer',
      message: `${question.kind === 'table' ? 'Table' : 'Column'} ${question.subject} disappeared and ${question.to} appeared (likeness ${question.score}). Is it a rename?`,
      choices: [
        { title: `rename ${question.subject} → ${question.to} (keeps the data)`, value: 'rename' },
        { title: `drop ${question.subject} and create ${question.to}`, value: 'drop' },
      ],
      initial: 0,
    });
    if (answer === undefined) throw new SchemigrateError('Cancelled; nothing was written.');
    if (answer === 'rename') renames[question.subject] = question.to;
    else declined.set(question.subject, (declined.get(question.subject) ?? 0) + 1);
  }
  // A thing is dropped for sure once every pair it could be renamed in is declined.
  const dropped = [...declined].filter(([subject, count]) => count === questions.filter((q) => q.subject === subject).length).map(([subject]) => subject);
  return { ...answers, renames, dropCreate: [...answers.dropCreate, ...dropped] };
}

/** `users.mail` and `users.email` are in one table; two table names are in "no" table. */
function sameTable(a: string, b: string): boolean {
  const table = (subject: string) => subject.slice(0, Math.max(0, subject.lastIndexOf('.')));
  return table(a) === table(b);
}

/**
 * Run `call` with the answers given so far; on a terminal, answer what it asks for and run it
 * again, until it needs nothing more. Elsewhere its ANSWER_REQUIRED error stands.
 *
 * @example
 * await withAnswers({ renames: {}, dropCreate: [], allowDataLoss: false }, process.stdin.isTTY, (answers) => migrator.revision({ message, autogenerate: true, ...answers }));
 */
export async function withAnswers<T>(given: Answers, interactive: boolean, call: (answers: Answers) => Promise<T>): Promise<T> {
  let answers = given;
  for (;;) {
    try {
      return await call(answers);
    } catch (error) {
      if (!interactive || !isSchemigrateError(error) || error.code !== 'ANSWER_REQUIRED') throw error;
      const { renames, dataLoss, waysOut } = error.details as { renames?: RenameQuestion[]; dataLoss?: { summary: string }; waysOut?: string[] };
      if (renames) {
        const before = JSON.stringify(answers);
        answers = await askRenames(renames, answers);
        // Nothing new to answer with: the API's own message says what is missing.
        if (JSON.stringify(answers) === before) throw error;
        continue;
      }
      const { proceed } = await prompts({ type: 'confirm', name: 'proceed', message: `${dataLoss!.summary} Write it?`, initial: false });
      if (proceed !== true) throw new SchemigrateError(`Not confirmed; nothing was written. To keep the data, ${(waysOut ?? []).join('; or ')}.`);
      answers = { ...answers, allowDataLoss: true };
    }
  }
}
