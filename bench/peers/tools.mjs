/**
 * How each tool runs each side-by-side workload: a project of its own for the generated
 * schema, and for each workload the processes one run measures (`{ args, cwd, env, program,
 * expect, reject }`: `expect` must match the run's output, `reject` must not).
 *
 *   autogenerate(empty)       write the initial migration, given an empty database
 *   apply(database)           apply the migration `autogenerate` wrote to a fresh database
 *   check(database)           find nothing to do on the database the last `apply` left
 *   autogenerateAndUpgrade(database)   a new migration and its application, on a fresh database
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeProject } from '../generate.mjs';
import { writeDrizzleProject } from './drizzle-schema.mjs';
import { alembicUrl, writeAlembicProject } from './alembic-project.mjs';
import { DRIZZLE_KIT } from './install.mjs';

const CLI = fileURLToPath(new URL('../../bin/schemigrate.js', import.meta.url));
const REVISION_ID = 'a00000000001';
const CHECK_REVISION_ID = 'c00000000001';

function emptyFolder(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

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
  const cli = (database, ...args) => ({ args: [CLI, '--url', database.url, ...args], cwd: dir });
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
  };
}

/**
 * drizzle-kit: `generate` (reads no database), `migrate` of the generated SQL, `push` with
 * nothing to change (it must say so), and `push --force` on a fresh database.
 *
 * @example
 * const tool = drizzleTool('/tmp/p/drizzle', { tables: 100, dialect: 'postgres' });
 */
export function drizzleTool(dir, { tables, dialect }) {
  const config = writeDrizzleProject(dir, { tables, dialect });
  // drizzle-kit takes a file path where schemigrate takes `sqlite:<path>`.
  const kit = (database, ...args) => ({ args: [DRIZZLE_KIT, ...args, '--config', config], cwd: dir, env: { DRIZZLE_DATABASE_URL: database ? database.url.replace(/^sqlite:/, '') : '' } });
  return {
    name: 'drizzle-kit',
    autogenerate() {
      emptyFolder(join(dir, 'drizzle'));
      return [kit(undefined, 'generate')];
    },
    apply: (database) => [kit(database, 'migrate')],
    check: (database) => [{ ...kit(database, 'push'), expect: /No changes detected/ }],
    autogenerateAndUpgrade: (database) => [kit(database, 'push', '--force')],
  };
}

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
  const alembic = (database, ...args) => ({ program: python, args: ['-m', 'alembic', ...args], cwd: dir, env: { ALEMBIC_DATABASE_URL: alembicUrl(database.url) } });
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
