/**
 * Rename candidates: a diff never guesses a rename, it drops one thing and creates another.
 * This module looks at such pairs after the diff — a dropped table and a created one, or in
 * one table a dropped column and an added one of a compatible type — and ranks them by
 * likeness, so the caller can ask (or read `--rename` answers) before writing anything.
 */
import { defaultsEqual, typesEqual } from '../model/equality.js';
import { qualifiedName } from '../model/qualified-name.js';
import type { Column, ColumnType, ColumnTypeKind, Table } from '../model/types.js';
import type { Operation } from '../operations/types.js';

/** A confirmed rename: `table` is the table's name after any table rename. */
export type Rename =
  | { readonly kind: 'table'; readonly from: string; readonly to: string }
  | { readonly kind: 'column'; readonly table: string; readonly from: string; readonly to: string };

/** A rename the diff could stand for, with a likeness score between 0 and 1. */
export type RenameCandidate = Rename & { readonly score: number };

/**
 * Kinds of types that hold the same sort of values, so a rename could keep them. A uuid is a
 * string too (MySQL stores it as `char(36)`, so that is the type a renamed one is dropped with).
 */
const TYPE_FAMILIES: readonly (readonly ColumnTypeKind[])[] = [
  ['smallint', 'integer', 'bigint'],
  ['real', 'double', 'numeric'],
  ['varchar', 'char', 'text', 'uuid'],
  ['date', 'timestamp'],
  ['json', 'jsonb'],
];

function familyOf(kind: ColumnTypeKind): readonly ColumnTypeKind[] {
  return TYPE_FAMILIES.find((family) => family.includes(kind)) ?? [kind];
}

/** Whether a column of type `a` could have been renamed into one of type `b` (perhaps with a type change). */
export function compatibleTypes(a: ColumnType, b: ColumnType): boolean {
  return familyOf(a.kind).includes(b.kind);
}

/** 1 for equal names, falling with the edit distance relative to the longer name. */
function nameLikeness(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const longest = Math.max(x.length, y.length);
  return longest === 0 ? 1 : 1 - editDistance(x, y) / longest;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function round(score: number): number {
  return Math.round(score * 100) / 100;
}

/** Same type counts most, then nullability and default, then how alike the names are. */
function columnScore(dropped: Column, added: Column): number {
  const sameType = typesEqual(dropped.type, added.type);
  const sameDefault = defaultsEqual(dropped.default, added.default, added.type);
  return round(
    (sameType ? 0.5 : 0.25) +
      (dropped.nullable === added.nullable ? 0.15 : 0) +
      (sameDefault ? 0.1 : 0) +
      0.25 * nameLikeness(dropped.name, added.name),
  );
}

/** The share of column names two tables have in common (Jaccard index). */
function sharedColumns(dropped: Table, created: Table): number {
  const before = new Set(dropped.columns.map((column) => column.name));
  const after = new Set(created.columns.map((column) => column.name));
  const shared = [...after].filter((name) => before.has(name)).length;
  return shared / new Set([...before, ...after]).size;
}

/**
 * A table pair is offered when at least half of their column names agree (columns may be
 * renamed or retyped along with the table, and are settled in a later round).
 */
const MIN_SHARED_COLUMNS = 0.5;

/**
 * Every rename the operations could stand for, best first (ties by name). A pair shares its
 * `from` or `to` with other pairs when several things disappear and appear at once; the
 * caller settles one at a time.
 *
 * @example
 * findRenameCandidates([{ kind: 'dropColumn', table: 'users', column: mail }, { kind: 'addColumn', table: 'users', column: email }]);
 * // [{ kind: 'column', table: 'users', from: 'mail', to: 'email', score: 0.9 }]
 */
export function findRenameCandidates(operations: readonly Operation[]): RenameCandidate[] {
  const droppedTables = operations.flatMap((op) => (op.kind === 'dropTable' ? [op.table] : []));
  const createdTables = operations.flatMap((op) => (op.kind === 'createTable' ? [op.table] : []));
  const tables: RenameCandidate[] = droppedTables.flatMap((dropped) =>
    createdTables.flatMap((created): RenameCandidate[] => {
      const shared = sharedColumns(dropped, created);
      // A rename stays within one (PostgreSQL) schema; tables are named `schema.table` there.
      if (shared < MIN_SHARED_COLUMNS || dropped.schema !== created.schema) return [];
      // Shared columns weigh most, then how alike the table names are.
      return [{ kind: 'table', from: qualifiedName(dropped), to: qualifiedName(created), score: round(0.8 * shared + 0.2 * nameLikeness(dropped.name, created.name)) }];
    }),
  );
  const columns: RenameCandidate[] = operations.flatMap((dropOp) => {
    if (dropOp.kind !== 'dropColumn') return [];
    return operations.flatMap((addOp): RenameCandidate[] =>
      addOp.kind === 'addColumn' && addOp.table === dropOp.table && compatibleTypes(dropOp.column.type, addOp.column.type)
        ? [{ kind: 'column', table: dropOp.table, from: dropOp.column.name, to: addOp.column.name, score: columnScore(dropOp.column, addOp.column) }]
        : [],
    );
  });
  return [...tables, ...columns].sort((a, b) => b.score - a.score || describeRename(a).localeCompare(describeRename(b)));
}

/**
 * The `--rename` value that confirms a rename: `old=new` for a table, `table.old=new` for a column.
 *
 * @example
 * renameFlag({ kind: 'column', table: 'users', from: 'mail', to: 'email' }); // 'users.mail=email'
 */
export function renameFlag(rename: Rename): string {
  return `${renameSubject(rename)}=${rename.to}`;
}

/**
 * What disappears in a rename, as `--drop-create` names it: `old` or `table.old`.
 *
 * @example
 * renameSubject({ kind: 'table', from: 'users', to: 'people' }); // 'users'
 */
export function renameSubject(rename: Rename): string {
  return rename.kind === 'table' ? rename.from : `${rename.table}.${rename.from}`;
}

/**
 * A human line: `table users → people` or `column users.mail → email`.
 *
 * @example
 * describeRename({ kind: 'table', from: 'users', to: 'people' }); // 'table users → people'
 */
export function describeRename(rename: Rename): string {
  return rename.kind === 'table' ? `table ${rename.from} → ${rename.to}` : `column ${rename.table}.${rename.from} → ${rename.to}`;
}

/**
 * The operations that carry out confirmed renames: table renames first, then column renames
 * (whose `table` is already the new name).
 *
 * @example
 * renameOperations([{ kind: 'table', from: 'users', to: 'people' }]); // [{ kind: 'renameTable', from: 'users', to: 'people' }]
 */
export function renameOperations(renames: readonly Rename[]): Operation[] {
  const tables = renames.flatMap((r): Operation[] => (r.kind === 'table' ? [{ kind: 'renameTable', from: r.from, to: r.to }] : []));
  const columns = renames.flatMap((r): Operation[] =>
    r.kind === 'column' ? [{ kind: 'renameColumn', table: r.table, from: r.from, to: r.to }] : [],
  );
  return [...tables, ...columns];
}

/**
 * Parse a `--rename` value: `old=new` renames a table, `table.old=new` a column. A table in a
 * named PostgreSQL schema is `schema.table` on both sides (`audit.events=audit.log`), and so
 * is a column's table (`audit.events.actor=author`). Returns undefined for anything else.
 *
 * @example
 * parseRenameFlag('users.mail=email'); // { kind: 'column', table: 'users', from: 'mail', to: 'email' }
 * parseRenameFlag('audit.events=audit.log'); // { kind: 'table', from: 'audit.events', to: 'audit.log' }
 */
export function parseRenameFlag(value: string): Rename | undefined {
  const match = /^([^=]+)=([^=]+)$/.exec(value.trim());
  if (!match) return undefined;
  const [from, to] = [match[1]!, match[2]!];
  const name = /^[^.]+(\.[^.]+)?$/;
  if (to.includes('.')) return name.test(from) && name.test(to) && from.includes('.') ? { kind: 'table', from, to } : undefined;
  const dot = from.lastIndexOf('.');
  if (dot < 0) return { kind: 'table', from, to };
  const table = from.slice(0, dot);
  const column = from.slice(dot + 1);
  return name.test(table) && column !== '' ? { kind: 'column', table, from: column, to } : undefined;
}
