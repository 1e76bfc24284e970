/**
 * The lint rules: each one's stable id, severity, why it is risky and the safe alternative,
 * written once here (docs/lint.md explains each with an example).
 */

export type Severity = 'error' | 'warning';

export interface RuleDescription {
  readonly severity: Severity;
  /** Why a statement that breaks the rule is risky on a busy production table. */
  readonly reason: string;
  /** What to write instead. */
  readonly safeAlternative: string;
}

export const RULES = {
  'pg/index-not-concurrent': {
    severity: 'error',
    reason: 'CREATE INDEX blocks every write to the table for the whole build, and DROP INDEX takes an exclusive lock on it.',
    safeAlternative: 'CREATE INDEX CONCURRENTLY / DROP INDEX CONCURRENTLY in a revision with `export const transactional = false`.',
  },
  'pg/concurrently-in-transaction': {
    severity: 'error',
    reason: 'PostgreSQL refuses CONCURRENTLY inside a transaction block: the revision fails.',
    safeAlternative: 'Put the statement in a revision with `export const transactional = false` (and no explicit transaction around it).',
  },
  'pg/constraint-without-not-valid': {
    severity: 'error',
    reason: 'Adding a foreign key or check validates every row while holding a lock that blocks writes (a foreign key locks the referenced table too).',
    safeAlternative: 'ADD CONSTRAINT … NOT VALID, then ALTER TABLE … VALIDATE CONSTRAINT … in a later transaction (it lets writes through).',
  },
  'pg/set-not-null-without-check': {
    severity: 'error',
    reason: 'SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock unless a validated CHECK (col IS NOT NULL) already proves it.',
    safeAlternative: 'ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c; then SET NOT NULL (instant) and drop the check.',
  },
  'pg/unique-without-index': {
    severity: 'error',
    reason: 'ADD CONSTRAINT … UNIQUE builds its index while blocking every write to the table.',
    safeAlternative: 'CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … UNIQUE USING INDEX (instant).',
  },
  'pg/type-change-rewrites': {
    severity: 'error',
    reason: 'This column type change rewrites the table (and its indexes) under an ACCESS EXCLUSIVE lock.',
    safeAlternative:
      'Add a new column, backfill it in batches, switch the application, then drop the old one; or pick a change that needs no rewrite (varchar(n) → varchar(m > n), varchar → text, numeric(p, s) → numeric(q > p, s)).',
  },
  'pg/add-column-rewrites': {
    severity: 'error',
    reason: 'A column with a volatile default, a stored generated column or an identity column rewrites the whole table when added.',
    safeAlternative: 'Add the column without the default (or as a plain column), set the default for new rows, and backfill existing rows in batches.',
  },
  'pg/enum-recreated': {
    severity: 'error',
    reason: 'Removing or reordering enum values swaps in a new type: every column of the old type is rewritten under an ACCESS EXCLUSIVE lock.',
    safeAlternative: 'Only add values (ALTER TYPE … ADD VALUE); stop using a value in the application instead of removing it.',
  },
  'pg/missing-lock-timeout': {
    severity: 'warning',
    reason: 'A statement that takes a strong lock waits behind any long transaction on the table, and every query queues behind it meanwhile.',
    safeAlternative: "SET lock_timeout (e.g. '2s') before it and retry on timeout: online mode's `withLockRetries` does both.",
  },
  'mysql/table-copy': {
    severity: 'error',
    reason: 'This change is neither INSTANT nor INPLACE with LOCK=NONE: the server copies the table or blocks writes while it runs.',
    safeAlternative:
      'Use a change the server makes online (docs/lint.md lists them), add `ALGORITHM=INSTANT` or `ALGORITHM=INPLACE, LOCK=NONE` to be told when it cannot, or use an online schema-change tool.',
  },
  'sqlite/table-rebuild': {
    severity: 'warning',
    reason: 'The table is rebuilt (created anew, its rows copied, the old one dropped and the new one renamed): the whole database is write-locked while its rows are copied.',
    safeAlternative: 'Fine for small tables; for a large one, run it when writes can wait, or change the schema so that ALTER TABLE suffices (ADD COLUMN, RENAME).',
  },
  'drop-table': {
    severity: 'warning',
    reason: 'Dropping a table breaks any running application code that still reads or writes it, and its rows are gone.',
    safeAlternative: 'Deploy the application without the table first, then drop it in a later revision (allow the rule there with a reason).',
  },
  'drop-column': {
    severity: 'warning',
    reason: 'Dropping a column breaks any running application code that still selects or inserts it, and its values are gone.',
    safeAlternative: 'Deploy the application without the column first, then drop it in a later revision (allow the rule there with a reason).',
  },
  'rename-table': {
    severity: 'error',
    reason: 'Renaming a table breaks the running application, which still uses the old name, until it is redeployed.',
    safeAlternative: 'Create the new table (or a view under the new name), write to both, switch the application, then drop the old one.',
  },
  'rename-column': {
    severity: 'error',
    reason: 'Renaming a column breaks the running application, which still uses the old name, until it is redeployed.',
    safeAlternative: 'Add the new column, write to both and backfill, switch the application, then drop the old column.',
  },
} as const satisfies Record<string, RuleDescription>;

/** A rule's stable id, e.g. `pg/index-not-concurrent`. */
export type RuleId = keyof typeof RULES;

/**
 * Whether `id` names a rule.
 *
 * @example
 * isRuleId('drop-table'); // true
 */
export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(RULES, id);
}
