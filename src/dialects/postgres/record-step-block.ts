/**
 * A step's bookkeeping (runtime/record-step.ts) as one statement: a `DO` block that changes the
 * version table, checks that each update and delete met its row, and records or forgets the
 * checksum, in the order `recordStep` writes them. It carries its values as literals and
 * returns nothing, so the statement pipeline sends it with the revision's last batch instead of
 * two round trips of their own after it; the row-count check runs in the database, which
 * raises VERSION_MOVED with the same message `applyVersionChange` gives (PL/pgSQL, installed in
 * every database by default since PostgreSQL 9.0).
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { Step } from '../../revisions/plan.js';
import { versionStatements } from '../../revisions/version-statements.js';
import { recordStep, type RecordStepOptions } from '../../runtime/record-step.js';
import { checksumTableName } from '../../runtime/checksum-table.js';
import { versionMovedMessage } from '../../runtime/version-table.js';
import { SchemigrateError } from '../../util/errors.js';

/** The SQLSTATE the block raises when an update or delete of the version table meets no row. */
export const VERSION_MOVED = 'SMV01';

const TAG = '$schemigrate_step$';
const PREFIX = `do ${TAG}`;

/**
 * Write `step`'s version-table change and checksum in one statement through `db`.
 *
 * @example
 * await recordStepInOneStatement(trx, step, { versionTable: 'schemigrate_version', checksum, verify: true });
 * // do $schemigrate_step$ begin update "schemigrate_version" set "version_num" = E'9c1e…' where … end $schemigrate_step$
 */
export async function recordStepInOneStatement(db: Kysely<any>, step: Step, options: RecordStepOptions): Promise<void> {
  // A quoted identifier cannot escape `$`, which could close the dollar quote: such a name keeps the separate statements.
  if (options.versionTable.includes('$')) return recordStep(db, step, options);
  await db.executeQuery(CompiledQuery.raw(recordStepBlock(step, options)));
}

/**
 * The `DO` block of `step`'s bookkeeping.
 *
 * @example
 * recordStepBlock(step, { versionTable: 'v', checksum: 'ab…', verify: true });
 * // "do $schemigrate_step$\nbegin\nupdate \"v\" set …"
 */
export function recordStepBlock(step: Step, options: RecordStepOptions): string {
  const versions = identifier(options.versionTable);
  const checksums = identifier(checksumTableName(options.versionTable));
  const revision = literal(step.revision.revision);
  const moved = (expected: string) =>
    options.verify
      ? [`if not found then raise exception using errcode = '${VERSION_MOVED}', message = ${literal(versionMovedMessage(options.versionTable, expected))}; end if;`]
      : [];
  const version = versionStatements(step.versionChange).flatMap((statement) => {
    if (statement.kind === 'insert') return [`insert into ${versions} ("version_num") values (${literal(statement.revision)});`];
    if (statement.kind === 'delete') return [`delete from ${versions} where "version_num" = ${literal(statement.revision)};`, ...moved(statement.revision)];
    return [`update ${versions} set "version_num" = ${literal(statement.to)} where "version_num" = ${literal(statement.from)};`, ...moved(statement.from)];
  });
  const forget = `delete from ${checksums} where "revision" = ${revision};`;
  const body =
    step.direction === 'up'
      ? [...version, ...(options.replace ? [forget] : []), `insert into ${checksums} ("revision", "checksum") values (${revision}, ${literal(options.checksum)});`]
      : [forget, ...version];
  return [PREFIX, 'begin', ...body, `end ${TAG}`].join('\n');
}

/**
 * Whether `sql` is a block of recordStepBlock (the pipeline queues it like a schema statement).
 *
 * @example
 * isRecordStepBlock(recordStepBlock(step, options)); // true
 */
export function isRecordStepBlock(sql: string): boolean {
  return sql.startsWith(PREFIX);
}

/**
 * The runtime's error for a block that found the version table moved, or `undefined` for any
 * other error (also when the pipeline wrapped it with the failing statement).
 *
 * @example
 * throw versionMovedError(error) ?? error;
 */
export function versionMovedError(error: unknown): SchemigrateError | undefined {
  const cause = (error as { cause?: unknown } | null)?.cause;
  for (const candidate of [error, cause]) {
    const { code, message } = (candidate ?? {}) as { code?: unknown; message?: unknown };
    if (code === VERSION_MOVED && typeof message === 'string') return new SchemigrateError(message, { cause: candidate });
  }
  return undefined;
}

/**
 * An escape string (`E'…'`): correct whatever `standard_conforming_strings` says, and with `$`
 * written as `\x24` it can never close the block's dollar quote.
 */
function literal(value: string): string {
  return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$/g, '\\x24')}'`;
}

/** A table name as Kysely reads it (`schema.table`), each part quoted. */
function identifier(name: string): string {
  const parts = name.includes('.') ? name.split('.').map((part) => part.trim()) : [name];
  return parts.map((part) => `"${part.replace(/"/g, '""')}"`).join('.');
}
