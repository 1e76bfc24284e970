/**
 * Terminal output: colours only on a terminal (and never with `--no-color` or NO_COLOR),
 * every line passed through password redaction.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { redact } from '../config/url.js';
import type { Reporter } from '../commands/reporter.js';

export interface Output extends Reporter {
  readonly color: ChalkInstance;
  /** A plain result line on stdout. */
  print(line: string): void;
  /** A failure paragraph on stderr. */
  error(message: string): void;
}

/**
 * Build the output for one CLI run.
 *
 * @example
 * const output = createOutput({ color: true });
 * output.print('3f2a9c1b7d4e (head)');
 */
export function createOutput(options: { color: boolean }): Output {
  const useColor = options.color && process.stdout.isTTY === true && !('NO_COLOR' in process.env);
  const color = new Chalk({ level: useColor ? 1 : 0 });
  return {
    color,
    print: (line) => process.stdout.write(`${redact(line)}\n`),
    info: (line) => process.stdout.write(`${redact(line)}\n`),
    warn: (line) => process.stderr.write(`${color.yellow('warning:')} ${redact(line)}\n`),
    error: (message) => process.stderr.write(`${color.red('error:')} ${redact(message)}\n`),
  };
}
