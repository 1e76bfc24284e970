/**
 * Apply operations to a model without a database: what a migration would leave behind.
 * Dialects use it to know the table a rebuild must produce; tests use it to check that a
 * diff takes the database model to the schema model.
 */
import { byName } from '../model/member-order.js';
import { qualifiedName } from '../model/qualified-name.js';
import type { EnumType, Model } from '../model/types.js';
import { applyToTables } from './apply-to-tables.js';
import type { Operation, OperationOf } from './types.js';

/**
 * The model after `ops`, tables and enums sorted by name. Pure: `model` is not changed.
 * Throws when an operation refers to something the model does not have (a bug upstream).
 *
 * @example
 * const after = applyOperations(databaseModel, compareModels(databaseModel, schemaModel));
 */
export function applyOperations(model: Model, ops: readonly Operation[]): Model {
  const tables = new Map(model.tables.map((table) => [qualifiedName(table), table]));
  const enums = new Map(model.enums.map((type) => [qualifiedName(type), type]));
  const schemas = new Set(model.schemas);
  for (const op of ops) {
    if (op.kind === 'createSchema') schemas.add(op.schema);
    else if (op.kind === 'dropSchema') schemas.delete(op.schema);
    else if (op.kind === 'createEnum' || op.kind === 'dropEnum' || op.kind === 'alterEnum') applyToEnums(enums, op);
    else applyToTables(tables, op);
  }
  return {
    tables: byName(tables.values()),
    enums: byName(enums.values()),
    ...(schemas.size > 0 && { schemas: [...schemas].sort() }),
  };
}

function applyToEnums(enums: Map<string, EnumType>, op: OperationOf<'createEnum' | 'dropEnum' | 'alterEnum'>): void {
  switch (op.kind) {
    case 'createEnum':
      if (enums.has(qualifiedName(op.enum))) throw new Error(`Cannot create enum ${qualifiedName(op.enum)}: it exists.`);
      enums.set(qualifiedName(op.enum), op.enum);
      return;
    case 'dropEnum':
      if (!enums.delete(qualifiedName(op.enum))) throw new Error(`Cannot drop enum ${qualifiedName(op.enum)}: it does not exist.`);
      return;
    case 'alterEnum':
      if (!enums.has(qualifiedName(op.from))) throw new Error(`Cannot alter enum ${qualifiedName(op.from)}: it does not exist.`);
      enums.set(qualifiedName(op.to), op.to);
      return;
  }
}
