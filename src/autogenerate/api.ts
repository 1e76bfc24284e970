/**
 * Autogenerate (after Alembic's autogenerate/api.py): the pipeline `revision --autogenerate`,
 * `check` and `pull --stamp` share:
 *
 *   barrel ─► schema model ─┐
 *                           ├─► compareModels ─► operations ─► dialect.lower ─► upgrade / downgrade
 *   database ─► introspect ─┘
 *
 * Expressions and types are compared in the form the server itself stores them: the
 * declared schema is created in a scratch namespace and read back (`canonicalize`).
 */
import type { Kysely } from 'kysely';
import type { ResolvedConfig } from '../config/types.js';
import type { Dialect } from '../dialects/dialect.js';
import { compareModels } from '../diff/compare.js';
import { orderOperations } from '../diff/order.js';
import { findRenameCandidates, renameOperations, type Rename } from '../diff/renames.js';
import { leaveDottedTablesAlone } from '../model/dotted-tables.js';
import { byName } from '../model/member-order.js';
import { namedSchemas, qualifiedName } from '../model/qualified-name.js';
import { renameSchemas } from '../model/rename-schemas.js';
import type { Model } from '../model/types.js';
import { applyOperations } from '../operations/apply.js';
import { invertOperations } from '../operations/invert.js';
import type { Operation } from '../operations/types.js';
import { executeOperations } from '../runtime/execute-operations.js';
import { checksumTableName } from '../runtime/checksum-table.js';
import { lockTableName } from '../runtime/table-lock.js';
import { loadSchema, type LoadedSchema } from '../schema/load-barrel.js';
import { scratchParts, scratchSubset, tablesChangedInPlace } from './scratch-subset.js';
import { SchemigrateError } from '../util/errors.js';
import { globMatcher } from '../util/glob.js';
import type { RenameResolver } from './rename-answers.js';

export interface AutogenerateResult extends ModelDiff {
  readonly warnings: readonly string[];
  readonly schemaTableCount: number;
}

const EMPTY_MODEL: Model = { tables: [], enums: [] };

/** Leave excluded tables out of a model, so they are neither created nor dropped. */
function withoutExcluded(model: Model, isExcluded: (name: string) => boolean): Model {
  return { ...model, tables: model.tables.filter((table) => !isExcluded(qualifiedName(table))) };
}

/**
 * Create `model` in the dialect's scratch namespace and read it back as the server stores it, in
 * parts of at most `dialect.scratchTablesPerPass` tables.
 */
async function canonicalize(db: Kysely<any>, dialect: Dialect, model: Model): Promise<Model> {
  const perPass = dialect.scratchTablesPerPass;
  if (perPass === undefined || model.tables.length <= perPass) return canonicalizePart(db, dialect, model);
  const tables = [];
  let enums: Model['enums'] = [];
  for (const part of scratchParts(model, perPass)) {
    const read = await canonicalizePart(db, dialect, part.model);
    tables.push(...read.tables.filter((table) => part.own.has(qualifiedName(table))));
    enums = read.enums;
  }
  return { tables: byName(tables), enums };
}

async function canonicalizePart(db: Kysely<any>, dialect: Dialect, model: Model): Promise<Model> {
  // Named schemas (PostgreSQL) are created as scratch schemas of their own.
  const creates = (inScratch: Model) => dialect.lower(compareModels(EMPTY_MODEL, inScratch), EMPTY_MODEL);
  return dialect.canonicalize(
    db,
    (scratch, scratchSchema) =>
      executeOperations(scratch, creates(scratchSchema ? renameSchemas(model, scratchSchema) : model), dialect.renderer),
    namedSchemas(model),
  );
}

/**
 * Compare the database with the schema, asking the server for canonical spellings only where
 * the declared spelling differs: a table that already matches as declared is equal, and a table
 * only in the schema is simply created. So an up-to-date database costs no scratch DDL at all,
 * and a change costs scratch DDL for what changed only (scratch-subset.ts).
 */
async function compareCanonically(db: Kysely<any>, dialect: Dialect, database: Model, schema: Model): Promise<Operation[]> {
  const stored = withStoredTypes(dialect, schema);
  const asDeclared = compareModels(database, schema, { canonical: stored });
  const enumsDiffer = asDeclared.some((operation) => operation.kind.endsWith('Enum'));
  if (tablesChangedInPlace(asDeclared).size === 0 && !enumsDiffer) return asDeclared;
  const subset = scratchSubset(schema, asDeclared);
  const first = await canonicalize(db, dialect, subset);
  const withFirst = compareModels(database, schema, { canonical: [...stored, first] });
  // PostgreSQL does not always re-read its own output the same way (`= ANY ((ARRAY[…])::text[])`
  // comes back as `= ANY (ARRAY[…])` once re-created from it, as a downgrade does), so the
  // canonical form of the canonical form counts too: asked for only where a table still differs
  // (more spellings can only make an object equal) and its first form differs from the
  // declaration, without its foreign keys (which hold no expressions and may point at tables left out).
  const stillDiffer = tablesChangedInPlace(withFirst);
  const declared = new Map(subset.tables.map((table) => [qualifiedName(table), JSON.stringify(table)]));
  const changed = first.tables
    .filter((table) => stillDiffer.has(qualifiedName(table)) && declared.get(qualifiedName(table)) !== JSON.stringify(table))
    .map((table) => ({ ...table, foreignKeys: [] }));
  if (changed.length === 0) return withFirst;
  const second = await canonicalize(db, dialect, { tables: changed, enums: first.enums });
  return compareModels(database, schema, { canonical: [...stored, first, second] });
}

/** The schema with the types the dialect is known to store differently, when there are any. */
function withStoredTypes(dialect: Dialect, schema: Model): Model[] {
  const { storedType } = dialect;
  if (!storedType) return [];
  let changed = false;
  const tables = schema.tables.map((table) => ({
    ...table,
    columns: table.columns.map((column) => {
      const type = storedType(column.type);
      if (type === column.type) return column;
      changed = true;
      return { ...column, type };
    }),
  }));
  // Dialects with stored types keep enumerations inline in the column type, never as types.
  return changed ? [{ ...schema, tables, enums: [] }] : [];
}

/** The diff of a database against a schema model, lowered for the dialect. */
export interface ModelDiff {
  /** Generic operations from the diff, before dialect lowering (for display). */
  readonly operations: readonly Operation[];
  readonly upgrade: readonly Operation[];
  readonly downgrade: readonly Operation[];
  readonly databaseTableCount: number;
  /** Database tables left alone because their name holds '.' (`model/dotted-tables.ts`). */
  readonly dottedTables: readonly string[];
}

export interface DiffOptions {
  /** Without one (as for `check`), a rename is reported as the drop and create it looks like. */
  readonly resolveRenames?: RenameResolver;
  /** The declared schema from the caller (a fleet loads it once per dialect); default: `loadValidSchema`. */
  readonly loadSchema?: () => Promise<LoadedSchema>;
}

/**
 * The operations: confirmed renames (as `renameTable`/`renameColumn`) and the rest diffed
 * against the database as renamed, ordered together by what each needs (the rest names the
 * new names, so it follows the renames it depends on). Settling table renames may reveal
 * column renames inside the renamed tables, so candidates are looked for again until none is
 * confirmed.
 */
async function compareWithRenames(
  db: Kysely<any>,
  dialect: Dialect,
  database: Model,
  schema: Model,
  resolveRenames: RenameResolver | undefined,
): Promise<Operation[]> {
  let operations = await compareCanonically(db, dialect, database, schema);
  let renames: readonly Rename[] = [];
  while (resolveRenames) {
    const candidates = findRenameCandidates(operations);
    const confirmed = candidates.length === 0 ? [] : await resolveRenames(candidates);
    if (confirmed.length === 0) break;
    renames = [...renames, ...confirmed];
    const renaming = renameOperations(renames);
    operations = orderOperations([...renaming, ...(await compareCanonically(db, dialect, applyOperations(database, renaming), schema))]);
  }
  return operations;
}

/**
 * Diff the live database against a schema model: introspect, compare (canonicalising what
 * differs as declared, settling renames when a resolver is given), lower.
 *
 * @example
 * const { upgrade } = await diffDatabase(db, dialect, schemaModel, (name) => name === 'schemigrate_version');
 */
export async function diffDatabase(
  db: Kysely<any>,
  dialect: Dialect,
  schema: Model,
  isExcluded: (name: string) => boolean,
  options: DiffOptions = {},
): Promise<ModelDiff> {
  const schemaModel = withoutExcluded(schema, isExcluded);
  const databaseModel = await dialect.introspect(db, { isExcluded, schemas: namedSchemas(schemaModel) });
  return diffIntrospected(db, dialect, databaseModel, schemaModel, options);
}

/** `diffDatabase` with the database already read (`schemaModel` without excluded tables). */
async function diffIntrospected(
  db: Kysely<any>,
  dialect: Dialect,
  introspected: Model,
  declared: Model,
  options: DiffOptions,
): Promise<ModelDiff> {
  const { database: databaseModel, schema: schemaModel, dotted } = leaveDottedTablesAlone(introspected, declared);
  const operations = await compareWithRenames(db, dialect, databaseModel, schemaModel, options.resolveRenames);
  return {
    operations,
    upgrade: dialect.lower(operations, databaseModel),
    downgrade: dialect.lower(invertOperations(operations), applyOperations(databaseModel, operations)),
    databaseTableCount: databaseModel.tables.length,
    dottedTables: dotted,
  };
}

/**
 * Diff the live database against the declared schema of a project.
 *
 * @example
 * const result = await autogenerate(config, db, dialect);
 * if (result.operations.length === 0) console.log('No changes.');
 */
export async function autogenerate(
  config: ResolvedConfig,
  db: Kysely<any>,
  dialect: Dialect,
  options: DiffOptions = {},
): Promise<AutogenerateResult> {
  const userExcluded = globMatcher(config.exclude);
  const bookkeeping = [config.versionTable, checksumTableName(config.versionTable), lockTableName(config.versionTable)];
  const isExcluded = (name: string) => bookkeeping.includes(name) || userExcluded(name);
  const early = introspectEarly(db, dialect, isExcluded);
  const schema = await early.meanwhile(() => options.loadSchema?.() ?? loadValidSchema(config, dialect));
  const schemaModel = withoutExcluded(schema.model, isExcluded);
  const named = namedSchemas(schemaModel);
  // Named schemas are read again with the current one; the early reading is let finish first.
  const databaseModel =
    named.length === 0
      ? await early.model
      : await early.model.catch(() => undefined).then(() => dialect.introspect(db, { isExcluded, schemas: named, concurrent: true }));
  const diff = await diffIntrospected(db, dialect, databaseModel, schemaModel, options);
  const leftAlone = diff.dottedTables.map(
    (name) => `table ${name} is left alone: table() cannot declare a name holding '.' (it reads as schema.table), so autogenerate never compares, changes or drops it`,
  );
  return { ...diff, warnings: [...schema.warnings, ...leftAlone], schemaTableCount: schemaModel.tables.length };
}

/** How many of the schema's unsupported uses a refusal names; the rest are counted. */
const PROBLEMS_NAMED = 5;

/**
 * The project's schema, refused when it uses what the dialect cannot express.
 *
 * @example
 * const { model } = await loadValidSchema(config, dialect);
 */
export async function loadValidSchema(config: ResolvedConfig, dialect: Dialect): Promise<LoadedSchema> {
  const schema = await loadSchema(config.schemaPath, {
    naming: config.namingConvention,
    maxIdentifierLength: dialect.maxIdentifierLength,
    stringLiteral: dialect.stringLiteral,
    rootDir: config.rootDir,
  });
  const problems = dialect.validate(schema.model);
  if (problems.length > 0) {
    // One paragraph stays readable: the first few, and how many more (all in `details`).
    const named = problems.slice(0, PROBLEMS_NAMED);
    const more = problems.length - named.length;
    throw new SchemigrateError(
      `The schema in ${config.schemaPath} uses what ${dialect.name} cannot express: ${named.join(' ')}${more > 0 ? ` … and ${more} more like these.` : ''}`,
      { code: 'SCHEMA_UNSUPPORTED', details: { problems } },
    );
  }
  return schema;
}

/** An introspection started before the schema is known, to run while the barrel loads. */
interface EarlyIntrospection {
  /** The current schema's model (named schemas are not read: the barrel has not named them yet). */
  readonly model: Promise<Model>;
  /** Run `work` once the catalog queries are on the wire; when it fails, the queries are waited for first. */
  meanwhile<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Start introspecting through the pool `db` (as `withConnection` opens it): the server answers
 * the catalog queries while this process is busy importing the barrel. The import holds the
 * event loop for long stretches, so it starts only once the queries have been sent (or, for a
 * dialect that reads in process, once introspection is done). A failed load is reported
 * as before; the introspection's own failure surfaces where its model is awaited.
 */
function introspectEarly(db: Kysely<any>, dialect: Dialect, isExcluded: (name: string) => boolean): EarlyIntrospection {
  let sent!: () => void;
  const onWire = new Promise<void>((resolve) => (sent = resolve));
  const model = dialect.introspect(db, { isExcluded, concurrent: true, sent });
  const settled = model.then(
    () => {},
    () => {},
  );
  return {
    model,
    async meanwhile(work) {
      await Promise.race([onWire, settled]);
      try {
        return await work();
      } catch (error) {
        await settled;
        throw error;
      }
    },
  };
}
