/**
 * How each tool runs each side-by-side workload: a project of its own for the generated
 * schema, and for each workload the processes one run measures (`{ args, cwd, env, program,
 * expect, reject }`: `expect` must match the run's output, `reject` must not).
 *
 *   autogenerate(empty)       write the initial migration, given an empty database
 *   apply(database)           apply the migration `autogenerate` wrote to a fresh database
 *   check(database)           find nothing to do on the database the last `apply` left
 *   autogenerateAndUpgrade(database)   a new migration and its application, on a fresh database
 *   autogenerateAndUpgradeAtOnce(database)   the same in one command, where the tool has one
 *
 * and, from a project of its own holding a history of `count` small migrations (…History):
 *
 *   apply(database)           apply them all to a fresh database
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { revisionId, writeHistory, writeProject } from '../generate.mjs';
import { writeDrizzleHistory, writeDrizzleProject } from './drizzle-schema.mjs';
import { alembicUrl, writeAlembicHistory, writeAlembicProject } from './alembic-project.mjs';
import { DRIZZLE_KIT } from './install.mjs';

const CLI = fileURLToPath(new URL('../../bin/schemigrate.js', import.meta.url));
const REVISION_ID = 'a00000000001';
const CHECK_REVISION_ID = 'c00000000001';

function emptyFolder(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

const schemigrateCli = (dir) => (database, ...args) => ({ args: [CLI, '--url', database.url, ...args], cwd: dir });

/**
 * schemigrate, the built CLI. `autogenerate` fixes the revision ID; `autogenerateAndUpgrade`
 * does not, so each run's revision is a file the loader has never seen, as after a schema change.
 *
 * @example
 * const tool = schemigrateTool('/tmp/p/schemigrate', { tables: 100, dialect: 'postgres' });
 */
export function schemigrateTool(dir, { tables, dialect }) {
  writeProject(dir, { tables, url: 'sqlite:./unused.sqlite3', dialect });
  const versions = join(dir, 'migrations', 'versions');
  const cli = schemigrateCli(dir);
  return {
    name: 'schemigrate',
    /** The revision `autogenerate` wrote (for the floor). */
    revisionFile: () => join(versions, readdirSync(versions)[0]),
    revisionId: REVISION_ID,
    autogenerate(empty) {
      emptyFolder(versions);
      return [cli(empty, 'revision', '-m', 'init', '--autogenerate', '--rev-id', REVISION_ID)];
    },
    apply: (database) => [cli(database, 'upgrade', 'head')],
    check: (database) => [cli(database, 'check')],
    autogenerateAndUpgrade(database) {
      emptyFolder(versions);
      return [cli(database, 'revision', '-m', 'init', '--autogenerate'), cli(database, 'upgrade', 'head')];
    },
    autogenerateAndUpgradeAtOnce(database) {
      emptyFolder(versions);
      return [cli(database, 'revision', '-m', 'init', '--autogenerate', '--upgrade')];
    },
  };
}

// drizzle-kit takes a file path where schemigrate takes `sqlite:<path>`.
const drizzleKit = (dir, config) => (database, ...args) => ({ args: [DRIZZLE_KIT, ...args, '--config', config], cwd: dir, env: { DRIZZLE_DATABASE_URL: database ? database.url.replace(/^sqlite:/, '') : '' } });

/**
 * drizzle-kit: `generate` (reads no database), `migrate` of the generated SQL, `push` with
 * nothing to change (it must say so), and `push --force` on a fresh database.
 *
 * @example
 * const tool = drizzleTool('/tmp/p/drizzle', { tables: 100, dialect: 'postgres' });
 */
export function drizzleTool(dir, { tables, dialect }) {
  const config = writeDrizzleProject(dir, { tables, dialect });
  const kit = drizzleKit(dir, config);
  return {
    name: 'drizzle-kit',
    autogenerate() {
      emptyFolder(join(dir, 'drizzle'));
      return [kit(undefined, 'generate')];
    },
    apply: (database) => [kit(database, 'migrate')],
    check: (database) => [{ ...kit(database, 'push'), expect: /No changes detected/ }],
    autogenerateAndUpgrade: (database) => [kit(database, 'push', '--force')],
    autogenerateAndUpgradeAtOnce: (database) => [kit(database, 'push', '--force')],
  };
}

const alembicCli = (dir, python) => (database, ...args) => ({ program: python, args: ['-m', 'alembic', ...args], cwd: dir, env: { ALEMBIC_DATABASE_URL: alembicUrl(database.url) } });

/**
 * Alembic through `python -m alembic`. Alembic 1.8 has no `check` command: the no-op check is
 * `revision --autogenerate` on the up-to-date database, which must detect nothing (its empty
 * revision is removed before the next run).
 *
 * @example
 * const tool = alembicTool('/tmp/p/alembic', { tables: 100, dialect: 'postgres', python: '/usr/bin/python3' });
 */
export function alembicTool(dir, { tables, dialect, python }) {
  writeAlembicProject(dir, { tables, dialect });
  const versions = join(dir, 'migrations', 'versions');
  const alembic = alembicCli(dir, python);
  return {
    name: 'Alembic',
    autogenerate(empty) {
      emptyFolder(versions);
      return [alembic(empty, 'revision', '--autogenerate', '-m', 'init', '--rev-id', REVISION_ID)];
    },
    apply: (database) => [alembic(database, 'upgrade', 'head')],
    check(database) {
      rmSync(join(versions, `${CHECK_REVISION_ID}_check.py`), { force: true });
      return [{ ...alembic(database, 'revision', '--autogenerate', '-m', 'check', '--rev-id', CHECK_REVISION_ID), reject: /Detected/ }];
    },
    autogenerateAndUpgrade(database) {
      emptyFolder(versions);
      return [alembic(database, 'revision', '--autogenerate', '-m', 'init'), alembic(database, 'upgrade', 'head')];
    },
  };
}

/**
 * The three tools' projects of `count` small migrations (bench/generate.mjs's `writeHistory`
 * and its drizzle-kit and Alembic equivalents) under `dir`; Alembic when `python` is given.
 * `floor` is what bench/floor.mjs needs to build the same DDL as one script.
 *
 * @example
 * const { tools, floor } = historyTools('/tmp/h', { count: 100, dialect: 'postgres', python: undefined });
 */
export function historyTools(dir, { count, dialect, python }) {
  const sgDir = join(dir, 'schemigrate');
  writeProject(sgDir, { tables: 0, url: 'sqlite:./unused.sqlite3' });
  writeHistory(sgDir, count);
  const versions = join(sgDir, 'migrations', 'versions');
  const schemigrate = schemigrateCli(sgDir);
  const dzDir = join(dir, 'drizzle');
  const kit = drizzleKit(dzDir, writeDrizzleHistory(dzDir, { count, dialect }));
  const tools = [
    { name: 'schemigrate', apply: (database) => [schemigrate(database, 'upgrade', 'head')] },
    { name: 'drizzle-kit', apply: (database) => [kit(database, 'migrate')] },
  ];
  if (python) {
    const alembicDir = join(dir, 'alembic');
    writeAlembicHistory(alembicDir, { count, dialect });
    const alembic = alembicCli(alembicDir, python);
    tools.push({ name: 'Alembic', apply: (database) => [alembic(database, 'upgrade', 'head')] });
  }
  const floor = { revisionFiles: readdirSync(versions).sort().map((file) => join(versions, file)), revisionId: revisionId(count - 1) };
  return { tools, floor };
}
