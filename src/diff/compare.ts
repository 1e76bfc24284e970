/**
 * The autogenerate entry point: two models in, ordered operations out.
 */
import type { Model } from '../model/types.js';
import type { Operation } from '../operations/types.js';
import { compareEnums } from './enums.js';
import { orderOperations } from './order.js';
import { compareTables } from './tables.js';

export interface CompareOptions {
  /**
   * The schema model after the database server canonicalised it: same names as the schema,
   * expressions and types as the server stores them. When given, equality is decided
   * against it, while operations still carry the schema's own spelling.
   */
  readonly canonical?: Model;
}

/**
 * The operations that take `database` to `schema`, in an order a database can run.
 *
 * @example
 * const upgrade = compareModels(await dialect.introspect(db, options), schemaModel);
 */
export function compareModels(database: Model, schema: Model, options: CompareOptions = {}): Operation[] {
  return orderOperations([
    ...compareEnums(database, schema, options.canonical),
    ...compareTables(database, schema, options.canonical),
  ]);
}
