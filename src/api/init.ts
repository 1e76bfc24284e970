/**
 * `init`: scaffold a project (the config, the revision template, an empty `versions/` and a
 * starter barrel). Never overwrites a file.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DIALECT_NAMES, starterUrl } from '../dialects/registry.js';
import { formatTypeScript } from '../render/format.js';
import { packageTemplate } from '../revisions/templates.js';
import { SchemigrateError } from '../util/errors.js';

const CONFIG_NAMES = ['ts', 'mts', 'js', 'mjs', 'cjs', 'json'].map((ext) => `schemigrate.config.${ext}`);

export interface InitOptions {
  /** The project folder (default: the working folder). */
  readonly directory?: string;
  /** `sqlite` (default), `postgres` or `mysql`: which starter URL the config gets. */
  readonly dialect?: string;
}

/** What `initProject` did with each file. */
export interface InitResult {
  /** Absolute paths written (a folder ends with `/`). */
  readonly created: readonly string[];
  /** Absolute paths that existed and were left alone. */
  readonly existing: readonly string[];
}

/**
 * Write the config, the revision template, an empty `versions/` and a starter barrel; the
 * TypeScript files formatted as the revisions are.
 *
 * @example
 * await initProject({ directory: './my-app', dialect: 'postgres' }); // { created: ['/…/my-app/schemigrate.config.ts', …], existing: [] }
 */
export async function initProject(options: InitOptions = {}): Promise<InitResult> {
  const dialect = options.dialect ?? 'sqlite';
  const url = starterUrl(dialect);
  if (url === undefined) {
    throw new SchemigrateError(`Unknown dialect '${dialect}' for init; choose ${DIALECT_NAMES.join(', ')}.`, { details: { choices: DIALECT_NAMES } });
  }
  const root = resolve(options.directory ?? '.');
  const created: string[] = [];
  const existing: string[] = [];
  const write = async (path: string, content: string) => {
    const target = join(root, path);
    if (existsSync(target)) {
      existing.push(target);
      return;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, path.endsWith('.ts') ? await formatTypeScript(content) : content);
    created.push(target);
  };
  const template = (name: string) => readFileSync(packageTemplate(name), 'utf8');

  const existingConfig = CONFIG_NAMES.find((name) => existsSync(join(root, name)));
  if (existingConfig) existing.push(join(root, existingConfig));
  else await write('schemigrate.config.ts', template('init/schemigrate.config.ts.tmpl').replace('{{url}}', url));

  await write('migrations/script.ts.tmpl', template('script.ts.tmpl'));
  const versions = join(root, 'migrations/versions');
  if (!existsSync(versions)) {
    mkdirSync(versions, { recursive: true });
    created.push(`${versions}/`);
  }
  const schemaDir = join(root, 'src/db/schema');
  if (!(existsSync(schemaDir) && readdirSync(schemaDir).length > 0)) {
    await write('src/db/schema/index.ts', template('init/schema-index.ts.tmpl'));
    await write('src/db/schema/users.ts', template('init/schema-users.ts.tmpl'));
  }
  return { created, existing };
}

