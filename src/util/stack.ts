/**
 * Reading V8 stack traces: which module called `table()`, and where a failing barrel threw, as
 * the user wrote it.
 */
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_ROOT } from './own-package.js';
import { positionsAsWritten, type Position } from './transform-user-module.js';

export interface StackFrame {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

const FRAME = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

/** Paths by frame file name: every table() of a schema asks for the same few (`fileURLToPath` is not cheap). */
const paths = new Map<string, string | undefined>();

/** A frame's file as a path; undefined for native, `node:` and eval code. */
function pathOf(file: string): string | undefined {
  if (paths.has(file)) return paths.get(file);
  const path = file.startsWith('file://') ? fileURLToPath(file) : file;
  const result = /^(?:\/|[A-Za-z]:[\\/])/.test(path) ? path : undefined;
  paths.set(file, result);
  return result;
}

/** A frame of a stack trace's text, when it points at a file. */
function frameOf(text: string): StackFrame | undefined {
  const match = FRAME.exec(text);
  const file = match === null ? undefined : pathOf(match[1]!);
  return file === undefined ? undefined : { file, line: Number(match![2]), column: Number(match![3]) };
}

/**
 * The frames of a stack trace that point at files (native and eval frames are left out).
 *
 * @example
 * stackFrames(new Error().stack)[0]; // { file: '/app/src/db/schema/users.ts', line: 3, column: 22 }
 */
export function stackFrames(stack: string | undefined): StackFrame[] {
  return (stack ?? '').split('\n').flatMap((text) => frameOf(text) ?? []);
}

/**
 * Whether a frame's file is the user's: not this package's code, not a dependency's.
 *
 * @example
 * stackFrames(error.stack).find((frame) => isUserFile(frame.file));
 */
export function isUserFile(file: string): boolean {
  return !file.startsWith(CODE_ROOT + sep) && !file.split(sep).includes('node_modules');
}

type AsWritten = (frame: StackFrame) => Position;

/** Frames mapped to where the user wrote them (`positionsAsWritten`), each file's map read once. */
function framesAsWritten(): AsWritten {
  const maps = new Map<string, ReturnType<typeof positionsAsWritten>>();
  return (frame) => {
    // jiti transforms every user TypeScript file; a user JavaScript file may have run as written.
    if (!isUserFile(frame.file) || !/\.[cm]?ts$/.test(frame.file)) return frame;
    if (!maps.has(frame.file)) maps.set(frame.file, positionsAsWritten(frame.file));
    return maps.get(frame.file)?.(frame) ?? frame;
  };
}

/**
 * A frame of a user TypeScript module at its line and column as written (the transformed code
 * that ran may be printed differently); other frames as they are.
 *
 * @example
 * frameAsWritten({ file: '/app/src/db/schema/users.ts', line: 24, column: 9 }); // { …, line: 6, column: 9 }
 */
export function frameAsWritten(frame: StackFrame): StackFrame {
  return { ...frame, ...framesAsWritten()(frame) };
}

/**
 * A stack trace whose frames in user TypeScript modules point where the user wrote the code.
 *
 * @example
 * process.stderr.write(stackAsWritten(error.stack));
 */
export function stackAsWritten(stack: string): string {
  const asWritten = framesAsWritten();
  return stack
    .split('\n')
    .map((text) => {
      const frame = frameOf(text);
      if (frame === undefined) return text;
      const { line, column } = asWritten(frame);
      return line === frame.line && column === frame.column ? text : text.replace(`:${frame.line}:${frame.column}`, `:${line}:${column}`);
    })
    .join('\n');
}

/**
 * How many frames `callerModule` reads: the function that calls it (`table()`, a schema's
 * `.table()`), then its caller's module, with room to spare. A thousand calls from 20 frames
 * deep took 16–18 ms at V8's default of ten frames (most of them the loader's), 5–6 ms at six.
 */
const CALLER_FRAMES = 6;

/**
 * The file of the first stack frame outside the file of the function that calls this one:
 * inside `table()`, the module that called `table()`. Read from V8's structured call sites,
 * which costs a fraction of formatting the stack as text (it runs once per table).
 *
 * @example
 * callerModule(); // '/app/src/db/schema/users.ts', when called inside table()
 */
export function callerModule(): string | undefined {
  const holder: { stack?: unknown } = {};
  const [prepare, limit] = [Error.prepareStackTrace, Error.stackTraceLimit];
  let sites: unknown;
  Error.prepareStackTrace = (_error, callSites) => callSites;
  Error.stackTraceLimit = CALLER_FRAMES;
  try {
    Error.captureStackTrace(holder, callerModule);
    // V8 prepares the stack when it is first read: read it while the override is in place.
    sites = holder.stack;
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
  if (!Array.isArray(sites)) return undefined;
  let self: string | undefined;
  for (const site of sites as NodeJS.CallSite[]) {
    const name = site.getFileName();
    const file = name === undefined || name === null ? undefined : pathOf(name);
    if (file === undefined) continue;
    if (self === undefined) self = file;
    else if (file !== self) return file;
  }
  return undefined;
}
