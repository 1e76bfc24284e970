/**
 * PostgreSQL's rules: what blocks writes to an existing table for longer than an instant, what
 * PostgreSQL refuses (CONCURRENTLY in a transaction), and strong locks taken without a
 * `lock_timeout`. Tables created by the same revision are empty and unused: only drops,
 * renames and transactions are checked on them.
 */
import { readColumnDefinition, startsConstraint } from './catalog.js';
import { dropOrRenameHits, dropTableHits, type Hit } from './hits.js';
import type { RevisionScope } from './scope.js';
import {
  findKeyword,
  hasKeyword,
  isKeyword,
  keywordsAt,
  keywordText,
  readAlterTable,
  readName,
  skipKeywords,
  type Statement,
  type Token,
} from './statement.js';

/** Functions whose value changes per row: as a default of an added column they rewrite the table. */
const VOLATILE_FUNCTIONS = new Set(['random', 'gen_random_uuid', 'uuid_generate_v1', 'uuid_generate_v4', 'clock_timestamp', 'timeofday', 'nextval', 'txid_current', 'statement_timestamp']);

/** Rules whose finding already says the statement locks the table too long: the timeout warning would repeat it. */
const LOCK_RULES = new Set(['pg/index-not-concurrent', 'pg/constraint-without-not-valid', 'pg/set-not-null-without-check', 'pg/unique-without-index', 'pg/type-change-rewrites', 'pg/add-column-rewrites', 'pg/enum-recreated']);

/**
 * The PostgreSQL rules one statement breaks.
 *
 * @example
 * postgresRules(readStatement('create index "ix" on "users" ("email")'), scope); // [{ rule: 'pg/index-not-concurrent', … }]
 */
export function postgresRules(statement: Statement, scope: RevisionScope): Hit[] {
  const { hits, strongLock } = classify(statement, scope);
  if (strongLock && !scope.hasLockTimeout && !hits.some((hit) => LOCK_RULES.has(hit.rule))) {
    hits.push({ rule: 'pg/missing-lock-timeout', detail: `locks ${strongLock} with no lock_timeout set` });
  }
  return hits;
}

/** The hits of one statement, and the existing table it locks strongly, if any. */
function classify(statement: Statement, scope: RevisionScope): { hits: Hit[]; strongLock?: string } {
  const { tokens } = statement;
  if (keywordsAt(tokens, 0, 'CREATE', 'INDEX') || keywordsAt(tokens, 0, 'CREATE', 'UNIQUE', 'INDEX')) return createIndex(tokens, scope);
  if (keywordsAt(tokens, 0, 'DROP', 'INDEX')) return dropIndex(tokens, scope);
  if (keywordsAt(tokens, 0, 'DROP', 'TABLE')) {
    const hits = dropTableHits(statement, scope);
    return { hits, strongLock: hits.length > 0 ? 'the dropped table' : undefined };
  }
  if (keywordsAt(tokens, 0, 'ALTER', 'TYPE')) return alterType(tokens, scope);
  if (keywordsAt(tokens, 0, 'CREATE', 'TYPE')) {
    const name = readName(tokens, 2);
    return { hits: name && scope.renamedTypes.has(name.key) ? [{ rule: 'pg/enum-recreated', detail: `re-creates the type ${name.key}` }] : [] };
  }
  if (keywordsAt(tokens, 0, 'CREATE', 'TRIGGER') || keywordsAt(tokens, 0, 'CREATE', 'OR', 'REPLACE', 'TRIGGER')) {
    const on = findKeyword(tokens, 'ON');
    const table = on === -1 ? undefined : readName(tokens, on + 1)?.key;
    return { hits: [], strongLock: table !== undefined && scope.isExisting(table) ? table : undefined };
  }
  const alter = readAlterTable(statement);
  if (!alter || !scope.isExisting(alter.table)) return { hits: [] };
  const hits = alter.actions.flatMap((action) => [...alterAction(alter.table, action, scope), ...dropOrRenameHits(alter.table, action)]);
  // VALIDATE CONSTRAINT takes a lock that lets reads and writes through.
  const strong = alter.actions.some((action) => !keywordsAt(action, 0, 'VALIDATE', 'CONSTRAINT'));
  return { hits, strongLock: strong ? alter.table : undefined };
}

function createIndex(tokens: readonly Token[], scope: RevisionScope): { hits: Hit[]; strongLock?: string } {
  const concurrently = hasKeyword(tokens.slice(0, 4), 'CONCURRENTLY');
  const on = findKeyword(tokens, 'ON');
  const named = readName(tokens, skipKeywords(tokens, 1, ['UNIQUE'], ['INDEX'], ['CONCURRENTLY'], ['IF', 'NOT', 'EXISTS']));
  if (named && named.next <= on) scope.createdIndexes.add(named.key);
  const table = on === -1 ? undefined : readName(tokens, skipKeywords(tokens, on + 1, ['ONLY']))?.key;
  if (concurrently) return { hits: scope.inTransaction ? [{ rule: 'pg/concurrently-in-transaction' }] : [] };
  if (table === undefined || !scope.isExisting(table)) return { hits: [] };
  return { hits: [{ rule: 'pg/index-not-concurrent', detail: `builds an index on ${table} without CONCURRENTLY` }], strongLock: table };
}

function dropIndex(tokens: readonly Token[], scope: RevisionScope): { hits: Hit[]; strongLock?: string } {
  const concurrently = isKeyword(tokens[2], 'CONCURRENTLY');
  const name = readName(tokens, skipKeywords(tokens, 2, ['CONCURRENTLY'], ['IF', 'EXISTS']));
  if (concurrently) return { hits: scope.inTransaction ? [{ rule: 'pg/concurrently-in-transaction' }] : [] };
  if (name === undefined || scope.createdIndexes.has(name.key)) return { hits: [] };
  return { hits: [{ rule: 'pg/index-not-concurrent', detail: `drops the index ${name.key} without CONCURRENTLY` }], strongLock: `the table of ${name.key}` };
}

/** `ALTER TYPE a RENAME TO b` is the first step of an enum swap; `CREATE TYPE a` completes it. */
function alterType(tokens: readonly Token[], scope: RevisionScope): { hits: Hit[] } {
  const name = readName(tokens, 2);
  if (name && keywordsAt(tokens, name.next, 'RENAME', 'TO')) {
    scope.renamedTypes.add(name.key);
  }
  return { hits: [] };
}

function alterAction(table: string, action: readonly Token[], scope: RevisionScope): Hit[] {
  const verb = action[0]?.value.toUpperCase();
  if (verb === 'ADD' && startsConstraint(action[1])) return addConstraint(table, action, scope);
  if (verb === 'ADD') return addColumn(table, action);
  if (keywordsAt(action, 0, 'VALIDATE', 'CONSTRAINT')) {
    const name = readName(action, 2);
    const column = name && scope.notNullChecks.get(name.key);
    if (column !== undefined) scope.provenNotNull.add(column);
    return [];
  }
  if (verb === 'ALTER') return alterColumn(table, action, scope);
  return [];
}

function addConstraint(table: string, action: readonly Token[], scope: RevisionScope): Hit[] {
  const named = isKeyword(action[1], 'CONSTRAINT') ? readName(action, 2) : undefined;
  const kindAt = named ? named.next : 1;
  const notValid = action.some((token, i) => isKeyword(token, 'VALID') && isKeyword(action[i - 1], 'NOT'));
  if (isKeyword(action[kindAt], 'FOREIGN') || isKeyword(action[kindAt], 'CHECK')) {
    if (isKeyword(action[kindAt], 'CHECK') && named && notValid) {
      const column = notNullColumn(action.slice(kindAt + 1));
      if (column !== undefined) scope.notNullChecks.set(named.key, `${table}.${column}`);
    }
    return notValid ? [] : [{ rule: 'pg/constraint-without-not-valid', detail: `validates ${named?.key ?? 'a constraint'} on ${table} while holding its lock` }];
  }
  if ((isKeyword(action[kindAt], 'UNIQUE') || isKeyword(action[kindAt], 'PRIMARY')) && !hasKeyword(action, 'USING')) {
    return [{ rule: 'pg/unique-without-index', detail: `builds the index of ${named?.key ?? 'a constraint'} on ${table} while blocking writes` }];
  }
  return [];
}

/** The column of `CHECK (col IS NOT NULL)`, if that is the whole check. */
function notNullColumn(tokens: readonly Token[]): string | undefined {
  const inner = tokens.filter((token) => token.value !== '(' && token.value !== ')');
  const name = readName(inner, 0);
  return name && keywordsAt(inner, name.next, 'IS', 'NOT', 'NULL') && !isKeyword(inner[name.next + 3], 'AND') && !isKeyword(inner[name.next + 3], 'OR') ? name.key : undefined;
}

function addColumn(table: string, action: readonly Token[]): Hit[] {
  const column = readColumnDefinition(action.slice(skipKeywords(action, 1, ['COLUMN'], ['IF', 'NOT', 'EXISTS'])));
  if (!column) return [];
  const words = keywordText(column.rest);
  const callsVolatile = column.rest.some((token, i) => token.kind === 'word' && VOLATILE_FUNCTIONS.has(token.value.toLowerCase()) && column.rest[i + 1]?.value === '(');
  const why =
    /^(small|big)?serial$|^serial[248]$/.test(column.type) ? 'a serial column' :
    /\bgenerated\b.*\bidentity\b/.test(words) ? 'an identity column' :
    /\bgenerated always as\b.*\bstored\b/.test(words) ? 'a stored generated column' :
    /\bdefault\b/.test(words) && callsVolatile ? 'a volatile default' :
    undefined;
  return why === undefined ? [] : [{ rule: 'pg/add-column-rewrites', detail: `adds ${table}.${column.name} with ${why}` }];
}

function alterColumn(table: string, action: readonly Token[], scope: RevisionScope): Hit[] {
  const name = readName(action, skipKeywords(action, 1, ['COLUMN']));
  if (!name) return [];
  const key = `${table}.${name.key}`;
  if (keywordsAt(action, name.next, 'SET', 'NOT', 'NULL')) {
    return scope.provenNotNull.has(key) ? [] : [{ rule: 'pg/set-not-null-without-check', detail: `scans ${table} to prove ${name.key} has no nulls` }];
  }
  const typeAt = skipKeywords(action, name.next, ['SET', 'DATA']);
  if (!isKeyword(action[typeAt], 'TYPE')) return [];
  const to = readColumnDefinition([action[name.next - 1]!, ...action.slice(typeAt + 1)]);
  const from = scope.catalog.columnType(table, name.key);
  // Converting a column to a re-created enum is the swap pg/enum-recreated reports.
  if (to && scope.renamedTypes.has(to.type)) return [];
  const using = hasKeyword(action, 'USING');
  if (to && from !== undefined && !using && !retypeRewrites(from, to.type)) return [];
  return [{ rule: 'pg/type-change-rewrites', detail: `changes ${key} from ${from ?? 'a type no earlier revision shows'} to ${to?.type ?? 'another type'}` }];
}

/** A type and its numeric modifiers: `varchar(20)` → ['varchar', [20]]. */
function typeParts(type: string): { readonly base: string; readonly modifiers: readonly number[] } {
  const match = /^([a-z ]+?)(?:\((\d+(?:,\d+)*)\))?$/.exec(type);
  return match ? { base: match[1]!, modifiers: match[2]?.split(',').map(Number) ?? [] } : { base: type, modifiers: [] };
}

/**
 * Whether changing a column from type `from` to `to` rewrites the table. The changes that
 * need no rewrite (binary-coercible, or only a looser limit): varchar(n) → varchar(m ≥ n) or
 * unlimited, varchar → text and back, numeric(p, s) → numeric(q ≥ p, s) or unconstrained,
 * varbit(n) → varbit(m ≥ n), cidr → inet.
 *
 * @example
 * retypeRewrites('varchar(20)', 'varchar(40)'); // false
 * retypeRewrites('integer', 'bigint'); // true
 */
export function retypeRewrites(from: string, to: string): boolean {
  if (from === to) return false;
  const [a, b] = [typeParts(from), typeParts(to)];
  const textual = (base: string) => base === 'varchar' || base === 'text';
  if (textual(a.base) && textual(b.base)) {
    return b.base === 'varchar' && b.modifiers.length > 0 && (a.base === 'text' || a.modifiers.length === 0 || b.modifiers[0]! < a.modifiers[0]!);
  }
  if (a.base === 'numeric' && b.base === 'numeric') {
    if (b.modifiers.length === 0) return false;
    return a.modifiers.length === 0 || b.modifiers[0]! < a.modifiers[0]! || (b.modifiers[1] ?? 0) !== (a.modifiers[1] ?? 0);
  }
  if (a.base === 'bit varying' && b.base === 'bit varying') return b.modifiers.length > 0 && (a.modifiers.length === 0 || b.modifiers[0]! < a.modifiers[0]!);
  return !(a.base === 'cidr' && b.base === 'inet');
}
