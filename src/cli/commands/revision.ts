/**
 * `schemigrate revision -m <msg> [--autogenerate] …`: a new revision file. On a terminal, the
 * rename and data-loss questions are asked here (questions.ts); `--yes` allows data loss.
 */
import { relative } from 'node:path';
import type { RevisionResult } from '../../api/types.js';
import { withAnswers } from '../questions.js';
import type { Session } from '../session.js';

/** `--rename old=new` values as the API's `renames` (a value without `=` is left for the API to refuse). */
function renamesOf(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    values.map((value) => {
      const at = value.indexOf('=');
      return at < 0 ? [value, ''] : [value.slice(0, at), value.slice(at + 1)];
    }),
  );
}

/**
 * @example
 * await revision(session); // with options.message, options.autogenerate, …
 */
export async function revision({ migrator, options, output, json }: Session): Promise<void> {
  const project = await migrator();
  const list = (name: string) => (options[name] as string[] | undefined) ?? [];
  const interactive = process.stdin.isTTY === true && !json;
  const given = { renames: renamesOf(list('rename')), dropCreate: list('dropCreate'), allowDataLoss: options.yes === true };
  const result: RevisionResult = await withAnswers(given, interactive, (answers) =>
    project.revision({
      message: options.message as string,
      autogenerate: options.autogenerate === true,
      revId: options.revId as string | undefined,
      dryRun: options.dryRun === true,
      allowEmpty: options.allowEmpty === true,
      head: options.head as string | undefined,
      splice: options.splice === true,
      branchLabels: list('branchLabel'),
      dependsOn: list('dependsOn'),
      ...answers,
    }),
  );
  if (json) return output.json(result);
  for (const line of result.summary) output.print(`  ${line}`);
  if (result.file !== null) output.print(`Generating ${relative(process.cwd(), result.file) || result.file} ... done`);
}
