/**
 * Reading V8 stack traces: which module called `table()`, and where a failing barrel threw.
 */
import { fileURLToPath } from 'node:url';

export interface StackFrame {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

const FRAME = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

/**
 * The frames of a stack trace that point at files (native and eval frames are left out).
 *
 * @example
 * stackFrames(new Error().stack)[0]; // { file: '/app/src/db/schema/users.ts', line: 3, column: 22 }
 */
export function stackFrames(stack: string | undefined): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const line of (stack ?? '').split('\n')) {
    const match = FRAME.exec(line);
    if (match === null) continue;
    let file = match[1]!;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (file.startsWith('node:') || !/^(?:\/|[A-Za-z]:[\\/])/.test(file)) continue;
    frames.push({ file, line: Number(match[2]), column: Number(match[3]) });
  }
  return frames;
}

/**
 * The file of the first frame outside the file that captured `stack`: the caller of the
 * function that created the error.
 *
 * @example
 * callerFile(new Error().stack); // '/app/src/db/schema/users.ts', when called inside table()
 */
export function callerFile(stack: string | undefined): string | undefined {
  const [self, ...rest] = stackFrames(stack);
  return rest.find((frame) => frame.file !== self?.file)?.file;
}
