/**
 * Generated files are formatted as prettier formats them with its defaults, so that a team's
 * `prettier --check` passes on a revision or a pulled module as written. A revision made of what
 * the renderer writes is laid out without prettier (layout/revision-layout.ts); anything else
 * loads prettier, on the first such file written (it is not on any read-only path).
 */
import { SchemigrateError } from '../util/errors.js';
import { formatInPieces } from './format-in-pieces.js';
import { layOutRevision } from './layout/revision-layout.js';

/** Characters from which a file is formatted in pieces (format-in-pieces.ts): an initial revision of ~150 tables. */
const LARGE_FILE = 200_000;

/**
 * TypeScript source formatted with prettier's default options.
 *
 * @example
 * await formatTypeScript("export const a = {b:'c'}"); // 'export const a = { b: "c" };\n'
 */
export async function formatTypeScript(source: string): Promise<string> {
  const laidOut = layOutRevision(source);
  // The test suite sets this to compare every layout with prettier's own.
  const check = process.env.SCHEMIGRATE_CHECK_LAYOUT === '1';
  if (laidOut !== undefined && !check) return laidOut;
  const formatted = await formatWithPrettier(source);
  if (laidOut !== undefined && laidOut !== formatted) throw new Error(layoutDifference(laidOut, formatted));
  return formatted;
}

/** The first line where the layout and prettier differ, for the test suite's check. */
function layoutDifference(laidOut: string, formatted: string): string {
  const ours = laidOut.split('\n');
  const theirs = formatted.split('\n');
  const line = ours.findIndex((text, index) => text !== theirs[index]);
  const context = (lines: string[]) => lines.slice(Math.max(0, line - 3), line + 3).join('\n');
  return `The revision layout differs from prettier's at line ${line + 1}:\n--- layout\n${context(ours)}\n--- prettier\n${context(theirs)}`;
}

async function formatWithPrettier(source: string): Promise<string> {
  const [prettier, typescript, estree] = await Promise.all([
    import('prettier/standalone'),
    import('prettier/plugins/typescript'),
    import('prettier/plugins/estree'),
  ]);
  const format = (text: string) => prettier.format(text, { parser: 'typescript', plugins: [typescript, estree] });
  try {
    return (source.length > LARGE_FILE ? await formatInPieces(source, format) : undefined) ?? (await format(source));
  } catch (error) {
    // Only a user's revision template can make schemigrate write code that does not parse.
    throw new SchemigrateError(
      `The generated file is not valid TypeScript (check the revision template's placeholders and braces): ${(error as Error).message.split('\n')[0]}`,
      { cause: error },
    );
  }
}
