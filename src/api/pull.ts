/**
 * `pull`: introspect the database and write schema modules for it — the way to
 * adopt an existing database. PostgreSQL reads the current schema, plus the named schemas of
 * `--schema` or, with `--all-schemas`, every user schema; their tables use `pgSchema(…)`.
 * With `--stamp`, also write a baseline revision that creates the pulled schema and record it
 * as applied, so this database needs no migration while a fresh one gets the schema from
 * `upgrade head`.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialects/dialect.js';
import { compareModels } from '../diff/compare.js';
import { isDottedTable } from '../model/dotted-tables.js';
import { namedSchemas, qualifiedName, referencedName } from '../model/qualified-name.js';
import type { Model } from '../model/types.js';
import { applyOperations } from '../operations/apply.js';
import { invertOperations } from '../operations/invert.js';
import { writeGeneratedFiles } from '../render/generated-files.js';
import { renderSchemaModules, type SchemaFile } from '../render/schema-module.js';
import { planRevision, writeRevision } from '../revisions/new-revision.js';
import { checksumTableName } from '../runtime/checksum-table.js';
import { lockTableName } from '../runtime/table-lock.js';
import { SchemigrateError } from '../util/errors.js';
import { globMatcher } from '../util/glob.js';
import { stamp } from './migrate.js';
import type { Project } from './project.js';
import type { PullResult } from './types.js';

export interface PullOptions {
  /** Folder for the modules; the configured barrel's folder by default. Relative to the working folder. */
  readonly out?: string;
  /** Overwrite modules that already exist. */
  readonly force?: boolean;
  /** Write a baseline revision creating the pulled schema and stamp the database at it. */
  readonly stamp?: boolean;
  /** PostgreSQL: named schemas to pull besides the current one (`--schema`, repeatable). */
  readonly schemas?: readonly string[];
  /** PostgreSQL: pull every user schema (`--all-schemas`). */
  readonly allSchemas?: boolean;
}

const EMPTY_MODEL: Model = { tables: [], enums: [] };

function plural(count: number, kind: string): string {
  if (count === 1) return `1 ${kind}`;
  return `${count} ${kind.endsWith('y') && !kind.endsWith('ey') ? `${kind.slice(0, -1)}ies` : `${kind}s`}`;
}

/** The files to write: the barrel keeps the configured file name when writing into its folder. */
function placeFiles(files: readonly SchemaFile[], outDir: string, barrelName: string): { path: string; content: string }[] {
  const barrelLast = [...files.filter((file) => file.path !== 'index.ts'), ...files.filter((file) => file.path === 'index.ts')];
  const placed = barrelLast.map((file) => ({ path: join(outDir, file.path === 'index.ts' ? barrelName : file.path), content: file.content }));
  const clash = placed.find((file, i) => placed.findIndex((other) => other.path === file.path) !== i);
  if (clash !== undefined) {
    throw new SchemigrateError(`The barrel ${barrelName} would have the same file name as a table module; pass --out <dir> to write an index.ts elsewhere.`);
  }
  return placed;
}

/**
 * The model without `excluded` tables (by qualified name), and without the foreign keys that
 * point at them or at a schema that was not pulled (the schema language cannot declare those).
 * Its `schemas` are those its tables and enums live in, which a baseline creates.
 */
function withoutTables(model: Model, excluded: ReadonlySet<string>): { model: Model; danglingKeys: string[] } {
  const pulled = new Set(model.tables.map(qualifiedName).filter((name) => !excluded.has(name)));
  const danglingKeys: string[] = [];
  const tables = model.tables
    .filter((table) => pulled.has(qualifiedName(table)))
    .map((table) => {
      const dangling = table.foreignKeys.filter((fk) => !pulled.has(referencedName(fk)));
      danglingKeys.push(...dangling.map((fk) => `${qualifiedName(table)}.${fk.name} (→ ${referencedName(fk)})`));
      return dangling.length === 0 ? table : { ...table, foreignKeys: table.foreignKeys.filter((fk) => !dangling.includes(fk)) };
    });
  const schemas = namedSchemas({ tables, enums: model.enums });
  return { model: { tables, enums: model.enums, ...(schemas.length > 0 && { schemas }) }, danglingKeys };
}

/** `--schema`/`--all-schemas` name PostgreSQL schemas; other dialects have none. */
function assertSchemaOptions(dialect: Dialect, options: PullOptions): void {
  const flag = options.allSchemas ? '--all-schemas' : (options.schemas ?? []).length > 0 ? '--schema' : undefined;
  if (flag === undefined || dialect.userSchemas !== undefined) return;
  throw new SchemigrateError(
    `${flag} selects PostgreSQL schemas (namespaces), but this project's database is ${dialect.name}, which has none; nothing was written. Pull without it.`,
  );
}

/**
 * The named schemas to read: those of `--schema` (each must exist; the current schema is read
 * anyway, so naming it changes nothing) or, with `--all-schemas`, every user schema. A name
 * holding '.' cannot be declared (`pgSchema` splits `schema.table` there): refused when asked
 * for, passed over with a warning by `--all-schemas`.
 */
async function schemasToRead(dialect: Dialect, db: Kysely<any>, options: PullOptions, project: Project): Promise<string[]> {
  const requested = [...new Set(options.schemas ?? [])];
  if (dialect.userSchemas === undefined || (requested.length === 0 && !options.allSchemas)) return [];
  const dotted = requested.filter((name) => name.includes('.'));
  if (dotted.length > 0) {
    throw new SchemigrateError(
      `--schema ${dotted.join(', ')}: a schema name holding '.' cannot be declared with pgSchema(), which reads '.' as the schema-table separator; nothing was written.`,
    );
  }
  const { current, named } = await dialect.userSchemas(db);
  if (options.allSchemas) {
    for (const name of named.filter((schema) => schema.includes('.'))) {
      project.emit({ type: 'warning', message: `schema ${name} is not pulled: a name holding '.' cannot be declared with pgSchema()` });
    }
    return named.filter((name) => !name.includes('.'));
  }
  const missing = requested.filter((name) => name !== current && !named.includes(name));
  if (missing.length > 0) {
    throw new SchemigrateError(
      `--schema names ${plural(missing.length, 'schema')} the database does not have (${missing.join(', ')}); nothing was written. ` +
        `Its schemas: ${[current, ...named].join(', ')}.`,
    );
  }
  return requested.filter((name) => name !== current).sort();
}

/** A baseline starts the graph: `stamp` needs an empty versions folder. */
async function assertNoRevisions(project: Project): Promise<void> {
  const graph = await project.graph();
  if (graph.heads.length > 0) {
    throw new SchemigrateError(
      `--stamp writes a baseline revision, but ${project.show(project.config.versionsDir)} already has revisions ` +
        `(heads: ${graph.heads.join(', ')}); nothing was written. Pull without --stamp, or record an existing revision with \`schemigrate stamp <rev>\`.`,
    );
  }
}

/** A baseline revision creating `model` from nothing, as the root of the graph. */
async function writeBaseline(project: Project, dialect: Dialect, model: Model): Promise<{ revision: string; file: string }> {
  const operations = compareModels(EMPTY_MODEL, model);
  const header = planRevision(await project.graph(), { message: 'baseline', parents: 'base' });
  const file = await writeRevision(project.config, header, {
    upgrade: dialect.lower(operations, EMPTY_MODEL),
    downgrade: dialect.lower(invertOperations(operations), applyOperations(EMPTY_MODEL, operations)),
    renderer: dialect.renderer,
  });
  project.emit({ type: 'file-written', file });
  return { revision: header.revision, file };
}

/**
 * Write schema modules for the tables of the database (all but the version table and
 * `tables.exclude`), and report the out-of-scope objects left alone.
 *
 * @example
 * const { files, skipped } = await pull(project, { out: 'src/db/schema' });
 */
export async function pull(project: Project, options: PullOptions = {}): Promise<PullResult> {
  const { config, show } = project;
  const outDir = options.out === undefined ? dirname(config.schemaPath) : resolve(project.cwd, options.out);
  const barrelName = options.out === undefined ? basename(config.schemaPath) : 'index.ts';
  const info = (message: string) => project.emit({ type: 'info', message });
  const warn = (message: string) => project.emit({ type: 'warning', message });

  assertSchemaOptions(await project.dialect(), options);
  if (options.stamp) await assertNoRevisions(project);
  const userExcluded = globMatcher(config.exclude);
  const bookkeeping = [config.versionTable, checksumTableName(config.versionTable), lockTableName(config.versionTable)];
  const { db, dialect } = await project.connection();
  const schemas = await schemasToRead(dialect, db, options, project);
  const everything = await dialect.introspect(db, { isExcluded: (name) => bookkeeping.includes(name), schemas });
  const skipped = await dialect.countOutOfScope(db, schemas);
  // `tables.exclude` matches `schema.table` in a named schema, as autogenerate does.
  const excluded = everything.tables.map(qualifiedName).filter((name) => userExcluded(name));
  const dotted = everything.tables.filter(isDottedTable).map(qualifiedName);
  for (const name of dotted) {
    warn(`table ${name} is not pulled: table() cannot declare a name holding '.' (it reads as schema.table); autogenerate leaves it alone`);
  }
  const { model, danglingKeys } = withoutTables(everything, new Set([...excluded, ...dotted]));
  if (model.tables.length === 0) {
    throw new SchemigrateError(
      `The database has no tables to pull${excluded.length > 0 ? ` (tables.exclude matched ${excluded.length})` : ''}; nothing was written.`,
      { code: 'NOTHING_TO_PULL' },
    );
  }
  for (const key of danglingKeys) warn(`foreign key ${key} points at a table that is not pulled (tables.exclude, or a schema not read); it is left out of the modules`);

  const files = placeFiles(renderSchemaModules(model, { naming: config.namingConvention, maxIdentifierLength: dialect.maxIdentifierLength }), outDir, barrelName);
  const existing = files.filter((file) => existsSync(file.path));
  if (existing.length > 0 && !options.force) {
    const listed = existing.slice(0, 5).map((file) => show(file.path)).join(', ');
    throw new SchemigrateError(
      `pull would overwrite ${plural(existing.length, 'existing file')} (${listed}${existing.length > 5 ? ', …' : ''}); ` +
        'nothing was written. Pass --out <dir> to write elsewhere, or --force to overwrite.',
      { code: 'FILE_EXISTS', details: { files: existing.map((file) => file.path) } },
    );
  }
  await writeGeneratedFiles(files, { postWrite: project.config.postWrite, cwd: project.config.rootDir });
  info(`Wrote ${plural(model.tables.length, 'table')}${model.enums.length > 0 ? ` and ${plural(model.enums.length, 'enumeration')}` : ''} to ${show(outDir)} (${plural(files.length, 'module')}, barrel ${barrelName}).`);
  if (options.out !== undefined && resolve(outDir, barrelName) !== config.schemaPath) {
    warn(`the config's schema is ${show(config.schemaPath)}; point it at ${show(join(outDir, barrelName))} to use the pulled modules.`);
  }
  if (excluded.length > 0) info(`skipped ${plural(excluded.length, 'table')} matched by tables.exclude: ${excluded.join(', ')}`);
  for (const item of skipped) info(`skipped ${plural(item.count, item.kind)} (out of scope: never touched)`);

  const baseline = options.stamp ? await writeBaseline(project, dialect, model) : null;
  if (baseline !== null) await stamp(project, [baseline.revision]);
  return { files: files.map((file) => file.path), skipped, baseline };
}
