/**
 * Generated files are formatted as prettier formats them with its defaults, so that a team's
 * `prettier --check` passes on a revision or a pulled module as written. prettier loads on the
 * first file written, not before (it is not on any read-only path).
 */
import { SchemigrateError } from '../util/errors.js';
import { formatInPieces } from './format-in-pieces.js';

/** Characters from which a file is formatted in pieces (format-in-pieces.ts): an initial revision of ~150 tables. */
const LARGE_FILE = 200_000;

/**
 * TypeScript source formatted with prettier's default options.
 *
 * @example
 * await formatTypeScript("export const a = {b:'c'}"); // 'export const a = { b: "c" };\n'
 */
export async function formatTypeScript(source: string): Promise<string> {
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
