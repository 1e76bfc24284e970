/**
 * Throw-away schemigrate projects in temp folders, driven through the programmatic commands.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ResolvedConfig } from '../../src/config/types.js';
import { checkSchema } from '../../src/commands/check.js';
import { migrate } from '../../src/commands/migrate.js';
import { openProject } from '../../src/commands/project.js';
import type { Operation } from '../../src/operations/types.js';
import type { Reporter } from '../../src/commands/reporter.js';

export interface TestProject {
  readonly dir: string;
  /** Replace the schema folder with these modules (paths relative to src/db/schema/). */
  writeSchema(files: Record<string, string>): void;
  config(): Promise<ResolvedConfig>;
  /** Lines reported by commands since the last call. */
  takeLines(): string[];
  readonly reporter: Reporter;
  remove(): void;
}

/**
 * A project whose config points at `url`.
 *
 * @example
 * const project = createProject(database.url);
 * project.writeSchema({ 'index.ts': "export * from './users.js';", 'users.ts': '…' });
 */
export function createProject(url: string): TestProject {
  const dir = mkdtempSync(join(tmpdir(), 'sg-project-'));
  writeFileSync(
    join(dir, 'schemigrate.config.ts'),
    `export default { url: ${JSON.stringify(url)}, schema: './src/db/schema/index.ts', migrations: './migrations' };\n`,
  );
  mkdirSync(join(dir, 'migrations/versions'), { recursive: true });
  let lines: string[] = [];
  return {
    dir,
    writeSchema(files) {
      rmSync(join(dir, 'src/db/schema'), { recursive: true, force: true });
      for (const [path, content] of Object.entries(files)) {
        const target = join(dir, 'src/db/schema', path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
    },
    config: () => openProject({ cwd: dir }),
    takeLines() {
      const taken = lines;
      lines = [];
      return taken;
    },
    reporter: {
      info: (line) => lines.push(line),
      warn: (line) => lines.push(`warning: ${line}`),
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Replay a project on another database: copy its revision files and schema modules into a new
 * project on `url`, `upgrade head` there, and return what `check` then finds (nothing, when the
 * revisions build the schema the modules declare).
 *
 * @example
 * expect(await replayOnDatabase({ versionsDir: config.versionsDir, schemaDir }, fresh.url)).toEqual([]);
 */
export async function replayOnDatabase(source: { readonly versionsDir: string; readonly schemaDir: string }, url: string): Promise<readonly Operation[]> {
  const other = createProject(url);
  try {
    mkdirSync(join(other.dir, 'migrations/versions'), { recursive: true });
    for (const file of readdirSync(source.versionsDir)) writeFileSync(join(other.dir, 'migrations/versions', file), readFileSync(join(source.versionsDir, file)));
    other.writeSchema(Object.fromEntries(readdirSync(source.schemaDir).map((file) => [file, readFileSync(join(source.schemaDir, file), 'utf8')])));
    const config = await other.config();
    await migrate(config, 'upgrade', 'head', other.reporter);
    return await checkSchema(config, other.reporter);
  } finally {
    other.remove();
  }
}
