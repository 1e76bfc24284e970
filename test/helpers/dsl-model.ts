/**
 * Models declared with the schema language, as `revision --autogenerate` loads them: named by
 * the default convention for the dialect's identifier limit, strings in `sql` expressions spelt
 * as the dialect spells them, and validated for the dialect.
 */
import { DEFAULT_NAMING_CONVENTION } from '../../src/config/load.js';
import type { Dialect } from '../../src/dialects/dialect.js';
import type { Model } from '../../src/model/types.js';
import { toModel } from '../../src/schema/to-model.js';

/**
 * The model of DSL tables (their enumerations are collected from the columns).
 *
 * @example
 * const model = dslModel(dialect, [users, posts]);
 */
export function dslModel(dialect: Dialect, tables: readonly object[]): Model {
  const model = toModel({ tables, enums: [] }, {
    naming: DEFAULT_NAMING_CONVENTION,
    maxIdentifierLength: dialect.maxIdentifierLength,
    stringLiteral: dialect.stringLiteral,
  });
  const problems = dialect.validate(model);
  if (problems.length > 0) throw new Error(`${dialect.name} cannot express the test schema: ${problems.join(' ')}`);
  return model;
}
