/**
 * Which compiled queries are plain schema statements: built by Kysely's schema builder (whose
 * root nodes never return rows) and carrying no parameters, so that a dialect may send them in
 * bulk (PostgreSQL's statement pipeline, SQLite's `exec`).
 */
import type { CompiledQuery } from 'kysely';

const SCHEMA_STATEMENT_NODES: ReadonlySet<string> = new Set([
  'CreateTableNode',
  'AlterTableNode',
  'DropTableNode',
  'CreateIndexNode',
  'DropIndexNode',
  'CreateSchemaNode',
  'DropSchemaNode',
  'CreateTypeNode',
  'DropTypeNode',
  'CreateViewNode',
  'DropViewNode',
]);

/**
 * @example
 * isSchemaStatement(db.schema.createTable('t').addColumn('id', 'integer').compile()); // true
 */
export function isSchemaStatement(query: CompiledQuery): boolean {
  return SCHEMA_STATEMENT_NODES.has(query.query.kind) && query.parameters.length === 0;
}
