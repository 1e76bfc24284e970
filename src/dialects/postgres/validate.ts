/**
 * Validation: what a declared schema asks that PostgreSQL cannot do. Every portable feature
 * exists here; names longer than PostgreSQL keeps (it would silently truncate them, and the
 * next autogenerate would see a different name) and SQLite-only table options are refused.
 */
import type { Model } from '../../model/types.js';
import { sqliteOnlyOptionProblems } from '../sqlite-only-options.js';
import { MAX_IDENTIFIER_LENGTH } from './identifiers.js';

interface Identifier {
  /** How to point at the name in a message, e.g. `Column "email" of table "users"`. */
  readonly label: string;
  readonly name: string;
}

/**
 * One sentence per identifier over 63 bytes (tables, columns, constraints, indexes, enums and
 * enum values) and per SQLite-only table option (`.strict()`, `.withoutRowid()`).
 *
 * @example
 * validate({ tables: [], enums: [{ name: 'x'.repeat(64), values: [] }] });
 * // → ['Enum "xxx…" is 64 bytes long; PostgreSQL keeps at most 63 and would truncate it.']
 */
export function validate(schema: Model): string[] {
  const identifiers: Identifier[] = [];
  const add = (kind: string, name: string, owner = '') => identifiers.push({ label: `${kind} "${name}"${owner}`, name });
  for (const table of schema.tables) {
    const ofTable = ` of table "${table.name}"`;
    add('Table', table.name);
    for (const column of table.columns) add('Column', column.name, ofTable);
    if (table.primaryKey?.name !== undefined) add('Primary key', table.primaryKey.name, ofTable);
    for (const foreignKey of table.foreignKeys) add('Foreign key', foreignKey.name, ofTable);
    for (const unique of table.uniques) add('Unique constraint', unique.name, ofTable);
    for (const check of table.checks) add('Check constraint', check.name, ofTable);
    for (const index of table.indexes) add('Index', index.name, ofTable);
  }
  for (const name of schema.schemas ?? []) add('Schema', name);
  for (const type of schema.enums) {
    add('Enum', type.name);
    for (const value of type.values) add('Value', value, ` of enum "${type.name}"`);
  }
  const tooLong = identifiers.flatMap(({ label, name }) => {
    const bytes = Buffer.byteLength(name, 'utf8');
    return bytes > MAX_IDENTIFIER_LENGTH
      ? [`${label} is ${bytes} bytes long; PostgreSQL keeps at most ${MAX_IDENTIFIER_LENGTH} and would truncate it.`]
      : [];
  });
  return [...tooLong, ...sqliteOnlyOptionProblems(schema, 'PostgreSQL')];
}
