/**
 * Moving a model between schemas: canonicalisation creates declared objects in scratch schemas
 * and reads them back under their declared schemas.
 */
import { standardQuotedIdentifier } from './quoted-identifier.js';
import type { Column, ColumnType, ForeignKey, Index, Model, Table } from './types.js';

/**
 * `model` with every named schema replaced by `rename(schema)`: of tables, enums, enum column
 * types and foreign key targets, and where expression text (checks, defaults, generated
 * columns, index expressions and predicates, custom types) qualifies a name with it, as
 * PostgreSQL prints a type of a schema off the search path (`'x'::audit.level`). The default
 * schema (undefined) stays as it is.
 *
 * @example
 * renameSchemas(model, (schema) => `scratch_${schema}`); // audit.events → scratch_audit.events
 */
export function renameSchemas(model: Model, rename: (schema: string) => string): Model {
  const sql = textRenamer(namedSchemasOf(model), rename);
  const renamed = <T extends { readonly schema?: string }>(object: T): T =>
    object.schema === undefined ? object : { ...object, schema: rename(object.schema) };
  const type = (t: ColumnType): ColumnType => (t.kind === 'enum' ? renamed(t) : t.kind === 'custom' ? { ...t, sql: sql(t.sql) } : t);
  const column = (col: Column): Column => ({
    ...col,
    type: type(col.type),
    ...(col.default?.kind === 'expression' && { default: { ...col.default, sql: sql(col.default.sql) } }),
    ...(col.generated !== undefined && { generated: { ...col.generated, sql: sql(col.generated.sql) } }),
  });
  const index = (ix: Index): Index => ({
    ...ix,
    parts: ix.parts.map((part) => (part.kind === 'expression' ? { ...part, sql: sql(part.sql) } : part)),
    ...(ix.where !== undefined && { where: sql(ix.where) }),
  });
  const foreignKey = (fk: ForeignKey): ForeignKey =>
    fk.referencedSchema === undefined ? fk : { ...fk, referencedSchema: rename(fk.referencedSchema) };
  const table = (t: Table): Table => ({
    ...renamed(t),
    columns: t.columns.map(column),
    foreignKeys: t.foreignKeys.map(foreignKey),
    indexes: t.indexes.map(index),
    checks: t.checks.map((check) => ({ ...check, sql: sql(check.sql) })),
  });
  return {
    ...model,
    tables: model.tables.map(table),
    enums: model.enums.map(renamed),
    ...(model.schemas !== undefined && { schemas: model.schemas.map(rename) }),
  };
}

function namedSchemasOf(model: Model): string[] {
  const fromTypes = model.tables.flatMap((t) => [
    ...(t.schema === undefined ? [] : [t.schema]),
    ...t.foreignKeys.flatMap((fk) => (fk.referencedSchema === undefined ? [] : [fk.referencedSchema])),
    ...t.columns.flatMap((c) => (c.type.kind === 'enum' && c.type.schema !== undefined ? [c.type.schema] : [])),
  ]);
  return [...new Set([...fromTypes, ...model.enums.flatMap((e) => (e.schema === undefined ? [] : [e.schema])), ...(model.schemas ?? [])])];
}

/** Replaces `schema.` (bare or double-quoted) in SQL text, outside longer identifiers, by the renamed schema as printed. */
function textRenamer(schemas: readonly string[], rename: (schema: string) => string): (sql: string) => string {
  if (schemas.length === 0) return (sql) => sql;
  const alternatives = schemas.map((schema) => `${escapeRegExp(printedIdentifier(schema))}|${escapeRegExp(standardQuotedIdentifier(schema))}`);
  const pattern = new RegExp(`(?<![\\w$"])(${alternatives.join('|')})\\.`, 'g');
  const bySpelling = new Map(schemas.flatMap((schema) => [[printedIdentifier(schema), schema], [standardQuotedIdentifier(schema), schema]]));
  return (sql) => sql.replace(pattern, (_match, spelling: string) => `${printedIdentifier(rename(bySpelling.get(spelling)!))}.`);
}

/** An identifier as PostgreSQL prints it: bare when lower-case and plain (keywords aside), else quoted. */
function printedIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : standardQuotedIdentifier(name);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
