/**
 * A generated revision laid out as prettier lays it out with its defaults, without loading
 * prettier (which costs more than everything else autogenerate does). The file must be made of
 * what the renderer and the default template write: comments, one-line imports and constants,
 * and `function`s whose statements the statement reader knows (parse.ts). Anything else, such
 * as a project's own template or an online revision's blocks, gives `undefined`, and the caller
 * formats the file with prettier itself. `npm test` checks every file laid out here against
 * prettier (`SCHEMIGRATE_CHECK_LAYOUT`, see format.ts).
 */
import { printDoc, type Doc } from './doc.js';
import { readExpression, readStatement } from './parse.js';
import { printExpression, Unsupported } from './print-expression.js';

/** prettier's default print width. */
const WIDTH = 80;
const BODY_INDENT = '  ';

const IMPORT = /^import (type )?\{ ((?:type )?[\w$]+(?:, (?:type )?[\w$]+)*) \} from (['"])([\w@/.-]+)\3;$/;
const CONSTANT = /^((?:export )?const [\w$]+(?:: [\w$]+(?:\[\])*(?: \| [\w$]+(?:\[\])*)*)? = )(.+);$/;
const FUNCTION = /^(?:export )?(?:async )?function [\w$]+\((?:[\w$]+: [\w$<>]+)?\): [\w$<>]+ \{$/;

/** The document `build` gives, laid out in `width` columns; undefined when it uses what the layout does not follow. */
function laidOut(build: () => Doc, width: number): string | undefined {
  try {
    return printDoc(build(), width);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/** One statement on its lines (two spaces in), or undefined when the layout does not know it. */
function layOutStatement(text: string): string[] | undefined {
  const statement = readStatement(text);
  if (statement === undefined) return undefined;
  const { expression, comment } = statement;
  let printed = laidOut(() => [printExpression(expression, { statement: expression.type === 'Call' }), ';'], WIDTH - BODY_INDENT.length);
  if (printed === undefined) return undefined;
  if (comment !== undefined) printed += ` ${comment}`;
  return printed.split('\n').map((line) => (line === '' ? '' : BODY_INDENT + line));
}

/** A block comment's lines as prettier prints them: a JSDoc-like comment gets its stars aligned. */
function layOutBlockComment(lines: readonly string[]): string[] {
  const text = lines.join('\n');
  const value = text.slice(2, text.lastIndexOf('*/'));
  const inner = value.split('\n');
  const indentable = inner.length > 1 && `*${value}*`.split('\n').every((line) => line.trimStart().startsWith('*'));
  if (!indentable) return lines.map((line) => line.trimEnd());
  const aligned = inner.map((line, index) => (index === 0 ? line.trimEnd() : ` ${index < inner.length - 1 ? line.trim() : line.trimStart()}`));
  return `/*${aligned.join('\n')}*/`.split('\n');
}

/** A constant (`export const x: T = value;`) on one line, or undefined when prettier would break it. */
function layOutConstant(line: string): string | undefined {
  const match = CONSTANT.exec(line);
  const value = match === null ? undefined : readExpression(match[2]!);
  const printed = value === undefined ? undefined : laidOut(() => printExpression(value), Number.POSITIVE_INFINITY);
  if (printed === undefined) return undefined;
  const result = `${match![1]}${printed};`;
  return result.includes('\n') || result.length > WIDTH ? undefined : result;
}

/** A one-line import with prettier's quotes, or undefined when it would not fit. */
function layOutImport(line: string): string | undefined {
  const match = IMPORT.exec(line);
  if (match === null) return undefined;
  const result = `import ${match[1] ?? ''}{ ${match[2]} } from "${match[4]}";`;
  return result.length > WIDTH ? undefined : result;
}

/** A statement's last line: a semicolon, then perhaps a comment. */
const STATEMENT_END = /;\s*(\/\/.*)?$/;

/**
 * `lines` added to `out` one by one: a 5,000-table revision's body is more lines than a call
 * can take as arguments (`push(...lines)` overflows the stack), and a spread allocates on V8's
 * cold path.
 */
function append(out: string[], lines: readonly string[]): void {
  for (let index = 0; index < lines.length; index++) out.push(lines[index]!);
}

/**
 * The lines of a function body (between `{` and `}`): statements, own-line comments, at most
 * one blank line where the source has any, none at either end.
 */
function layOutBody(lines: readonly string[]): string[] | undefined {
  const out: string[] = [];
  let blank = false;
  let statement: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (statement.length === 0) {
      if (line.trim() === '') {
        blank = out.length > 0;
        continue;
      }
      if (blank) out.push('');
      blank = false;
      if (line.startsWith(`${BODY_INDENT}//`)) {
        out.push(line.trimEnd());
        continue;
      }
    }
    statement.push(line);
    if (!STATEMENT_END.test(line)) continue;
    const laidOut = layOutStatement(statement.join('\n'));
    if (laidOut === undefined) return undefined;
    append(out, laidOut);
    statement = [];
  }
  return statement.length > 0 || out.length === 0 ? undefined : out;
}

/**
 * `source` (a generated revision) laid out as prettier would with its defaults, or undefined
 * when it holds anything this layout does not know.
 *
 * @example
 * layOutRevision("export const revision = 'ab12';\n"); // 'export const revision = "ab12";\n'
 */
export function layOutRevision(source: string): string | undefined {
  const lines = source.split('\n');
  const out: string[] = [];
  let blank = false;
  const emit = (laidOut: readonly string[]) => {
    if (blank && out.length > 0) out.push('');
    blank = false;
    append(out, laidOut);
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') {
      blank = true;
    } else if (line.startsWith('/*')) {
      const end = lines.findIndex((candidate, at) => at >= index && candidate.includes('*/'));
      if (end === -1 || !lines[end]!.trimEnd().endsWith('*/') || lines[end]!.indexOf('*/') !== lines[end]!.trimEnd().length - 2) return undefined;
      emit(layOutBlockComment(lines.slice(index, end + 1)));
      index = end;
    } else if (line.startsWith('//')) {
      emit([line.trimEnd()]);
    } else if (line.startsWith('import ')) {
      const laidOut = layOutImport(line);
      if (laidOut === undefined) return undefined;
      emit([laidOut]);
    } else if (CONSTANT.test(line)) {
      const laidOut = layOutConstant(line);
      if (laidOut === undefined) return undefined;
      emit([laidOut]);
    } else if (FUNCTION.test(line) && line.length <= WIDTH) {
      const end = lines.indexOf('}', index + 1);
      const body = end === -1 ? undefined : layOutBody(lines.slice(index + 1, end));
      if (body === undefined) return undefined;
      emit([line, ...body, '}']);
      index = end;
    } else {
      return undefined;
    }
  }
  return `${out.join('\n')}\n`;
}
