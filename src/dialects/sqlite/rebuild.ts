/**
 * SQLite's table rebuild: create the new definition under a temporary name, copy the rows
 * of the columns both versions share, drop the old table, rename, and re-create indexes. What
 * the drop takes with it is carried over: the AUTOINCREMENT counter, and the triggers, which
 * the revision reads when it runs (they may be newer than the revision) and re-creates.
 */
import { standardQuotedIdentifier } from '../../model/quoted-identifier.js';
import { standardStringLiteral } from '../../model/string-literal.js';
import type { Table } from '../../model/types.js';
import { chain, jsString, rawStatement, sqlTemplate } from '../../render/code.js';
import { createIndexStatement } from '../../render/indexes.js';

/** The scratch table whose rename checks views and triggers after a rebuild. */
const CHECK_TABLE = '_schemigrate_check';

/** The temporary name a rebuilt table is created under: `_schemigrate_new_users`. */
function rebuildTableName(table: string): string {
  return `_schemigrate_new_${table}`;
}

/**
 * The statements of one rebuild, preceded by a comment that says why it is needed, in a block
 * of their own (its `triggers` constant is local to it). `createTable` writes the new definition
 * under a given name (the renderer's `createTableChain`).
 *
 * @example
 * rebuildTableStatements(before, after, ['alter a column type'], (table, name) => renderer.createTableChain(table, name));
 */
export function rebuildTableStatements(
  from: Table,
  to: Table,
  reasons: readonly string[],
  createTable: (table: Table, name: string) => string,
): string[] {
  const temporary = rebuildTableName(to.name);
  const kept = new Set(from.columns.map((column) => column.name));
  // Generated columns compute their own values and cannot be inserted into.
  const copied = to.columns.filter((column) => kept.has(column.name) && column.generated === undefined);
  const names = copied.map((column) => standardQuotedIdentifier(column.name)).join(', ');
  const [name, why] = [oneLine(to.name), oneLine(reasons.join(', '))];
  const statements = [readTriggers(from.name), createTable(to, temporary)];
  if (copied.length > 0) {
    statements.push(
      rawStatement([`INSERT INTO ${standardQuotedIdentifier(temporary)} (${names}) SELECT ${names} FROM ${standardQuotedIdentifier(from.name)}`]),
    );
  }
  if (hasAutoIncrement(from) && hasAutoIncrement(to)) statements.push(keepSequence(from.name, temporary));
  statements.push(chain([`dropTable(${jsString(from.name)})`]));
  statements.push(renameOverMissingReferences(temporary, to.name));
  for (const index of to.indexes) statements.push(createIndexStatement(to.name, index));
  statements.push('for (const trigger of triggers) await sql.raw(trigger.sql).execute(db);');
  statements.push(checkViewsAndTriggers());
  const block = statements.join('\n').split('\n').map((line) => `  ${line}`);
  return [`// Rebuild "${name}": SQLite cannot ${why}.`, '{', ...block, '}'];
}

/** Text for a `//` comment: a line break (or U+2028) in a name would end the comment. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** The old table's triggers, read before the drop takes them (`trigger.sql` is each one's CREATE TRIGGER). */
function readTriggers(table: string): string {
  return [
    `// Dropping "${oneLine(table)}" drops its triggers: read them first, re-create them at the end.`,
    'const triggers = await db',
    "  .selectFrom('sqlite_master')",
    "  .select('sql')",
    "  .where('type', '=', 'trigger')",
    // A trigger keeps the table name as its ON clause spelt it; SQLite names ignore case.
    `  .where('tbl_name', '=', ${sqlTemplate([`${standardStringLiteral(table)} COLLATE NOCASE`])})`,
    "  .orderBy('rowid')",
    '  .execute();',
  ].join('\n');
}

function hasAutoIncrement(table: Table): boolean {
  return table.columns.some((column) => column.autoIncrement);
}

/**
 * The old table's row in `sqlite_sequence` (its highest id ever handed out) moved to the new
 * table, replacing the one the copy made (the highest id copied): the drop would delete it.
 */
function keepSequence(table: string, temporary: string): string {
  return [
    '// Keep the AUTOINCREMENT counter, so that the ids of deleted rows are not handed out again.',
    rawStatement([`DELETE FROM sqlite_sequence WHERE name = ${standardStringLiteral(temporary)}`]),
    rawStatement([`UPDATE sqlite_sequence SET name = ${standardStringLiteral(temporary)} WHERE name = ${standardStringLiteral(table)}`]),
  ].join('\n');
}

/**
 * The rename, in legacy mode: since SQLite 3.26 a rename checks every view and trigger, and
 * those naming the dropped table (views, other tables' triggers) would stop it. They name the
 * table again once it is renamed; `checkViewsAndTriggers` then checks them.
 */
function renameOverMissingReferences(temporary: string, table: string): string {
  return [
    `// Views and other tables' triggers that name "${oneLine(table)}" would stop the rename while it is missing.`,
    rawStatement(['PRAGMA legacy_alter_table = ON']),
    chain([`alterTable(${jsString(temporary)})`, `renameTo(${jsString(table)})`]),
    rawStatement(['PRAGMA legacy_alter_table = OFF']),
  ].join('\n');
}

/**
 * Renaming a table makes SQLite check every view and trigger in the schema, without changing
 * any that does not name the renamed table: a scratch table's rename is a check that leaves
 * their text alone. One that no longer fits the rebuilt table (it names a dropped column)
 * fails the revision, named by SQLite ("error in trigger audit_email: no such column: …").
 */
function checkViewsAndTriggers(): string {
  return [
    '// Renaming a table makes SQLite check that every view and trigger still fits the tables they use.',
    rawStatement([`CREATE TABLE ${standardQuotedIdentifier(CHECK_TABLE)} (x)`]),
    rawStatement([`ALTER TABLE ${standardQuotedIdentifier(CHECK_TABLE)} RENAME TO ${standardQuotedIdentifier(`${CHECK_TABLE}ed`)}`]),
    rawStatement([`DROP TABLE ${standardQuotedIdentifier(`${CHECK_TABLE}ed`)}`]),
  ].join('\n');
}
