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

/** Where a call site's code lives, as a path; undefined for native, `node:` and eval code. */
function siteFile(site: NodeJS.CallSite): string | undefined {
  let file = site.getFileName();
  if (file === undefined || file === null) return undefined;
  if (file.startsWith('file://')) file = fileURLToPath(file);
  return /^(?:\/|[A-Za-z]:[\\/])/.test(file) ? file : undefined;
}

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
  const prepare = Error.prepareStackTrace;
  let sites: unknown;
  Error.prepareStackTrace = (_error, callSites) => callSites;
  try {
    Error.captureStackTrace(holder, callerModule);
    // V8 prepares the stack when it is first read: read it while the override is in place.
    sites = holder.stack;
  } finally {
    Error.prepareStackTrace = prepare;
  }
  if (!Array.isArray(sites)) return undefined;
  let self: string | undefined;
  for (const site of sites as NodeJS.CallSite[]) {
    const file = siteFile(site);
    if (file === undefined) continue;
    if (self === undefined) self = file;
    else if (file !== self) return file;
  }
  return undefined;
}
