/**
 * `STRICT` and `WITHOUT ROWID` (`table(…).strict()`, `.withoutRowid()`) are SQLite storage
 * options with no counterpart elsewhere: declared for another dialect they are refused, as a
 * deferrable foreign key is on dialects without one, rather than ignored.
 */
import { qualifiedName } from '../model/qualified-name.js';
import type { Model } from '../model/types.js';

/**
 * One sentence per table declaring a SQLite-only option, for the other dialects.
 *
 * @example
 * sqliteOnlyOptionProblems(model, 'PostgreSQL'); // ['Table events: .strict() (STRICT) is SQLite-only; remove it for PostgreSQL.']
 */
export function sqliteOnlyOptionProblems(model: Model, dialect: string): string[] {
  return model.tables.flatMap((table) =>
    [
      ...(table.strict ? ['.strict() (STRICT)'] : []),
      ...(table.withoutRowid ? ['.withoutRowid() (WITHOUT ROWID)'] : []),
    ].map((option) => `Table ${qualifiedName(table)}: ${option} is SQLite-only; remove it for ${dialect}.`),
  );
}
