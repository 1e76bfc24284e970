/**
 * What one revision has done so far, as the rules need it: the tables and indexes it created
 * (changes to those lock nothing anyone else uses), whether a transaction is open, and the
 * session settings that make a statement safe (`lock_timeout`, `foreign_key_checks`).
 */
import type { Catalog } from './catalog.js';
import { isKeyword, keywordsAt, skipKeywords, type Statement } from './statement.js';

export class RevisionScope {
  readonly createdTables = new Set<string>();
  readonly createdIndexes = new Set<string>();
  /** PostgreSQL: checks `CHECK (col IS NOT NULL)` added NOT VALID, by name → `table.column`. */
  readonly notNullChecks = new Map<string, string>();
  /** PostgreSQL: `table.column`s a validated check proves free of nulls (SET NOT NULL is then instant). */
  readonly provenNotNull = new Set<string>();
  /** PostgreSQL: types renamed by `ALTER TYPE … RENAME TO` (the first step of an enum swap). */
  readonly renamedTypes = new Set<string>();
  inTransaction = false;
  /** `SET lock_timeout` for the session (PostgreSQL), or `SET LOCAL` in the open transaction. */
  #sessionLockTimeout = false;
  #localLockTimeout = false;
  /** MySQL: `SET foreign_key_checks = 0`, which lets a foreign key be added in place. */
  foreignKeyChecksOff = false;

  constructor(readonly catalog: Catalog) {}

  /** Whether `table` existed before this revision (and so may be big and busy). */
  isExisting(table: string): boolean {
    return !this.createdTables.has(table);
  }

  get hasLockTimeout(): boolean {
    return this.#sessionLockTimeout || this.#localLockTimeout;
  }

  /**
   * Take in a transaction or session statement; true when `statement` was one (no rule
   * applies to it).
   *
   * @example
   * scope.track(readStatement("set local lock_timeout = '2s'")); // true; scope.hasLockTimeout === true
   */
  track(statement: Statement): boolean {
    const { tokens } = statement;
    const first = tokens[0]?.value.toUpperCase();
    if (first === 'BEGIN' || keywordsAt(tokens, 0, 'START', 'TRANSACTION')) {
      this.inTransaction = true;
    } else if (first === 'COMMIT' || first === 'END' || (first === 'ROLLBACK' && !isKeyword(tokens[1], 'TO'))) {
      this.inTransaction = false;
      this.#localLockTimeout = false;
    } else if (first === 'SET' || first === 'RESET') {
      this.#setting(statement);
    } else {
      return false;
    }
    return true;
  }

  #setting({ tokens }: Statement): void {
    const local = isKeyword(tokens[1], 'LOCAL');
    const at = skipKeywords(tokens, 1, ['SESSION'], ['LOCAL']);
    const equals = tokens.findIndex((token, i) => i >= at && (token.value === '=' || isKeyword(token, 'TO')));
    const nameTokens = equals === -1 ? tokens.slice(at) : tokens.slice(at, equals);
    const name = nameTokens.map((token) => token.value).join('').replace(/^@@(session\.)?/i, '').toLowerCase();
    const value = isKeyword(tokens[0], 'RESET') ? '0' : (tokens[equals + 1]?.value ?? '');
    if (name === 'lock_timeout') {
      const on = !/^0+(ms|s)?$/i.test(value.trim()) && !/^default$/i.test(value);
      if (local) this.#localLockTimeout = on;
      else this.#sessionLockTimeout = on;
    } else if (name === 'foreign_key_checks') {
      this.foreignKeyChecksOff = /^(0|off|false)$/i.test(value);
    }
  }
}
