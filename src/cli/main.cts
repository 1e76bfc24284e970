/**
 * The CLI entry point: run the commander program, turn failures into one paragraph on
 * stderr and exit status 1 (a stack trace only with `--verbose`; with `--json`, an
 * `{ "error": { code, message, details } }` document on stdout instead); on SIGINT/SIGTERM
 * clean up and exit with 130/143 (signals.cts). A reader that closes stdout early
 * (`history | head -1`) ends the run quietly.
 *
 * CommonJS on purpose (`.cts`), like `program.cts`: `--help` then runs without Node's ES module
 * loader, which costs more than the rest of the help path together. Everything else loads
 * on demand, through import().
 */
import { buildProgram } from './program.cjs';
import { exitOnSignals, wasInterrupted } from './signals.cjs';

/** An error and the errors that caused it, outermost first (a cycle or a very long chain is cut). */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let item = error; item !== undefined && item !== null && !chain.includes(item) && chain.length < 10; item = (item as { cause?: unknown }).cause) {
    chain.push(item);
  }
  return chain;
}

/** What `--verbose` prints after the message: the stack of the error and of each cause. */
function stackTrace(error: unknown): string {
  return causeChain(error)
    .map((item, depth) => {
      const { stack } = item as Partial<Error>;
      return `${depth === 0 ? '' : 'Caused by: '}${typeof stack === 'string' ? stack : String(item)}`;
    })
    .join('\n');
}

/**
 * Run the CLI with `argv` (as in `process.argv`) and set `process.exitCode`.
 *
 * @example
 * await main(['node', 'schemigrate', 'history']);
 */
export async function main(argv: readonly string[]): Promise<void> {
  exitOnSignals((error) => reportError(error, argv));
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  // Commander's messages may quote an argument (`unknown command 'postgres://u:pw@…'`): held
  // back, to be masked like every other line.
  let commanderOutput = '';
  try {
    await buildProgram((text) => (commanderOutput += text)).parseAsync(argv as string[]);
  } catch (error) {
    // The signal handler cleans up and exits; what the interruption broke is no news.
    if (wasInterrupted()) return;
    process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : 1;
    const exitOverride = error as { code?: string; exitCode?: number };
    if (typeof exitOverride.code === 'string' && exitOverride.code.startsWith('commander.')) {
      process.exitCode = exitOverride.exitCode ?? 1;
      return;
    }
    await reportError(error, argv);
  } finally {
    if (commanderOutput !== '') {
      const { redact } = await import('../config/redact.js');
      process.stderr.write(redact(commanderOutput));
    }
  }
}

/** One paragraph on stderr (or a JSON document on stdout with `--json`); the stack trace only with `--verbose`. */
async function reportError(error: unknown, argv: readonly string[]): Promise<void> {
  if ((error as NodeJS.ErrnoException | null)?.code === 'EPIPE') return;
  const [{ SchemigrateError }, { redact }] = await Promise.all([import('../util/errors.js'), import('../config/redact.js')]);
  const noColor = argv.includes('--no-color') || !process.stderr.isTTY || 'NO_COLOR' in process.env;
  const prefix = noColor ? 'error:' : '\u001b[31merror:\u001b[39m';
  // By shape and name, not instanceof: an error raised inside a user module may come from
  // another copy of schemigrate (or of Error).
  const { message, name } = (typeof error === 'object' && error !== null ? error : {}) as Partial<Error>;
  const text = typeof message === 'string' ? message : String(error);
  const known = error instanceof SchemigrateError || name === 'SchemigrateError';
  if (argv.includes('--json')) {
    const { code, details } = (known ? error : { code: 'UNEXPECTED', details: {} }) as { code?: string; details?: unknown };
    const document = { error: { code: code ?? 'INVALID_INPUT', message: known ? text : `Unexpected failure: ${text}`, details: details ?? {} } };
    process.stdout.write(`${redact(JSON.stringify(document, null, 2))}\n`);
    return;
  }
  process.stderr.write(`${prefix} ${redact(known ? text : `Unexpected failure: ${text}`)}\n`);
  if (argv.includes('--verbose') || argv.includes('-v')) {
    const { stackAsWritten } = await import('../util/stack.js');
    process.stderr.write(`${redact(stackAsWritten(stackTrace(error)))}\n`);
  }
  else if (!known) process.stderr.write('(run again with --verbose for the stack trace)\n');
}
