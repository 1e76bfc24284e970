/**
 * The autogenerate entry point: two models in, ordered operations out.
 */
import type { Model } from '../model/types.js';
import type { Operation } from '../operations/types.js';
import { compareEnums } from './enums.js';
import { orderOperations } from './order.js';
import { compareSchemas } from './schemas.js';
import { compareTables } from './tables.js';

export interface CompareOptions {
  /**
   * The schema model after the database server canonicalised it: same names as the schema,
   * expressions and types as the server stores them. Equality is decided against it (and
   * the schema itself), while operations still carry the schema's own spelling.
   *
   * Several models are several acceptable spellings: PostgreSQL does not always store a
   * re-parsed expression the way it printed it (`= ANY ((ARRAY[…])::text[])` becomes
   * `= ANY (ARRAY[(…)::text, …])`), so a downgrade that re-creates a check from its stored
   * text needs the canonical form of the canonical form to compare equal.
   */
  readonly canonical?: Model | readonly Model[];
}

/**
 * The operations that take `database` to `schema`, in an order a database can run.
 *
 * @example
 * const upgrade = compareModels(await dialect.introspect(db, options), schemaModel);
 */
export function compareModels(database: Model, schema: Model, options: CompareOptions = {}): Operation[] {
  const canonical = options.canonical === undefined ? [] : isModel(options.canonical) ? [options.canonical] : options.canonical;
  return orderOperations([
    ...compareSchemas(database, schema),
    ...compareEnums(database, schema, canonical),
    ...compareTables(database, schema, canonical),
  ]);
}

function isModel(value: Model | readonly Model[]): value is Model {
  return !Array.isArray(value);
}
