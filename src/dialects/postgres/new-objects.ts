/**
 * Whether a revision only creates new objects, and what it created: the condition for running
 * a revision too large for one transaction in several (chunked-revision.ts), and what to drop
 * to undo the transactions that committed when a later one fails. A statement qualifies when
 * it creates a table, view, sequence, type, schema or index without `IF NOT EXISTS` (so the
 * object cannot have been there before), or alters, comments on or inserts into an object
 * created earlier in the same revision. `CREATE SCHEMA IF NOT EXISTS` (how generated revisions
 * make a named schema) qualifies too, and is never dropped. Anything else may change what was
 * there before and could not be undone by dropping: the revision is then refused rather than
 * split.
 */
import { isKeyword, keywordsAt, readAlterTable, readName, readStatement, skipKeywords, type Token } from '../../lint/statement.js';

type ObjectKind = 'table' | 'view' | 'materialized view' | 'sequence' | 'type' | 'schema' | 'index';

/** Drop order within one transaction's undo: dependants first. */
const DROP_ORDER: readonly ObjectKind[] = ['view', 'materialized view', 'table', 'sequence', 'type', 'schema'];

/** Enough of a statement to hold its keywords and the (possibly qualified, quoted) names it starts with. */
const HEAD_LENGTH = 512;

interface Created {
  readonly kind: ObjectKind;
  readonly key: string;
  /** The transaction (0-based) that created it. */
  readonly chunk: number;
}

/**
 * The objects a revision creates, by transaction, read statement by statement.
 *
 * @example
 * const objects = new NewObjects(['schemigrate_version']);
 * objects.admit('create table "t" ("id" integer)', 0); // undefined: it qualifies
 * objects.admit('alter table "users" add "x" integer', 0); // 'it changes "users", which it did not create'
 * objects.undo(0); // ['drop table if exists "t"']
 */
export class NewObjects {
  readonly #bookkeeping: ReadonlySet<string>;
  readonly #created = new Map<string, Created>();
  /** Per transaction, statements that must run before its objects can be dropped. */
  readonly #detach = new Map<number, string[]>();

  /** `bookkeeping`: tables the runtime writes in the revision's transaction (version, checksums). */
  constructor(bookkeeping: readonly string[]) {
    this.#bookkeeping = new Set(bookkeeping.map(canonicalKey));
  }

  /**
   * Take `statement`, run in transaction `chunk`, into account; returns why it does not only
   * create new objects, or undefined when it does.
   */
  admit(statement: string, chunk: number): string | undefined {
    // Only an ALTER's actions matter past its first names: tokenizing a long CREATE whole would cost more than its run.
    const { tokens } = readStatement(/^\s*alter\b/i.test(statement) ? statement : statement.slice(0, HEAD_LENGTH));
    if (isKeyword(tokens[0], 'CREATE')) return this.#create(tokens, chunk);
    if (isKeyword(tokens[0], 'ALTER')) return this.#alter(statement, tokens, chunk);
    if (keywordsAt(tokens, 0, 'COMMENT', 'ON')) return this.#comment(tokens);
    if (keywordsAt(tokens, 0, 'INSERT', 'INTO')) {
      const name = readName(tokens, 2);
      return name && (this.#isNew(name.key) || this.#bookkeeping.has(canonicalKey(name.key))) ? undefined : 'it inserts into a table it did not create';
    }
    if (keywordsAt(tokens, 0, 'UPDATE') || keywordsAt(tokens, 0, 'DELETE', 'FROM')) {
      const name = readName(tokens, isKeyword(tokens[0], 'UPDATE') ? 1 : 2);
      return name && this.#bookkeeping.has(canonicalKey(name.key)) ? undefined : 'it updates or deletes rows';
    }
    return `it runs \`${statement.trim().split(/\s+/).slice(0, 2).join(' ')} …\``;
  }

  /** The statements that drop what transaction `chunk` created, in an order that respects their dependencies. */
  undo(chunk: number): string[] {
    const mine = [...this.#created.values()].filter((object) => object.chunk === chunk);
    const drops = DROP_ORDER.flatMap((kind) => {
      const names = mine.filter((object) => object.kind === kind).map((object) => quoteKey(object.key));
      return names.length === 0 ? [] : [`drop ${kind} if exists ${names.join(', ')}`];
    });
    return [...(this.#detach.get(chunk) ?? []), ...drops];
  }

  /** What the given transactions created (indexes go with their tables), for a message: `table "t"`. */
  createdIn(chunks: readonly number[]): string[] {
    return [...this.#created.values()]
      .filter((object) => chunks.includes(object.chunk) && object.kind !== 'index')
      .map((object) => `${object.kind} ${quoteKey(object.key)}`);
  }

  #create(tokens: readonly Token[], chunk: number): string | undefined {
    if (keywordsAt(tokens, 1, 'OR', 'REPLACE')) return 'it replaces an object that may exist';
    let at = skipKeywords(tokens, 1, ['UNLOGGED']);
    const kind = (['TABLE', 'VIEW', 'SEQUENCE', 'TYPE', 'SCHEMA'] as const).find((word) => isKeyword(tokens[at], word));
    const materialized = keywordsAt(tokens, at, 'MATERIALIZED', 'VIEW');
    const index = isKeyword(tokens[at], 'INDEX') || keywordsAt(tokens, at, 'UNIQUE', 'INDEX');
    if (!kind && !materialized && !index) return 'it creates something other than a table, view, sequence, type, schema or index';
    at += materialized || keywordsAt(tokens, at, 'UNIQUE', 'INDEX') ? 2 : 1;
    if (keywordsAt(tokens, at, 'IF', 'NOT', 'EXISTS')) {
      // How generated revisions make a named schema: not theirs to drop (it may have been there), and harmless to leave.
      if (kind === 'SCHEMA') return undefined;
      return 'it creates an object only if it does not exist yet (`if not exists`), so it may be one that was there before';
    }
    if (index) return this.#createIndex(tokens, at, chunk);
    const name = readName(tokens, at);
    if (!name) return 'it creates an object whose name could not be read';
    this.#add({ kind: materialized ? 'materialized view' : (kind!.toLowerCase() as ObjectKind), key: name.key, chunk });
    return undefined;
  }

  #createIndex(tokens: readonly Token[], at: number, chunk: number): string | undefined {
    let next = skipKeywords(tokens, at, ['CONCURRENTLY']);
    const name = isKeyword(tokens[next], 'ON') ? undefined : readName(tokens, next);
    if (name) next = name.next;
    if (!isKeyword(tokens[next], 'ON')) return 'it creates an index whose table could not be read';
    const table = readName(tokens, skipKeywords(tokens, next + 1, ['ONLY']));
    if (!table || !this.#isNew(table.key)) return `it indexes ${table ? quoteKey(table.key) : 'a table'}, which it did not create`;
    if (name) this.#add({ kind: 'index', key: name.key, chunk });
    return undefined;
  }

  #alter(statement: string, tokens: readonly Token[], chunk: number): string | undefined {
    const alterTable = readAlterTable({ sql: statement, tokens });
    if (!alterTable) {
      const kind = (['SEQUENCE', 'TYPE', 'INDEX', 'VIEW'] as const).find((word) => isKeyword(tokens[1], word));
      const name = kind && readName(tokens, skipKeywords(tokens, 2, ['IF', 'EXISTS']));
      return name && this.#isNew(name.key) && !renames(tokens) ? undefined : 'it alters an object it did not create, or renames one';
    }
    const target = this.#created.get(canonicalKey(alterTable.table));
    if (!target) return `it changes ${quoteKey(alterTable.table)}, which it did not create`;
    if (renames(tokens)) return `it renames ${quoteKey(alterTable.table)} or one of its parts`;
    // An earlier transaction's table changed by a later one: the change may depend on a later object (a foreign key).
    if (target.chunk < chunk) {
      for (const action of alterTable.actions) {
        const detach = detachStatement(alterTable.table, action);
        if (detach === null) return `it adds an unnamed constraint to ${quoteKey(alterTable.table)}, which could not be dropped by name`;
        if (detach) this.#detach.set(chunk, [...(this.#detach.get(chunk) ?? []), detach]);
      }
    }
    return undefined;
  }

  #comment(tokens: readonly Token[]): string | undefined {
    // comment on column t.c / constraint c on t / table t / index i / …
    if (keywordsAt(tokens, 2, 'CONSTRAINT')) {
      const constraint = readName(tokens, 3);
      const table = constraint && isKeyword(tokens[constraint.next], 'ON') ? readName(tokens, skipKeywords(tokens, constraint.next + 1, ['DOMAIN'])) : undefined;
      return table && this.#isNew(table.key) ? undefined : 'it comments on a constraint of a table it did not create';
    }
    const at = skipKeywords(tokens, 2, ['MATERIALIZED']);
    const name = readName(tokens, at + 1);
    if (!name) return 'it comments on an object whose name could not be read';
    const key = isKeyword(tokens[at], 'COLUMN') ? name.key.split('.').slice(0, -1).join('.') : name.key;
    return this.#isNew(key) ? undefined : `it comments on ${quoteKey(key)}, which it did not create`;
  }

  #add(object: Created): void {
    this.#created.set(canonicalKey(object.key), object);
  }

  #isNew(key: string): boolean {
    return this.#created.has(canonicalKey(key));
  }
}

/** `public.t` and `t` are one table where the search path starts at `public` (the default). */
function canonicalKey(key: string): string {
  return key.startsWith('public.') ? key.slice('public.'.length) : key;
}

function quoteKey(key: string): string {
  return key
    .split('.')
    .map((part) => `"${part.replaceAll('"', '""')}"`)
    .join('.');
}

function renames(tokens: readonly Token[]): boolean {
  return tokens.some((token, i) => isKeyword(token, 'RENAME') || (isKeyword(token, 'SET') && isKeyword(tokens[i + 1], 'SCHEMA')));
}

/**
 * What undoes an `ALTER TABLE` action's dependency on other new objects: a named constraint or
 * an added column is dropped; null for a foreign key added without a name; undefined when the
 * action needs nothing.
 */
function detachStatement(table: string, action: readonly Token[]): string | null | undefined {
  if (!isKeyword(action[0], 'ADD')) return undefined;
  if (isKeyword(action[1], 'CONSTRAINT')) {
    const name = readName(action, 2);
    return name ? `alter table ${quoteKey(table)} drop constraint if exists ${quoteKey(name.key)}` : null;
  }
  if (isKeyword(action[1], 'FOREIGN')) return null;
  if (['PRIMARY', 'UNIQUE', 'CHECK', 'EXCLUDE'].some((word) => isKeyword(action[1], word))) return undefined;
  const column = readName(action, skipKeywords(action, 1, ['COLUMN'], ['IF', 'NOT', 'EXISTS']));
  return column ? `alter table ${quoteKey(table)} drop column if exists ${quoteKey(column.key)}` : null;
}
