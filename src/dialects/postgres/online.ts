/**
 * PostgreSQL's online forms (docs/lint.md, "Online mode"): indexes built and dropped
 * CONCURRENTLY (an invalid index a failed build left behind is dropped first, so a rerun
 * retries cleanly), foreign keys and checks added NOT VALID and validated in a step of their
 * own, a unique constraint attached to a concurrently built index, and SET NOT NULL proven by a
 * validated check first. Primary keys attach a concurrently built index as unique constraints do. Each step can run again after a failed run of the revision (which,
 * run outside a transaction, keeps the steps before the failure).
 */
import { referencedName, splitQualified } from '../../model/qualified-name.js';
import type { CheckConstraint, ForeignKey, Index, UniqueConstraint } from '../../model/types.js';
import { id, qualifiedId, rawStatement, type SqlPiece } from '../../render/code.js';
import { keyPieces } from '../../render/indexes.js';
import type { OnlineStep } from '../../render/operation-renderer.js';

const MAX_IDENTIFIER_LENGTH = 63;

/** Statements that block no writer: they run outside any transaction. */
function concurrent(...statements: string[]): OnlineStep {
  return { locking: false, statements };
}

/** Statements that take locks: together under one lock timeout, retried. */
export function locking(...statements: string[]): OnlineStep {
  return { locking: true, statements };
}

function idList(names: readonly string[]): SqlPiece[] {
  return names.flatMap((name, i) => (i === 0 ? [id(name)] : [', ', id(name)]));
}

/** An index of `table` by name: it lives in its table's schema. */
function indexId(table: string, name: string): SqlPiece {
  const { schema } = splitQualified(table);
  return schema === undefined ? id(name) : { id: name, schema };
}

/**
 * Drop any index of this name (a failed concurrent build leaves an invalid one), then build it
 * concurrently.
 *
 * @example
 * createIndexConcurrently('posts', index); // [DROP INDEX CONCURRENTLY IF EXISTS …, CREATE INDEX CONCURRENTLY …]
 */
export function createIndexConcurrently(table: string, index: Index): OnlineStep {
  const pieces: SqlPiece[] = [`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX CONCURRENTLY `, id(index.name), ' ON ', qualifiedId(table)];
  if (index.method !== undefined) pieces.push(` USING ${index.method}`);
  pieces.push(' (', ...keyPieces(index), ')');
  if (index.where !== undefined) pieces.push(` WHERE ${index.where}`);
  return concurrent(
    '// A failed concurrent build leaves an invalid index behind: drop it, so that a rerun builds it again.',
    dropIndexConcurrentlyStatement(table, index.name),
    rawStatement(pieces),
  );
}

function dropIndexConcurrentlyStatement(table: string, name: string): string {
  return rawStatement(['DROP INDEX CONCURRENTLY IF EXISTS ', indexId(table, name)]);
}

/** `DROP INDEX CONCURRENTLY IF EXISTS`. */
export function dropIndexConcurrently(table: string, index: Index): OnlineStep {
  return concurrent(dropIndexConcurrentlyStatement(table, index.name));
}

/**
 * `ALTER TABLE t DROP CONSTRAINT IF EXISTS c, ADD CONSTRAINT c …`: one statement, so that a
 * rerun of a revision whose validation failed (rows that break the constraint, fixed since)
 * starts the step again instead of failing on a constraint that already exists.
 */
function replaceConstraint(table: string, name: string, definition: readonly SqlPiece[]): string {
  return rawStatement(['ALTER TABLE ', qualifiedId(table), ' DROP CONSTRAINT IF EXISTS ', id(name), ', ADD CONSTRAINT ', id(name), ' ', ...definition]);
}

function validate(table: string, name: string): string {
  return rawStatement(['ALTER TABLE ', qualifiedId(table), ' VALIDATE CONSTRAINT ', id(name)]);
}

/**
 * The foreign key added NOT VALID (an instant catalog change), then validated in a step of its
 * own, whose lock lets reads and writes through.
 */
export function addForeignKeyOnline(table: string, fk: ForeignKey): OnlineStep[] {
  const pieces: SqlPiece[] = ['FOREIGN KEY (', ...idList(fk.columns), ')'];
  pieces.push(' REFERENCES ', qualifiedId(referencedName(fk)), ' (', ...idList(fk.referencedColumns), ')');
  if (fk.onDelete) pieces.push(` ON DELETE ${fk.onDelete.toUpperCase()}`);
  if (fk.onUpdate) pieces.push(` ON UPDATE ${fk.onUpdate.toUpperCase()}`);
  if (fk.deferrable) pieces.push(` DEFERRABLE INITIALLY ${fk.deferrable.toUpperCase()}`);
  pieces.push(' NOT VALID');
  return [locking(replaceConstraint(table, fk.name, pieces)), locking(validate(table, fk.name))];
}

/** The check added NOT VALID, then validated in a step of its own. */
export function addCheckOnline(table: string, check: CheckConstraint): OnlineStep[] {
  return [
    locking(replaceConstraint(table, check.name, [`CHECK (${check.sql}) NOT VALID`])),
    locking(validate(table, check.name)),
  ];
}

/**
 * A unique constraint or primary key (`kind`): its unique index built concurrently, then
 * attached as the constraint (which takes its name). A constraint a failed run already attached
 * is dropped first, so that its index can be rebuilt. A primary key's columns are NOT NULL
 * already (their own steps come first), or attaching it would scan the table.
 */
export function addKeyOnline(table: string, kind: 'UNIQUE' | 'PRIMARY KEY', key: UniqueConstraint): OnlineStep[] {
  const index: Index = { name: key.name, unique: true, parts: key.columns.map((name) => ({ kind: 'column', name, descending: false })) };
  return [
    locking(rawStatement(['ALTER TABLE ', qualifiedId(table), ' DROP CONSTRAINT IF EXISTS ', id(key.name)])),
    createIndexConcurrently(table, index),
    locking(rawStatement(['ALTER TABLE ', qualifiedId(table), ' ADD CONSTRAINT ', id(key.name), ` ${kind} USING INDEX `, id(key.name)])),
  ];
}

/**
 * The steps that make a column NOT NULL without a scan under an exclusive lock: a check
 * `col IS NOT NULL` added NOT VALID, validated in its own step, then SET NOT NULL (which the
 * validated check makes instant) with `setNotNull`, and the check dropped.
 */
export function setNotNullOnline(table: string, column: string, setNotNull: string): OnlineStep[] {
  const check = `${splitQualified(table).name}_${column}_not_null`.slice(0, MAX_IDENTIFIER_LENGTH);
  return [
    locking(replaceConstraint(table, check, ['CHECK (', id(column), ' IS NOT NULL) NOT VALID'])),
    locking(validate(table, check)),
    locking(setNotNull, rawStatement(['ALTER TABLE ', qualifiedId(table), ' DROP CONSTRAINT IF EXISTS ', id(check)])),
  ];
}
