/**
 * `schemigrate init [dir]`: scaffold a project (SPEC §2). Never overwrites a file.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { DialectName } from '../config/url.js';
import { SchemigrateError } from '../util/errors.js';
import type { Reporter } from './reporter.js';
import { packageTemplate } from './templates.js';

const STARTER_URLS: Record<DialectName, string> = {
  sqlite: 'sqlite:./dev.sqlite3',
  postgres: 'postgres://postgres@localhost:5432/postgres',
  mysql: 'mysql://root@localhost:3306/app',
};

const CONFIG_NAMES = ['ts', 'mts', 'js', 'mjs', 'cjs', 'json'].map((ext) => `schemigrate.config.${ext}`);

export interface InitOptions {
  readonly directory: string;
  readonly dialect?: string;
}

/**
 * Write the config, the revision template, an empty `versions/` and a starter barrel.
 *
 * @example
 * initProject({ directory: './my-app', dialect: 'postgres' }, reporter);
 */
export function initProject(options: InitOptions, reporter: Reporter): void {
  const dialect = (options.dialect ?? 'sqlite') as DialectName;
  if (!(dialect in STARTER_URLS)) {
    throw new SchemigrateError(`Unknown dialect '${options.dialect}' for init; choose sqlite, postgres or mysql.`);
  }
  const root = resolve(options.directory);
  const write = (path: string, content: string) => {
    const target = join(root, path);
    if (existsSync(target)) {
      reporter.info(`  exists  ${relative(process.cwd(), target) || target} (left alone)`);
      return;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    reporter.info(`  create  ${relative(process.cwd(), target) || target}`);
  };
  const template = (name: string) => readFileSync(packageTemplate(name), 'utf8');

  const existingConfig = CONFIG_NAMES.find((name) => existsSync(join(root, name)));
  if (existingConfig) reporter.info(`  exists  ${existingConfig} (left alone)`);
  else write('schemigrate.config.ts', template('init/schemigrate.config.ts.tmpl').replace('{{url}}', STARTER_URLS[dialect]));

  write('migrations/script.ts.tmpl', template('script.ts.tmpl'));
  const versions = join(root, 'migrations/versions');
  if (!existsSync(versions)) {
    mkdirSync(versions, { recursive: true });
    reporter.info(`  create  ${relative(process.cwd(), versions) || versions}/`);
  }
  const schemaDir = join(root, 'src/db/schema');
  const hasSchema = existsSync(schemaDir) && readdirSync(schemaDir).length > 0;
  if (!hasSchema) {
    write('src/db/schema/index.ts', template('init/schema-index.ts.tmpl'));
    write('src/db/schema/users.ts', template('init/schema-users.ts.tmpl'));
  }
  reporter.info('Next: edit src/db/schema/, then `schemigrate revision -m "create users" --autogenerate` and `schemigrate upgrade head`.');
}
