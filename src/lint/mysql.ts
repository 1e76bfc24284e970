/**
 * MySQL's and MariaDB's rules: an `ALTER TABLE` of an existing table that InnoDB can do
 * neither INSTANT nor INPLACE with LOCK=NONE copies the table, or blocks its writes, for as
 * long as it runs. Which changes those are (MariaDB 10.11 tested; MySQL 8 from its manual's
 * "Online DDL Operations", untested here):
 *
 * | change                                         | how InnoDB does it                           |
 * |------------------------------------------------|----------------------------------------------|
 * | add/drop/rename a column, set/drop a default   | INSTANT or INPLACE, LOCK=NONE                |
 * | add a stored generated column                  | COPY                                         |
 * | add an AUTO_INCREMENT column                   | INPLACE, LOCK=SHARED (writes blocked)        |
 * | change a column's type                         | COPY                                         |
 * | widen a varchar within its length-byte size    | INPLACE (≤ 255 bytes stays ≤ 255, utf8mb4)   |
 * | change only nullability, default or comment    | INPLACE or INSTANT                           |
 * | add/drop an index, add a primary key           | INPLACE, LOCK=NONE                           |
 * | add a FULLTEXT or SPATIAL index                | INPLACE, LOCK=SHARED                         |
 * | drop the primary key without adding one        | COPY                                         |
 * | add a foreign key                              | COPY, INPLACE only with foreign_key_checks=0 |
 * | add a CHECK constraint                         | COPY                                         |
 * | convert the character set, change the engine   | COPY / rebuild                               |
 *
 * A statement that says `ALGORITHM=INSTANT`, or `ALGORITHM=INPLACE` with `LOCK=NONE`, is
 * trusted: the server refuses it rather than copy.
 */
import { readColumnDefinition, startsConstraint } from './catalog.js';
import { dropOrRenameHits, dropTableHits, type Hit } from './hits.js';
import type { RevisionScope } from './scope.js';
import {
  findKeyword,
  isKeyword,
  keywordsAt,
  keywordText,
  normalizedText,
  readAlterTable,
  readName,
  skipKeywords,
  type Statement,
  type Token,
} from './statement.js';

/** Bytes per character assumed for a varchar's length prefix: utf8mb4, the worst case. */
const BYTES_PER_CHARACTER = 4;

/**
 * The MySQL/MariaDB rules one statement breaks.
 *
 * @example
 * mysqlRules(readStatement('alter table `t` modify column `a` bigint'), scope); // [{ rule: 'mysql/table-copy', … }]
 */
export function mysqlRules(statement: Statement, scope: RevisionScope): Hit[] {
  const { tokens } = statement;
  if (keywordsAt(tokens, 0, 'DROP', 'TABLE')) return dropTableHits(statement, scope);
  if (keywordsAt(tokens, 0, 'RENAME', 'TABLE')) {
    const from = readName(tokens, 2);
    return from && scope.isExisting(from.key) ? [{ rule: 'rename-table', detail: `renames ${from.key}` }] : [];
  }
  // CREATE [UNIQUE | FULLTEXT | SPATIAL] INDEX
  if (keywordsAt(tokens, 0, 'CREATE') && (isKeyword(tokens[1], 'INDEX') || isKeyword(tokens[2], 'INDEX'))) return createIndex(tokens, scope);
  const alter = readAlterTable(statement);
  if (!alter || !scope.isExisting(alter.table)) return [];
  const options = alter.actions.filter(isOption);
  const changes = alter.actions.filter((action) => !isOption(action));
  const hits = changes.flatMap((action) => dropOrRenameHits(alter.table, action));
  const copies = onlineAsserted(options) ? [] : changes.flatMap((action) => copyReason(alter.table, action, changes, scope));
  if (optionValue(options, 'ALGORITHM') === 'COPY') copies.push('ALGORITHM=COPY');
  const lock = optionValue(options, 'LOCK');
  if (lock === 'SHARED' || lock === 'EXCLUSIVE') copies.push(`LOCK=${lock}`);
  if (copies.length > 0) hits.push({ rule: 'mysql/table-copy', detail: `${alter.table}: ${copies.join('; ')}` });
  return hits;
}

function createIndex(tokens: readonly Token[], scope: RevisionScope): Hit[] {
  const on = findKeyword(tokens, 'ON');
  const table = on === -1 ? undefined : readName(tokens, on + 1)?.key;
  if (table === undefined || !scope.isExisting(table)) return [];
  const kind = tokens[1]?.value.toUpperCase();
  if (kind === 'FULLTEXT' || kind === 'SPATIAL') return [{ rule: 'mysql/table-copy', detail: `a ${kind} index on ${table} blocks writes while it builds` }];
  const options = tokens.slice(on);
  const algorithm = valueAfter(options, 'ALGORITHM');
  const lock = valueAfter(options, 'LOCK');
  return algorithm === 'COPY' || lock === 'SHARED' || lock === 'EXCLUSIVE' ? [{ rule: 'mysql/table-copy', detail: `${table}: ALGORITHM=${algorithm}, LOCK=${lock}` }] : [];
}

/** `ALGORITHM = x` or `LOCK = x` among an ALTER TABLE's comma-separated parts. */
function isOption(action: readonly Token[]): boolean {
  return (isKeyword(action[0], 'ALGORITHM') || isKeyword(action[0], 'LOCK')) && (action[1]?.value === '=' || action.length === 2);
}

function optionValue(options: readonly (readonly Token[])[], name: string): string | undefined {
  const option = options.find((action) => isKeyword(action[0], name));
  return option?.[option.length - 1]?.value.toUpperCase();
}

function valueAfter(tokens: readonly Token[], name: string): string | undefined {
  const at = findKeyword(tokens, name);
  if (at === -1) return undefined;
  return (tokens[at + 1]?.value === '=' ? tokens[at + 2] : tokens[at + 1])?.value.toUpperCase();
}

/** `ALGORITHM=INSTANT`, or `ALGORITHM=INPLACE`/`NOCOPY` with `LOCK=NONE`: the server refuses rather than copy. */
function onlineAsserted(options: readonly (readonly Token[])[]): boolean {
  const algorithm = optionValue(options, 'ALGORITHM');
  return algorithm === 'INSTANT' || ((algorithm === 'INPLACE' || algorithm === 'NOCOPY') && optionValue(options, 'LOCK') === 'NONE');
}

/** Why one action copies the table or blocks its writes, if it does (see the table above). */
function copyReason(table: string, action: readonly Token[], changes: readonly (readonly Token[])[], scope: RevisionScope): string[] {
  const verb = action[0]?.value.toUpperCase();
  if (verb === 'ADD') {
    if (startsConstraint(action[1])) {
      const kindAt = isKeyword(action[1], 'CONSTRAINT') ? (readName(action, 2)?.next ?? 2) : 1;
      const kind = action[kindAt]?.value.toUpperCase();
      if (kind === 'FOREIGN' && !scope.foreignKeyChecksOff) return ['adding a foreign key copies the table unless foreign_key_checks=0'];
      if (kind === 'CHECK') return ['adding a CHECK constraint copies the table'];
      if (kind === 'FULLTEXT' || kind === 'SPATIAL') return [`a ${kind} index blocks writes while it builds`];
      return [];
    }
    const column = readColumnDefinition(action.slice(skipKeywords(action, 1, ['COLUMN'], ['IF', 'NOT', 'EXISTS'])));
    const rest = keywordText(column?.rest ?? []);
    if (/\bstored\b|\bpersistent\b/.test(rest)) return [`adding the stored generated column ${column!.name} copies the table`];
    if (/\bauto_increment\b/.test(rest)) return [`adding the AUTO_INCREMENT column ${column!.name} blocks writes`];
    return [];
  }
  if (verb === 'DROP' && keywordsAt(action, 1, 'PRIMARY', 'KEY')) {
    const addsOne = changes.some((other) => keywordsAt(other, 0, 'ADD', 'PRIMARY') || (keywordsAt(other, 0, 'ADD', 'CONSTRAINT') && findKeyword(other, 'PRIMARY') !== -1));
    return addsOne ? [] : ['dropping the primary key without adding one copies the table'];
  }
  if (verb === 'MODIFY' || verb === 'CHANGE') {
    const at = skipKeywords(action, 1, ['COLUMN']);
    const old = readName(action, at);
    const definition = verb === 'MODIFY' ? readColumnDefinition(action.slice(at)) : old && readColumnDefinition(action.slice(old.next));
    if (!old || !definition) return [];
    const from = scope.catalog.columnType(table, old.key);
    if (from !== undefined && !typeChangeCopies(from, definition.type)) return [];
    return [`changing ${table}.${old.key} from ${from ?? 'a type no earlier revision shows'} to ${definition.type} copies the table`];
  }
  if (verb === 'CONVERT' || verb === 'ENGINE' || verb === 'FORCE' || (verb === 'DEFAULT' && isKeyword(action[1], 'CHARACTER')) || verb === 'CHARACTER' || verb === 'CHARSET') {
    return [`${normalizedText(action.slice(0, 3))} rebuilds the table`];
  }
  return [];
}

/**
 * Whether changing a column's type from `from` to `to` copies the table: any change but the
 * same type, or a varchar widened without its length prefix growing from one byte to two.
 *
 * @example
 * typeChangeCopies('varchar(20)', 'varchar(40)'); // false
 * typeChangeCopies('int', 'bigint'); // true
 */
export function typeChangeCopies(from: string, to: string): boolean {
  if (from === to) return false;
  const [a, b] = [/^varchar\((\d+)\)$/.exec(from), /^varchar\((\d+)\)$/.exec(to)];
  if (!a || !b) return true;
  const [n, m] = [Number(a[1]) * BYTES_PER_CHARACTER, Number(b[1]) * BYTES_PER_CHARACTER];
  return m < n || (n <= 255) !== (m <= 255);
}
