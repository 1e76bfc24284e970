/**
 * Named schemas (PostgreSQL namespaces): created when the declared model puts a table or enum
 * in a schema the database lacks. Never dropped by the diff: introspection only looks at the
 * declared schemas, so a schema absent from the declaration was never seen. The downgrade
 * drops a schema its upgrade created (the inverse of `createSchema`).
 */
import { namedSchemas } from '../model/qualified-name.js';
import type { Model } from '../model/types.js';
import type { Operation } from '../operations/types.js';

/**
 * A `createSchema` for every named schema of `schema` not among `database.schemas`.
 *
 * @example
 * compareSchemas({ tables: [], enums: [] }, auditModel); // [{ kind: 'createSchema', schema: 'audit' }]
 */
export function compareSchemas(database: Model, schema: Model): Operation[] {
  const existing = new Set(database.schemas);
  return namedSchemas(schema)
    .filter((name) => !existing.has(name))
    .map((name): Operation => ({ kind: 'createSchema', schema: name }));
}
