/**
 * Named schemas (`pgSchema(name)`) are PostgreSQL-only: MySQL's "schema" is a whole database
 * and SQLite's an attached file, neither of which schemigrate manages.
 */
import { qualifiedName } from '../model/qualified-name.js';
import type { Model } from '../model/types.js';

/**
 * One sentence per table or enumeration declared in a named schema, for dialects without them.
 *
 * @example
 * namedSchemaProblems(model, 'SQLite'); // ["Table audit.events: named schemas (pgSchema) are PostgreSQL-only; SQLite …"]
 */
export function namedSchemaProblems(model: Model, dialect: string): string[] {
  const why = `named schemas (pgSchema) are PostgreSQL-only; declare it with table()/enumeration() in the default schema for ${dialect}.`;
  return [
    ...model.tables.filter((table) => table.schema !== undefined).map((table) => `Table ${qualifiedName(table)}: ${why}`),
    ...model.enums.filter((type) => type.schema !== undefined).map((type) => `Enumeration ${qualifiedName(type)}: ${why}`),
  ];
}
