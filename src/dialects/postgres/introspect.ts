/**
 * Introspection: the live schema read from pg_catalog into the neutral model, with a fixed
 * number of queries (see queries.ts) however many tables there are.
 */
import type { Kysely } from 'kysely';
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
import type { IntrospectOptions } from '../dialect.js';
import { parseDefault } from './defaults.js';
import {
  selectColumns,
  selectConstraints,
  selectCurrentSchema,
  selectEnums,
  selectIndexes,
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
 * The model of the current schema (`current_schema()`, normally `public`): inside
 * `canonicalize` the search path makes that the scratch schema, and type names print
 * unqualified in both cases.
 *
 * @example
 * const model = await introspect(db, { isExcluded: (name) => name === 'schemigrate_version' });
 */
export async function introspect(db: Kysely<any>, options: IntrospectOptions): Promise<Model> {
  const schemaName = await selectCurrentSchema(db);
  // One after the other: on a single connection (a transaction, the lock's connection) pg
  // deprecates overlapping queries.
  const tableRows = await selectTables(db, schemaName);
  const columnRows = await selectColumns(db, schemaName);
  const constraintRows = await selectConstraints(db, schemaName);
  const indexRows = await selectIndexes(db, schemaName);
  const enumRows = await selectEnums(db, schemaName);
  const schema: IntrospectedSchema = {
    name: schemaName,
    enums: new Map(enumRows.map((row) => [row.name, row.values])),
  };
  const columns = groupByTable(columnRows);
  const constraints = groupByTable(constraintRows);
  const indexes = groupByTable(indexRows);
  const tables = tableRows
    .filter((row) => !options.isExcluded(row.table))
    .map((row): Table => {
      const tableConstraints = constraints.get(row.table) ?? [];
      const primaryKey = tableConstraints.find((constraint) => constraint.type === 'p');
      return {
        name: row.table,
        columns: (columns.get(row.table) ?? []).map((column) => toColumn(column, schema)),
        ...(primaryKey && { primaryKey: toPrimaryKey(primaryKey) }),
        foreignKeys: tableConstraints.filter((constraint) => constraint.type === 'f').map(toForeignKey),
        uniques: tableConstraints.filter((constraint) => constraint.type === 'u').map(toUnique),
        indexes: (indexes.get(row.table) ?? []).map(toIndex),
        checks: tableConstraints.filter((constraint) => constraint.type === 'c').map(toCheck),
        ...(row.comment !== null && { comment: row.comment }),
      };
    });
  return {
    tables,
    enums: enumRows.map((row) => ({ name: row.name, values: row.values })),
  };
}

function groupByTable<R extends { readonly table: string }>(rows: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const group = groups.get(row.table);
    if (group) group.push(row);
    else groups.set(row.table, [row]);
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

function toForeignKey(row: ConstraintRow): ForeignKey {
  const onDelete = REFERENTIAL_ACTIONS[row.onDelete];
  const onUpdate = REFERENTIAL_ACTIONS[row.onUpdate];
  return {
    name: row.name,
    columns: row.columns,
    referencedTable: row.referencedTable!,
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
  return { name: row.name, sql: checkExpression(row.definition) };
}

function toIndex(row: IndexRow): Index {
  const parts = row.parts.map(
    (part): IndexPart =>
      part.column !== null
        ? { kind: 'column', name: part.column, descending: part.descending }
        : { kind: 'expression', sql: part.expression, descending: part.descending },
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
