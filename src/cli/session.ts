/**
 * One CLI run of a command: the output, the options, and the migrator the command calls (created
 * on first use, printing its progress events, closed when the command ends).
 */
import { createMigrator, type Migrator } from '../api/migrator.js';
import { describeStep } from '../api/migrate.js';
import type { MigratorEvent } from '../api/types.js';
import { createOutput, type Output } from './output.js';

/** The global options (and each command's own, merged in). */
export interface CliOptions {
  readonly config?: string;
  readonly url?: string;
  readonly target?: string;
  readonly yes?: boolean;
  readonly color: boolean;
  readonly verbose?: boolean;
  readonly json?: boolean;
  readonly [option: string]: unknown;
}

export interface Session {
  readonly output: Output;
  readonly options: CliOptions;
  /** `--json`: print the API's result object instead of text. */
  readonly json: boolean;
  /** The migrator for the project (`-c`, `--url`), created on first call. */
  migrator(): Promise<Migrator>;
}

/**
 * Print a migrator's events: a step's line before it runs and its time after, on one line.
 *
 * @example
 * createMigrator({ onEvent: eventPrinter(output) });
 */
function eventPrinter(output: Output): (event: MigratorEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'revision-start':
        output.write(describeStep(event));
        return;
      case 'revision-done':
        output.write(` (${event.ms} ms)\n`);
        return;
      case 'info':
        output.info(event.message);
        return;
      case 'warning':
        output.warn(event.message);
        return;
      case 'file-written':
        // The command says where its file went, after what the file holds.
        return;
    }
  };
}

/**
 * Run `body` with a session; the migrator it created is closed afterwards. A step line left
 * open by a failure is ended first, so that the error starts on a line of its own.
 *
 * @example
 * await withSession(options, async ({ migrator, output }) => output.print(String((await (await migrator()).heads()).length)));
 */
export async function withSession(options: CliOptions, body: (session: Session) => Promise<void>): Promise<void> {
  const json = options.json === true;
  const output = createOutput({ color: options.color, json });
  let created: Migrator | undefined;
  let stepOpen = false;
  // Warnings raised while a step runs wait until its line is ended, so that they do not split it.
  const held: MigratorEvent[] = [];
  const print = eventPrinter(output);
  const printHeld = () => {
    for (const event of held.splice(0)) print(event);
  };
  const session: Session = {
    output,
    options,
    json,
    async migrator() {
      created ??= await createMigrator({
        config: options.config,
        url: options.url,
        target: options.target,
        onEvent: (event) => {
          if (event.type === 'warning' && stepOpen) {
            held.push(event);
            return;
          }
          if (event.type === 'revision-start') stepOpen = true;
          if (event.type === 'revision-done') stepOpen = false;
          print(event);
          if (event.type === 'revision-done') printHeld();
        },
      });
      return created;
    },
  };
  try {
    await body(session);
  } catch (error) {
    if (stepOpen) output.write('\n');
    printHeld();
    throw error;
  } finally {
    await created?.close();
  }
}
