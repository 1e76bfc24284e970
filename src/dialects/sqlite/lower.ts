/**
 * Turning generic operations into ones SQLite can run. SQLite's ALTER TABLE can rename tables
 * and columns, add plain columns and drop unused ones; every other change to an existing table
 * means rebuilding it, so all of a table's changes collapse into one `rebuildTable`.
 */
import { columnDifferences, type ColumnAspect } from '../../model/equality.js';
import { describeTableOptions } from '../../model/table-options.js';
import type { Column, Model, Table } from '../../model/types.js';
import { applyToTables, type ApplyOptions } from '../../operations/apply-to-tables.js';
import { operationTable } from '../../operations/subject.js';
import type { Operation, OperationOf } from '../../operations/types.js';
import { mentionsColumn, renameInExpression } from './column-mentions.js';

type ConstraintAddition = OperationOf<'addForeignKey' | 'addUnique' | 'addCheck' | 'addPrimaryKey'>;

/** SQLite's RENAME COLUMN rewrites the expressions that name the column. */
const AS_SQLITE_RENAMES: ApplyOptions = { renameInExpression };

/**
 * Rewrite operations for SQLite, given the model they apply to.
 *
 * @example
 * lowerForSqlite([{ kind: 'alterColumn', table: 'users', from: email, to: { ...email, nullable: false } }], model);
 * // [{ kind: 'rebuildTable', from: users, to: usersAfter, reasons: ['alter column email (nullability)'] }]
 */
export function lowerForSqlite(operations: readonly Operation[], before: Model): Operation[] {
  const operable = foldIntoCreatedTables(withoutKeysOfDroppedTables(operations.filter(hasEffectOnSqlite).map(withoutComments)));
  const created = new Set(operable.flatMap((op) => (op.kind === 'createTable' ? [op.table.name] : [])));

  // Walk the operations, following each table through renames under a stable key.
  const tables = new Map(before.tables.map((t) => [t.name, t] as const));
  const keyOf = new Map(before.tables.map((t) => [t.name, t.name] as const));
  const renamedOnly = new Map(tables);
  const keys: (string | undefined)[] = [];
  const reasons = new Map<string, string[]>();
  for (const op of operable) {
    const name = operationTable(op);
    const key = name === undefined || created.has(name) ? undefined : keyOf.get(name);
    keys.push(key);
    const table = name === undefined ? undefined : tables.get(name);
    const reason = key !== undefined && table !== undefined ? rebuildReason(op, table) : undefined;
    if (key !== undefined && reason !== undefined) reasons.set(key, [...(reasons.get(key) ?? []), reason]);
    if (op.kind === 'renameTable' && key !== undefined) {
      keyOf.delete(op.from);
      keyOf.set(op.to, key);
    }
    if (isRename(op)) applyToTables(renamedOnly, op, AS_SQLITE_RENAMES);
    applyToTables(tables, op, AS_SQLITE_RENAMES);
  }

  const finalName = new Map([...keyOf].map(([name, key]) => [key, name] as const));
  const rebuilds = new Map<string, { position: number; op: Operation }>();
  for (const [key, why] of reasons) {
    const name = finalName.get(key)!;
    const to = tables.get(name);
    const from = renamedOnly.get(name);
    if (to === undefined || from === undefined) continue;
    const own = keys.flatMap((k, i) => (k === key ? [i] : []));
    const firstChange = own.find((i) => !isRename(operable[i]!))!;
    const lastRename = Math.max(-1, ...own.filter((i) => isRename(operable[i]!)));
    rebuilds.set(key, { position: Math.max(firstChange, lastRename), op: { kind: 'rebuildTable', from, to, reasons: why } });
  }

  const lowered: Operation[] = [];
  operable.forEach((op, i) => {
    const key = keys[i];
    const rebuild = key === undefined ? undefined : rebuilds.get(key);
    if (rebuild === undefined || isRename(op)) lowered.push(op);
    if (rebuild?.position === i) lowered.push(rebuild.op);
  });
  return lowered;
}

function isRename(op: Operation): boolean {
  return op.kind === 'renameTable' || op.kind === 'renameColumn';
}

function uncommentedColumn(column: Column): Column {
  const { comment: _comment, ...rest } = column;
  return rest;
}

/** SQLite stores no comments: created, added, altered or rebuilt, nothing carries one (`COMMENT ON` is a syntax error there). */
function withoutComments(op: Operation): Operation {
  switch (op.kind) {
    case 'createTable': {
      const { comment: _comment, ...table } = op.table;
      return { ...op, table: { ...table, columns: table.columns.map(uncommentedColumn) } };
    }
    case 'addColumn':
      return { ...op, column: uncommentedColumn(op.column) };
    case 'alterColumn':
      return { ...op, from: uncommentedColumn(op.from), to: uncommentedColumn(op.to) };
    default:
      return op;
  }
}

/** SQLite has no enumeration types and no comments: those operations have nothing to do. */
function hasEffectOnSqlite(op: Operation): boolean {
  switch (op.kind) {
    case 'createEnum':
    case 'dropEnum':
    case 'alterEnum':
    case 'setTableComment':
      return false;
    case 'alterColumn':
      return columnChanges(op.from, op.to).length > 0;
    default:
      return true;
  }
}

/**
 * Constraints added to a table that the same list creates go inline into its CREATE TABLE
 * (SQLite does not check that a referenced table exists when creating one).
 */
function foldIntoCreatedTables(operations: readonly Operation[]): Operation[] {
  const additions = new Map<string, ConstraintAddition[]>();
  const created = new Set(operations.flatMap((op) => (op.kind === 'createTable' ? [op.table.name] : [])));
  const rest = operations.filter((op) => {
    if (!isConstraintAddition(op) || !created.has(op.table)) return true;
    additions.set(op.table, [...(additions.get(op.table) ?? []), op]);
    return false;
  });
  return rest.map((op) =>
    op.kind === 'createTable' && additions.has(op.table.name)
      ? { ...op, table: additions.get(op.table.name)!.reduce(withConstraint, op.table) }
      : op,
  );
}

/**
 * A foreign key dropped from a table that the same list drops (to break a cycle of references
 * between dropped tables) needs no step of its own: revisions run with foreign-key enforcement
 * off, and SQLite drops such a table whole, whatever refers to it.
 */
function withoutKeysOfDroppedTables(operations: readonly Operation[]): Operation[] {
  const dropped = new Set(operations.flatMap((op) => (op.kind === 'dropTable' ? [op.table.name] : [])));
  return operations.filter((op) => op.kind !== 'dropForeignKey' || !dropped.has(op.table));
}

function isConstraintAddition(op: Operation): op is ConstraintAddition {
  return op.kind === 'addForeignKey' || op.kind === 'addUnique' || op.kind === 'addCheck' || op.kind === 'addPrimaryKey';
}

function withConstraint(table: Table, op: ConstraintAddition): Table {
  switch (op.kind) {
    case 'addForeignKey':
      return { ...table, foreignKeys: [...table.foreignKeys, op.foreignKey] };
    case 'addUnique':
      return { ...table, uniques: [...table.uniques, op.unique] };
    case 'addCheck':
      return { ...table, checks: [...table.checks, op.check] };
    case 'addPrimaryKey':
      return { ...table, primaryKey: op.primaryKey };
  }
}

/** Why SQLite cannot run `op` on `table` in place, or undefined when it can. */
function rebuildReason(op: Operation, table: Table): string | undefined {
  switch (op.kind) {
    case 'alterColumn':
      return `alter column ${op.to.name} (${columnChanges(op.from, op.to).join(', ')})`;
    case 'addPrimaryKey':
      return `add primary key (${op.primaryKey.columns.join(', ')})`;
    case 'dropPrimaryKey':
      return 'drop primary key';
    case 'addForeignKey':
      return `add foreign key ${op.foreignKey.name}`;
    case 'dropForeignKey':
      return `drop foreign key ${op.foreignKey.name}`;
    case 'addUnique':
      return `add unique ${op.unique.name}`;
    case 'dropUnique':
      return `drop unique ${op.unique.name}`;
    case 'addCheck':
      return `add check ${op.check.name}`;
    case 'dropCheck':
      return `drop check ${op.check.name}`;
    case 'setTableOptions':
      return `change its options (${describeTableOptions(op.from)} → ${describeTableOptions(op.to)})`;
    case 'addColumn': {
      const why = addColumnObstacle(op.column);
      return why === undefined ? undefined : `add column ${op.column.name} (${why})`;
    }
    case 'dropColumn': {
      const why = dropColumnObstacle(table, op.column.name);
      return why === undefined ? undefined : `drop column ${op.column.name} (used by ${why})`;
    }
    default:
      return undefined;
  }
}

/** What keeps `ALTER TABLE … ADD COLUMN` from adding this column. */
function addColumnObstacle(column: Column): string | undefined {
  if (column.autoIncrement) return 'auto-increment';
  if (column.generated?.stored) return 'stored generated column';
  if (column.default?.kind === 'expression') return 'non-constant default';
  const hasDefault = column.default !== undefined && !(column.default.kind === 'literal' && column.default.value === null);
  if (!column.nullable && !column.generated && !hasDefault) return 'not null without a default';
  return undefined;
}

/** What keeps `ALTER TABLE … DROP COLUMN` from dropping this column. */
function dropColumnObstacle(table: Table, column: string): string | undefined {
  if (table.primaryKey?.columns.includes(column)) return 'the primary key';
  const unique = table.uniques.find((u) => u.columns.includes(column));
  if (unique) return `unique ${unique.name}`;
  const foreignKey = table.foreignKeys.find((fk) => fk.columns.includes(column));
  if (foreignKey) return `foreign key ${foreignKey.name}`;
  const index = table.indexes.find(
    (i) =>
      i.parts.some((p) => (p.kind === 'column' ? p.name === column : mentionsColumn(p.sql, column))) ||
      (i.where !== undefined && mentionsColumn(i.where, column)),
  );
  if (index) return `index ${index.name}`;
  const check = table.checks.find((c) => mentionsColumn(c.sql, column));
  if (check) return `check ${check.name}`;
  const generated = table.columns.find((c) => c.name !== column && c.generated && mentionsColumn(c.generated.sql, column));
  if (generated) return `generated column ${generated.name}`;
  return undefined;
}

/** Each column aspect SQLite would have to change, in words; comments do not exist there. */
const ASPECT_WORDS: Readonly<Record<ColumnAspect, string | undefined>> = {
  type: 'type',
  nullable: 'nullability',
  default: 'default',
  autoIncrement: 'auto-increment',
  generated: 'generated expression',
  comment: undefined,
  collation: 'collation',
};

/** The column properties SQLite would have to change, in words. */
function columnChanges(from: Column, to: Column): string[] {
  const changes = columnDifferences(from, to).flatMap((aspect) => ASPECT_WORDS[aspect] ?? []);
  return from.name === to.name ? changes : [...changes, 'name'];
}
