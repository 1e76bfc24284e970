/**
 * Terminal output: colours only on a terminal (and never with `--no-color` or NO_COLOR),
 * every line passed through password redaction.
 */
import { redact } from '../config/redact.js';
import type { Reporter } from '../commands/reporter.js';

export interface Output extends Reporter {
  /** A plain result line on stdout. */
  print(line: string): void;
  /** A failure paragraph on stderr. */
  error(message: string): void;
}

/** The two colours the CLI uses, as ANSI foreground codes (reset with 39). */
const COLORS = { red: 31, yellow: 33 } as const;

/**
 * Build the output for one CLI run.
 *
 * @example
 * const output = createOutput({ color: true });
 * output.print('3f2a9c1b7d4e (head)');
 */
export function createOutput(options: { color: boolean }): Output {
  const useColor = options.color && process.stdout.isTTY === true && !('NO_COLOR' in process.env);
  // Two fixed escape codes do not need a colour library loaded on every start.
  const paint = (color: keyof typeof COLORS, text: string): string => (useColor ? `\u001b[${COLORS[color]}m${text}\u001b[39m` : text);
  return {
    print: (line) => process.stdout.write(`${redact(line)}\n`),
    info: (line) => process.stdout.write(`${redact(line)}\n`),
    warn: (line) => process.stderr.write(`${paint('yellow', 'warning:')} ${redact(line)}\n`),
    error: (message) => process.stderr.write(`${paint('red', 'error:')} ${redact(message)}\n`),
  };
}
