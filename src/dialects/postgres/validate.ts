/**
 * Validation: what a declared schema asks that PostgreSQL cannot do. Every portable feature
 * exists here; only names longer than PostgreSQL keeps (it would silently truncate them, and
 * the next autogenerate would see a different name) are refused.
 */
import type { Model } from '../../model/types.js';
import { MAX_IDENTIFIER_LENGTH } from './identifiers.js';

/**
 * One sentence per identifier over 63 bytes: tables, columns, constraints, indexes, enums and
 * enum values.
 *
 * @example
 * validate({ tables: [], enums: [{ name: 'x'.repeat(64), values: [] }] });
 * // → ['The enum name "xxx…" is 64 bytes long; PostgreSQL keeps at most 63.']
 */
export function validate(schema: Model): string[] {
  const names: { readonly what: string; readonly name: string }[] = [];
  for (const table of schema.tables) {
    names.push({ what: 'table name', name: table.name });
    for (const column of table.columns) names.push({ what: `column name in table "${table.name}"`, name: column.name });
    if (table.primaryKey?.name !== undefined) {
      names.push({ what: `primary key name of table "${table.name}"`, name: table.primaryKey.name });
    }
    const constraints = [...table.foreignKeys, ...table.uniques, ...table.checks, ...table.indexes];
    for (const constraint of constraints) {
      names.push({ what: `constraint or index name in table "${table.name}"`, name: constraint.name });
    }
  }
  for (const type of schema.enums) {
    names.push({ what: 'enum name', name: type.name });
    for (const value of type.values) names.push({ what: `value of enum "${type.name}"`, name: value });
  }
  return names
    .filter(({ name }) => Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_LENGTH)
    .map(
      ({ what, name }) =>
        `The ${what} "${name}" is ${Buffer.byteLength(name, 'utf8')} bytes long; PostgreSQL keeps at most ${MAX_IDENTIFIER_LENGTH}.`,
    );
}
