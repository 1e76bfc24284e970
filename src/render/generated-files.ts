/**
 * Writing the files schemigrate generates (revisions, pulled schema modules): formatted as
 * prettier formats them by default, then handed to the project's own `postWrite` commands
 * (Alembic's post-write hooks), e.g. `prettier --write` with the team's settings, `eslint --fix`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, relative } from 'node:path';
import { SchemigrateError } from '../util/errors.js';
import { formatTypeScript } from './format.js';

export interface GeneratedFile {
  readonly path: string;
  /** TypeScript source; formatted before it is written, unless it already is. */
  readonly content: string;
  readonly formatted?: boolean;
}

export interface WriteOptions {
  /** Shell commands run once each, in order, with every written path appended. */
  readonly postWrite: readonly string[];
  /** The project's folder: where the commands run, and whose `node_modules/.bin` they find first. */
  readonly cwd: string;
}

/** A path as one shell word. */
function shellWord(path: string): string {
  return /^[\w./@+-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

/** Run one post-write command; a failure names it, its output and what was already written. */
function runHook(command: string, paths: readonly string[], cwd: string): void {
  const words = paths.map((path) => shellWord(relative(cwd, path) || path));
  const result = spawnSync(`${command} ${words.join(' ')}`, {
    cwd,
    shell: true,
    encoding: 'utf8',
    env: { ...process.env, PATH: [join(cwd, 'node_modules', '.bin'), process.env.PATH].join(delimiter) },
  });
  if (result.status === 0) return;
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n').slice(0, 5).join(' ');
  const outcome = result.error !== undefined ? result.error.message : `exit status ${result.status ?? result.signal}`;
  throw new SchemigrateError(
    `The postWrite command '${command}' failed (${outcome})${output === '' ? '' : `: ${output}`}. ` +
      `The file(s) ${paths.join(', ')} are written; fix the command in the config's postWrite, or run it by hand.`,
  );
}

/**
 * Format and write generated files, then run the project's post-write commands on them.
 *
 * @example
 * await writeGeneratedFiles([{ path: '/app/migrations/versions/ab12_init.ts', content }], {
 *   postWrite: ['prettier --write'], cwd: '/app' });
 */
export async function writeGeneratedFiles(files: readonly GeneratedFile[], options: WriteOptions): Promise<void> {
  const formatted = await Promise.all(files.map(async (file) => ({ path: file.path, content: file.formatted ? file.content : await formatTypeScript(file.content) })));
  for (const file of formatted) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.content);
  }
  if (files.length === 0) return;
  for (const command of options.postWrite) runHook(command, files.map((file) => file.path), options.cwd);
}
