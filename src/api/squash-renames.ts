/**
 * The renames a squashed range performs. A squash revision is the difference between two
 * schemas, where a renamed column looks like a dropped one and a new one: run on a database at
 * `<from>` with rows, that would lose them. The range's own statements (recorded offline) say
 * which tables and columns it renamed; chained renames (a → b, then b → c) compose into one.
 */
import type { Rename } from '../diff/renames.js';
import { qualifiedName } from '../model/qualified-name.js';
import type { Model } from '../model/types.js';

/** A quoted ("…" or `…`) or bare identifier. */
const NAME = String.raw`(?:"(?:[^"]|"")+"|` + '`(?:[^`]|``)+`' + String.raw`|[\w$]+)`;
const QUALIFIED = String.raw`(${NAME}(?:\s*\.\s*${NAME})?)`;
const RENAME_TABLE = new RegExp(String.raw`^(?:alter\s+table\s+(?:if\s+exists\s+)?${QUALIFIED}\s+rename\s+to|rename\s+table\s+${QUALIFIED}\s+to)\s+${QUALIFIED}\s*;?$`, 'i');
const RENAME_COLUMN = new RegExp(String.raw`^alter\s+table\s+(?:if\s+exists\s+)?${QUALIFIED}\s+rename\s+column\s+(${NAME})\s+to\s+(${NAME})\s*;?$`, 'i');

/**
 * The renames that `statements` (in the order they run) perform, from the first name to the
 * last: table renames by qualified name, column renames on the table's last name.
 *
 * @example
 * renamesIn(['alter table "users" rename column "mail" to "email"', 'alter table "users" rename to "people"']);
 * // [{ kind: 'table', from: 'users', to: 'people' }, { kind: 'column', table: 'people', from: 'mail', to: 'email' }]
 */
export function renamesIn(statements: readonly string[]): Rename[] {
  const tables: { from: string; to: string }[] = [];
  const columns: { table: string; from: string; to: string }[] = [];
  for (const statement of statements) {
    const table = RENAME_TABLE.exec(statement.trim());
    if (table) {
      const [from, to] = [unquoted(table[1] ?? table[2]!), unquoted(table[3]!)];
      const chain = tables.find((rename) => rename.to === from);
      if (chain) chain.to = to;
      else tables.push({ from, to });
      for (const column of columns) if (column.table === from) column.table = to;
      continue;
    }
    const column = RENAME_COLUMN.exec(statement.trim());
    if (column) {
      const [on, from, to] = [unquoted(column[1]!), unquoted(column[2]!), unquoted(column[3]!)];
      const chain = columns.find((rename) => rename.table === on && rename.to === from);
      if (chain) chain.to = to;
      else columns.push({ table: on, from, to });
    }
  }
  return [
    ...tables.filter(({ from, to }) => from !== to).map(({ from, to }): Rename => ({ kind: 'table', from, to })),
    ...columns.filter(({ from, to }) => from !== to).map(({ table, from, to }): Rename => ({ kind: 'column', table, from, to })),
  ];
}

/**
 * The renames that hold between `before` and `after`: the old name only before, the new one
 * only after (a rename later undone by hand, or followed by a drop, is left to the diff).
 *
 * @example
 * renamesBetween(before, after, renamesIn(statements));
 */
export function renamesBetween(before: Model, after: Model, renames: readonly Rename[]): Rename[] {
  const tableIn = (model: Model, name: string) => model.tables.find((table) => qualifiedName(table) === name);
  const hasColumn = (model: Model, table: string, column: string, tableBefore = table) =>
    (tableIn(model, tableBefore)?.columns ?? []).some((candidate) => candidate.name === column);
  const tables = renames.filter(
    (rename) => rename.kind === 'table' && tableIn(before, rename.from) && !tableIn(after, rename.from) && tableIn(after, rename.to) && !tableIn(before, rename.to),
  );
  const oldTableName = (name: string) => tables.find((rename) => rename.to === name)?.from ?? name;
  const columns = renames.filter(
    (rename) =>
      rename.kind === 'column' &&
      hasColumn(before, rename.table, rename.from, oldTableName(rename.table)) &&
      !hasColumn(before, rename.table, rename.to, oldTableName(rename.table)) &&
      hasColumn(after, rename.table, rename.to) &&
      !hasColumn(after, rename.table, rename.from),
  );
  return [...tables, ...columns];
}

/** `"a"."b"` → `a.b`; doubled quotes inside a name become one. */
function unquoted(name: string): string {
  return name
    .split(/\s*\.\s*(?=["`\w$])/)
    .map((part) => (/^["`]/.test(part) ? part.slice(1, -1).replace(/""|``/g, (pair) => pair[0]!) : part))
    .join('.');
}
