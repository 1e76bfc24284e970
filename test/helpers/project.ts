/**
 * Throw-away schemigrate projects in temp folders, driven through the programmatic API.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { createMigrator, type Migrator } from '../../src/api/migrator.js';
import { describeStep } from '../../src/api/migrate.js';
import type { MigratorEvent } from '../../src/api/types.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { parseDatabaseUrl } from '../../src/config/url.js';
import { getDialect } from '../../src/dialects/registry.js';
import type { Operation } from '../../src/operations/types.js';

const METHODS = ['upgrade', 'downgrade', 'current', 'check', 'revision', 'history', 'heads', 'branches', 'show', 'stamp', 'merge', 'sql', 'lint', 'test', 'squash', 'pull', 'rechecksum', 'close'] as const;

export interface TestProject {
  readonly dir: string;
  /** Replace the schema folder with these modules (paths relative to src/db/schema/). */
  writeSchema(files: Record<string, string>): void;
  config(): Promise<ResolvedConfig>;
  /** The project's migrator, opened on its first call (its events are collected as lines). */
  readonly api: Omit<Migrator, 'config'>;
  /** Lines reported (as the CLI prints them) since the last call. */
  takeLines(): string[];
  /** Run `fn` on a connection of its own to the project's database. */
  query<T>(fn: (db: Kysely<any>) => Promise<T>): Promise<T>;
  remove(): Promise<void>;
}

/**
 * An event as one line, the way the CLI prints it (`warning: …` for a warning).
 *
 * @example
 * eventLine({ type: 'warning', message: 'x' }); // 'warning: x'
 */
export function eventLine(event: MigratorEvent): string | undefined {
  switch (event.type) {
    case 'revision-done':
      return `${describeStep(event)} (${event.ms} ms)`;
    case 'info':
      return event.message;
    case 'warning':
      return `warning: ${event.message}`;
    default:
      return undefined;
  }
}

/**
 * Run `fn` on a fresh connection to `url` (SQLite paths relative to `baseDir`), closed afterwards.
 *
 * @example
 * await withDatabase(url, dir, (db) => db.selectFrom('users').selectAll().execute());
 */
export async function withDatabase<T>(url: string, baseDir: string, fn: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const parsed = parseDatabaseUrl(url, baseDir);
  const db = await (await getDialect(parsed.dialect)).connect(parsed);
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

/**
 * A project whose config points at `url`.
 *
 * @example
 * const project = createProject(database.url);
 * project.writeSchema({ 'index.ts': "export * from './users.js';", 'users.ts': '…' });
 * await (await project.api()).revision({ message: 'create users', autogenerate: true });
 */
export function createProject(url: string): TestProject {
  const dir = mkdtempSync(join(tmpdir(), 'sg-project-'));
  writeFileSync(
    join(dir, 'schemigrate.config.ts'),
    `export default { url: ${JSON.stringify(url)}, schema: './src/db/schema/index.ts', migrations: './migrations' };\n`,
  );
  mkdirSync(join(dir, 'migrations/versions'), { recursive: true });
  let lines: string[] = [];
  let migrator: Promise<Migrator> | undefined;
  const open = () => {
    migrator ??= createMigrator({
      cwd: dir,
      onEvent: (event) => {
        const line = eventLine(event);
        if (line !== undefined) lines.push(line);
      },
    });
    return migrator;
  };
  const api = Object.fromEntries(
    METHODS.map((name) => [name, async (...args: unknown[]) => ((await open())[name] as (...a: unknown[]) => unknown)(...args)]),
  ) as unknown as Omit<Migrator, 'config'>;
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
    config: async () => (await open()).config,
    api,
    takeLines() {
      const taken = lines;
      lines = [];
      return taken;
    },
    query: (fn) => withDatabase(url, dir, fn),
    async remove() {
      await (await migrator?.catch(() => undefined))?.close();
      rmSync(dir, { recursive: true, force: true });
    },
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
    await other.api.upgrade('head');
    return (await other.api.check()).operations;
  } finally {
    await other.remove();
  }
}
