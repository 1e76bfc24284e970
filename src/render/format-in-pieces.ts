/**
 * Formatting a large generated file a hundred statements at a time. prettier holds the whole
 * file's syntax tree and layout at once: for the 1.2 MB initial revision of 1,000 tables that is
 * 300 MiB. A function body that is a long list of statements (`await db.schema….execute();`, as
 * the renderer writes them, two spaces in) is formatted in pieces inside a stand-in function, so
 * at the same indentation as in the file, and the pieces are put back into the formatted rest.
 * prettier formats each statement of a block on its own and keeps at most one blank line between
 * statements, so the result is the same as formatting the file whole; when the file is not laid
 * out as expected, or a piece does not parse on its own, the caller formats it whole.
 */

export type Format = (source: string) => Promise<string>;

/** Statements per piece: small enough to bound prettier's memory, large enough to be quick. */
const PIECE_STATEMENTS = 100;

const WRAPPER_HEADER = 'async function piece() {';

/** A statement of a body starts at a line two spaces in, after a line that ends one. */
function statementStarts(body: readonly string[]): number[] {
  const starts: number[] = [];
  let previous = ';';
  body.forEach((line, index) => {
    if (line.trim() === '') return;
    if (/^ {2}await\s/.test(line) && (previous.endsWith(';') || starts.length === 0)) starts.push(index);
    previous = line;
  });
  return starts;
}

/** Format `lines` (statements two spaces in) as a function body; undefined if they do not parse alone. */
async function formatPiece(lines: readonly string[], format: Format): Promise<string | undefined> {
  let formatted: string;
  try {
    formatted = await format(`${WRAPPER_HEADER}\n${lines.join('\n')}\n}\n`);
  } catch {
    return undefined;
  }
  const out = formatted.split('\n');
  if (out[0] !== WRAPPER_HEADER || out.at(-1) !== '' || out.at(-2) !== '}') return undefined;
  return out.slice(1, -2).join('\n');
}

/**
 * `source` formatted with `format`, long function bodies a piece at a time; undefined when the
 * file is not laid out for it.
 *
 * @example
 * const formatted = (await formatInPieces(source, format)) ?? (await format(source));
 */
export async function formatInPieces(source: string, format: Format, pieceStatements = PIECE_STATEMENTS): Promise<string | undefined> {
  const lines = source.split('\n');
  const skeleton: string[] = [];
  const bodies: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    skeleton.push(lines[i]);
    if (!/^\S.*\{$/.test(lines[i])) continue;
    const end = lines.indexOf('}', i + 1);
    if (end === -1) continue;
    const body = lines.slice(i + 1, end);
    const starts = statementStarts(body);
    if (starts.length < 2 * pieceStatements || !body.every((line) => line === '' || line.startsWith('  '))) continue;
    let joined = '';
    for (let first = 0; first < starts.length; first += pieceStatements) {
      const from = starts[first];
      const to = first + pieceStatements < starts.length ? starts[first + pieceStatements] : body.length;
      const piece = await formatPiece(body.slice(from, to), format);
      if (piece === undefined) return undefined;
      // A blank line before the piece in the source stays one, as prettier keeps it.
      joined += first === 0 ? piece : `${body[from - 1].trim() === '' ? '\n\n' : '\n'}${piece}`;
    }
    skeleton.push(`  __schemigrate_body_${bodies.length}__;`, '}');
    bodies.push(joined);
    i = end;
  }
  if (bodies.length === 0) return undefined;
  let result = await format(skeleton.join('\n'));
  bodies.forEach((body, index) => {
    result = result.replace(`  __schemigrate_body_${index}__;`, () => body);
  });
  return result.includes('__schemigrate_body_') ? undefined : result;
}
