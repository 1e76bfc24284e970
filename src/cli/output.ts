/**
 * Terminal output: colours only on a terminal (and never with `--no-color` or NO_COLOR), every
 * line passed through password redaction. With `--json`, stdout holds only the JSON document:
 * progress lines go to stderr.
 */
import { redact } from '../config/redact.js';

export interface Output {
  /** A result line on stdout. */
  print(line: string): void;
  /** Part of a line on stdout (a step's time follows it). */
  write(text: string): void;
  /** A progress line: stdout, or stderr with `--json`. */
  info(line: string): void;
  /** Something to look at, not a failure: stderr. */
  warn(line: string): void;
  /** A result as JSON on stdout (passwords masked). */
  json(value: unknown): void;
}

/** The two colours the CLI uses, as ANSI foreground codes (reset with 39). */
const COLORS = { red: 31, yellow: 33 } as const;

/**
 * Build the output for one CLI run.
 *
 * @example
 * const output = createOutput({ color: true, json: false });
 * output.print('3f2a9c1b7d4e (head)');
 */
export function createOutput(options: { color: boolean; json: boolean }): Output {
  const useColor = options.color && process.stderr.isTTY === true && !('NO_COLOR' in process.env);
  // Two fixed escape codes do not need a colour library loaded on every start.
  const paint = (color: keyof typeof COLORS, text: string): string => (useColor ? `\u001b[${COLORS[color]}m${text}\u001b[39m` : text);
  const progress = options.json ? process.stderr : process.stdout;
  return {
    print: (line) => process.stdout.write(`${redact(line)}\n`),
    write: (text) => progress.write(redact(text)),
    info: (line) => progress.write(`${redact(line)}\n`),
    warn: (line) => process.stderr.write(`${paint('yellow', 'warning:')} ${redact(line)}\n`),
    json: (value) => process.stdout.write(`${redact(JSON.stringify(value, null, 2))}\n`),
  };
}
