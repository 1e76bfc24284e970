/**
 * Introspection: the live schema read from pg_catalog into the neutral model, with a fixed
 * number of queries (see queries.ts) however many tables there are.
 */
import type { Kysely } from 'kysely';
import { byName } from '../../model/member-order.js';
import type {
  CheckConstraint,
  Column,
  ForeignKey,
  Index,
  IndexPart,
  Model,
  PrimaryKey,
  ReferentialAction,
  Table,
  UniqueConstraint,
} from '../../model/types.js';
import { SchemigrateError } from '../../util/errors.js';
import type { IntrospectOptions } from '../dialect.js';
import { runLanes } from '../query-lanes.js';
import { parseDefault } from './defaults.js';
import {
  selectColumns,
  selectConstraints,
  selectEnums,
  selectIndexes,
  selectNamespaces,
  selectTables,
  type ColumnRow,
  type ConstraintRow,
  type IndexRow,
} from './queries.js';
import { toColumnType, type IntrospectedSchema } from './types.js';

/** `pg_constraint.confdeltype`/`confupdtype` codes; `a` (NO ACTION) is the default, left undefined. */
const REFERENTIAL_ACTIONS: Readonly<Record<string, ReferentialAction | undefined>> = {
  a: undefined,
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

/**
 * The model of the current schema (`current_schema()`, normally `public`) and of the named
 * schemas in `options.schemas`: objects of the current schema keep bare names (inside
 * `canonicalize` the search path makes that the scratch schema), those of a named schema
 * carry it. Type names of the current schema print unqualified in both cases.
 *
 * @example
 * const model = await introspect(db, { isExcluded: (name) => name === 'schemigrate_version', schemas: ['audit'] });
 */
export async function introspect(db: Kysely<any>, options: IntrospectOptions): Promise<Model> {
  const named = options.schemas ?? [];
  // The long queries get a lane each; the short ones share one (a pool holds 4 connections).
  const [columnRows, constraintRows, indexRows, [tableRows, enumRows, namespaces]] = await runLanes(
    db,
    [
      (lane) => selectColumns(lane, named),
      (lane) => selectConstraints(lane, named),
      (lane) => selectIndexes(lane, named),
      async (lane) => [await selectTables(lane, named), await selectEnums(lane, named), await selectNamespaces(lane, named)] as const,
    ],
    options,
  );
  const home = namespaces.current;
  if (named.includes(home)) {
    // Its objects are read back with bare names, so they would never match the declared ones.
    throw new SchemigrateError(
      `pgSchema('${home}') names the connection's current schema, where table() and enumeration() already declare objects; declare them without pgSchema.`,
    );
  }
  const schema: IntrospectedSchema = {
    name: home,
    enums: new Map(enumRows.map((row) => [`${row.schema}.${row.name}`, row.values])),
  };
  // The model's schema of an object: none for the current schema.
  const schemaOf = (nspname: string) => (nspname === home ? {} : { schema: nspname });
  const columns = groupByTable(columnRows);
  for (const group of columns.values()) group.sort((a, b) => a.position - b.position);
  const constraints = groupByTable(constraintRows);
  const indexes = groupByTable(indexRows);
  // `tables.exclude` matches `schema.table` in a named schema, the bare name in the current one.
  const tables = tableRows
    .filter((row) => !options.isExcluded(row.schema === home ? row.table : `${row.schema}.${row.table}`))
    .map((row): Table => {
      const key = tableKey(row);
      const tableConstraints = constraints.get(key) ?? [];
      const primaryKey = tableConstraints.find((constraint) => constraint.type === 'p');
      return {
        name: row.table,
        ...schemaOf(row.schema),
        columns: (columns.get(key) ?? []).map((column) => toColumn(column, schema)),
        ...(primaryKey && { primaryKey: toPrimaryKey(primaryKey) }),
        foreignKeys: tableConstraints.filter((constraint) => constraint.type === 'f').map((row) => toForeignKey(row, home)),
        uniques: tableConstraints.filter((constraint) => constraint.type === 'u').map(toUnique),
        indexes: (indexes.get(key) ?? []).map(toIndex),
        checks: tableConstraints.filter((constraint) => constraint.type === 'c').map(toCheck),
        ...(row.comment !== null && { comment: row.comment }),
      };
    });
  const existing = namespaces.existing.filter((name) => name !== home);
  return {
    tables: byName(tables),
    enums: byName(enumRows.map((row) => ({ name: row.name, ...schemaOf(row.schema), values: row.values }))),
    ...(existing.length > 0 && { schemas: existing }),
  };
}

/** The key rows of one table share: schema and name (neither may hold a NUL). */
function tableKey(row: { readonly schema: string; readonly table: string }): string {
  return `${row.schema}\u0000${row.table}`;
}

function groupByTable<R extends { readonly schema: string; readonly table: string }>(rows: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const group = groups.get(tableKey(row));
    if (group) group.push(row);
    else groups.set(tableKey(row), [row]);
  }
  return groups;
}

function toColumn(row: ColumnRow, schema: IntrospectedSchema): Column {
  const type = toColumnType(
    {
      name: row.typeName,
      schema: row.typeSchema,
      category: row.typeCategory,
      modifier: row.typeModifier,
      formatted: row.formattedType,
    },
    schema,
  );
  const generated = row.generated !== '' && row.expression !== null;
  // A serial column is an integer whose default draws from a sequence it owns.
  const serial = !generated && row.expression !== null && row.expression === row.ownedSequenceDefault;
  const autoIncrement = serial || row.identity !== '';
  return {
    name: row.name,
    type,
    nullable: !row.notNull,
    ...(!generated && !serial && row.expression !== null && { default: parseDefault(row.expression) }),
    autoIncrement,
    ...(generated && { generated: { sql: row.expression!, stored: row.generated === 's' } }),
    ...(row.comment !== null && { comment: row.comment }),
    ...(row.collation !== null && { collation: row.collation }),
  };
}

function toPrimaryKey(row: ConstraintRow): PrimaryKey {
  return { name: row.name, columns: row.columns };
}

function toForeignKey(row: ConstraintRow, home: string): ForeignKey {
  const onDelete = REFERENTIAL_ACTIONS[row.onDelete];
  const onUpdate = REFERENTIAL_ACTIONS[row.onUpdate];
  return {
    name: row.name,
    columns: row.columns,
    referencedTable: row.referencedTable!,
    ...(row.referencedSchema !== home && { referencedSchema: row.referencedSchema! }),
    referencedColumns: row.referencedColumns,
    ...(onDelete && { onDelete }),
    ...(onUpdate && { onUpdate }),
    ...(row.deferrable && { deferrable: row.deferred ? 'deferred' : 'immediate' }),
  };
}

function toUnique(row: ConstraintRow): UniqueConstraint {
  return { name: row.name, columns: row.columns };
}

function toCheck(row: ConstraintRow): CheckConstraint {
  return { name: row.name, sql: checkExpression(row.definition!) };
}

function toIndex(row: IndexRow): Index {
  const parts = row.parts.map(
    (part): IndexPart =>
      part.column !== null
        ? { kind: 'column', name: part.column, descending: part.descending }
        : { kind: 'expression', sql: part.expression!, descending: part.descending },
  );
  return {
    name: row.name,
    unique: row.unique,
    parts,
    ...(row.predicate !== null && { where: row.predicate }),
    ...(row.method !== 'btree' && { method: row.method }),
  };
}

/**
 * The expression inside `CHECK (…)` of `pg_get_constraintdef`, without trailing options such
 * as `NOT VALID` or `NO INHERIT`. Parentheses inside string literals and quoted names are skipped.
 */
function checkExpression(definition: string): string {
  const open = definition.indexOf('(');
  let depth = 0;
  for (let position = open; position < definition.length; position++) {
    const character = definition[position];
    if (character === "'" || character === '"') {
      position = definition.indexOf(character, position + 1);
      // A doubled quote inside a literal is read as two adjacent literals, which is harmless here.
      if (position < 0) break;
    } else if (character === '(') {
      depth++;
    } else if (character === ')' && --depth === 0) {
      return definition.slice(open + 1, position);
    }
  }
  throw new Error(`Unexpected check constraint definition from PostgreSQL: ${definition}`);
}
