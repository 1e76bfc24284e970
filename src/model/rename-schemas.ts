/**
 * Moving a model between schemas: canonicalisation creates declared objects in scratch schemas
 * and reads them back under their declared schemas.
 */
import type { Column, ForeignKey, Model, Table } from './types.js';

/**
 * `model` with every named schema (of tables, enums, enum column types and foreign key
 * targets) replaced by `rename(schema)`; the default schema (undefined) stays as it is.
 *
 * @example
 * renameSchemas(model, (schema) => `scratch_${schema}`); // audit.events → scratch_audit.events
 */
export function renameSchemas(model: Model, rename: (schema: string) => string): Model {
  const renamed = <T extends { readonly schema?: string }>(object: T): T =>
    object.schema === undefined ? object : { ...object, schema: rename(object.schema) };
  const column = (col: Column): Column => (col.type.kind === 'enum' ? { ...col, type: renamed(col.type) } : col);
  const foreignKey = (fk: ForeignKey): ForeignKey =>
    fk.referencedSchema === undefined ? fk : { ...fk, referencedSchema: rename(fk.referencedSchema) };
  const table = (t: Table): Table => ({ ...renamed(t), columns: t.columns.map(column), foreignKeys: t.foreignKeys.map(foreignKey) });
  return {
    ...model,
    tables: model.tables.map(table),
    enums: model.enums.map(renamed),
    ...(model.schemas !== undefined && { schemas: model.schemas.map(rename) }),
  };
}
