/**
 * The order a migration runs its operations in, worked out from what each operation needs.
 * The upgrade and the downgrade are each ordered this way from their own operations.
 *
 * Operations act on resources: schemas, tables, columns (`table.column`), enumerations,
 * named constraints and indexes, unique keys (`table(columns)`, what a foreign key points
 * at) and index leads (an index whose first column is `c`, what MySQL's AUTO_INCREMENT needs).
 * Each operation declares what it
 *
 * - changes: creates, drops, renames away (a rename also creates the new name), alters in
 *   place (a column's type; an enumeration's values, which PostgreSQL's type swap carries its
 *   users through), or re-creates (a generated column whose generation changes: dropped and
 *   added again);
 * - needs to exist under its name (`exists`: a column an index or key is over), or also in its
 *   new definition (`uses`: a column a check, an index expression, a foreign key or a
 *   generated column computes with) — so it runs after what creates (and alters) it, or, when
 *   nothing does, before what drops or renames it away;
 * - rests on, when it drops or changes something: a dropped check on the columns it names, a
 *   dropped foreign key on its columns and the key it points at, a dropped column on its
 *   enumeration — so it runs before those are dropped or altered (`restsOn`), or only before
 *   they are dropped (`restsOnName`: a dropped index over a column that is merely retyped).
 *   A rename carries what rests on the renamed thing, and imposes nothing.
 *
 * A name that is dropped (or renamed away) and created again is dropped first. The columns an
 * expression names (checks, generated columns, index expressions and predicates, defaults)
 * come from scanning its text for identifiers (`identifiersIn`), which may find too many and
 * never too few: an extra dependency only constrains the order a little more.
 *
 * One topological sort then takes, among the operations whose needs are met, the first by
 * the former fixed phases (enumerations first; drops of keys, checks, indexes and tables
 * before column changes; new constraints after every table exists), then by table and object
 * name, then input order (added columns keep their declared order); dropped tables go in
 * reverse name order, as the reverse of creating them; a downgrade breaks ties as its
 * upgrade reversed would (`undoing`). So a diff the phases ordered correctly keeps its order,
 * and needs override the phases only where they disagree: a column renamed back before the
 * check that names it is added back, a retyped key before its foreign key.
 * Foreign-key cycles among created (dropped) tables are first split into separate
 * `addForeignKey` (`dropForeignKey`) steps; should a cycle remain, its first operation by
 * that order runs first.
 */
import { indexColumns, indexExpressions } from '../model/index-parts.js';
import { compareStrings } from '../model/member-order.js';
import { qualifiedName, referencedName, splitQualified, type Schemable } from '../model/qualified-name.js';
import { identifiersIn } from '../model/sql-identifiers.js';
import type { Column, ColumnType, ForeignKey, Index, Table } from '../model/types.js';
import { operationObject, operationSubject } from '../operations/subject.js';
import type { Operation, OperationKind } from '../operations/types.js';
import { MinHeap } from '../util/min-heap.js';
import { orderByDependency } from './dependency-order.js';
import { isRecreated } from './recreated-dependents.js';

/** The former fixed order of kinds: the first tie-breaker, so orders that were right stay as they were. */
const phases: readonly OperationKind[] = [
  'createSchema',
  'createEnum',
  'dropForeignKey',
  'dropCheck',
  'dropIndex',
  'dropTable',
  'dropUnique',
  'dropPrimaryKey',
  'renameTable',
  'renameColumn',
  'alterEnum',
  'addColumn',
  'alterColumn',
  'setTableOptions',
  'rebuildTable',
  'dropColumn',
  'addPrimaryKey',
  'addUnique',
  'createTable',
  'createIndex',
  'addCheck',
  'addForeignKey',
  'setTableComment',
  'dropEnum',
  'dropSchema',
];
const rank = new Map(phases.map((kind, i) => [kind, i]));

type Change = 'create' | 'drop' | 'renameAway' | 'alter' | 'alterCarrying';

/** What one operation does to resources, and which it needs (see the module comment). */
interface Needs {
  readonly changes: readonly (readonly [resource: string, change: Change])[];
  readonly exists: readonly string[];
  readonly uses: readonly string[];
  readonly restsOn: readonly string[];
  readonly restsOnName: readonly string[];
}

export interface OrderOptions {
  /**
   * For operations that undo others (a downgrade): the operation each one undoes. Ties are then
   * broken in the reverse of the order the undone operations would take, so a downgrade reads
   * as its upgrade reversed wherever its needs allow.
   */
  readonly undoing?: (op: Operation) => Operation;
}

/**
 * Sort operations into a runnable, deterministic order (see the module comment).
 *
 * @example
 * orderOperations([addFkPostsUsers, createPosts, createUsers]); // createUsers, createPosts, addFk…
 */
export function orderOperations(input: readonly Operation[], options: OrderOptions = {}): Operation[] {
  const ops = splitForeignKeyCycles(input);
  const after = successors(ops.map(needsOf));
  const { undoing } = options;
  const priorities = ops.map((op) => priorityOf(undoing ? undoing(op) : op));
  const compare = undoing
    ? (a: number, b: number) => comparePriority(priorities[b]!, priorities[a]!) || b - a
    : (a: number, b: number) => comparePriority(priorities[a]!, priorities[b]!) || a - b;
  const waiting = ops.map(() => 0);
  for (const targets of after) for (const target of targets) waiting[target]!++;
  const ready = new MinHeap<number>(compare);
  ops.forEach((_, i) => waiting[i] === 0 && ready.push(i));
  // Should a cycle be left, the first operation not yet placed, by priority alone.
  const byPriority = ops.map((_, i) => i).sort(compare);
  const placed = new Set<number>();
  let cursor = 0;
  const ordered: Operation[] = [];
  while (ordered.length < ops.length) {
    let next = ready.pop();
    if (next !== undefined && placed.has(next)) continue;
    if (next === undefined) {
      while (placed.has(byPriority[cursor]!)) cursor++;
      next = byPriority[cursor]!;
    }
    placed.add(next);
    ordered.push(ops[next]!);
    for (const target of after[next]!) if (--waiting[target]! === 0 && !placed.has(target)) ready.push(target);
  }
  return ordered;
}

/** Created (dropped) tables that refer to each other in a cycle lose keys to separate steps. */
function splitForeignKeyCycles(ops: readonly Operation[]): Operation[] {
  const created = orderByDependency(ops.flatMap((op) => (op.kind === 'createTable' ? [op.table] : [])));
  const dropped = orderByDependency(ops.flatMap((op) => (op.kind === 'dropTable' ? [op.table] : [])));
  if (created.deferred.length === 0 && dropped.deferred.length === 0) return [...ops];
  const createdByName = new Map(created.tables.map((table) => [qualifiedName(table), table]));
  const droppedByName = new Map(dropped.tables.map((table) => [qualifiedName(table), table]));
  return [
    ...ops.map((op): Operation => {
      if (op.kind === 'createTable') return { ...op, table: createdByName.get(qualifiedName(op.table))! };
      if (op.kind === 'dropTable') return { ...op, table: droppedByName.get(qualifiedName(op.table))! };
      return op;
    }),
    ...created.deferred.map(({ table, foreignKey }): Operation => ({ kind: 'addForeignKey', table, foreignKey })),
    ...dropped.deferred.map(({ table, foreignKey }): Operation => ({ kind: 'dropForeignKey', table, foreignKey })),
  ];
}

const CREATES: ReadonlySet<Change> = new Set(['create']);
const MAKES: ReadonlySet<Change> = new Set(['create', 'alter', 'alterCarrying']);
const REMOVES: ReadonlySet<Change> = new Set(['drop', 'renameAway']);
const SPOILS: ReadonlySet<Change> = new Set(['drop', 'alter']);
const DROPS: ReadonlySet<Change> = new Set(['drop']);

/** For each operation (by index), the operations that must come after it. */
function successors(needs: readonly Needs[]): Set<number>[] {
  const changers = new Map<string, { op: number; change: Change }[]>();
  needs.forEach(({ changes }, op) => {
    for (const [resource, change] of changes) {
      const list = changers.get(resource);
      if (list) list.push({ op, change });
      else changers.set(resource, [{ op, change }]);
    }
  });
  /** Calls `visit` with every other operation that changes `resource` in one of `kinds`; whether there was one. */
  const others = (resource: string, self: number, kinds: ReadonlySet<Change>, visit: (other: number) => void): boolean => {
    let found = false;
    for (const { op, change } of changers.get(resource) ?? []) {
      if (op === self || !kinds.has(change)) continue;
      found = true;
      visit(op);
    }
    return found;
  };
  const after = needs.map(() => new Set<number>());
  needs.forEach((need, op) => {
    const before = (other: number) => after[other]!.add(op);
    const first = (other: number) => after[op]!.add(other);
    for (const resource of need.exists) if (!others(resource, op, CREATES, before)) others(resource, op, REMOVES, first);
    for (const resource of need.uses) if (!others(resource, op, MAKES, before)) others(resource, op, REMOVES, first);
    for (const resource of need.restsOn) others(resource, op, SPOILS, first);
    for (const resource of need.restsOnName) others(resource, op, DROPS, first);
    // A name that is dropped or renamed away and created again is dropped first.
    for (const [resource, change] of need.changes) if (REMOVES.has(change)) others(resource, op, CREATES, first);
  });
  return after;
}

const schemaResource = (identity: string) => `schema:${splitQualified(identity).schema ?? ''}`;
const tableResource = (identity: string) => `table:${identity}`;
const columnResource = (table: string, column: string) => `column:${table}.${column.toLowerCase()}`;
const objectResource = (table: string, name: string) => `object:${splitQualified(table).schema ?? ''}.${name.toLowerCase()}`;
const keyResource = (table: string, columns: readonly string[]) =>
  `key:${table}(${columns.map((column) => column.toLowerCase()).sort().join(',')})`;
const leadResource = (table: string, column: string) => `lead:${table}.${column.toLowerCase()}`;
const enumResource = (type: Schemable) => `enum:${qualifiedName(type)}`;

function enumOf(type: ColumnType): string[] {
  return type.kind === 'enum' ? [enumResource({ name: type.name, ...(type.schema !== undefined && { schema: type.schema }) })] : [];
}

/** The columns of `table` an expression may name (every identifier in it, to be safe). */
function expressionColumns(table: string, sql: string | undefined): string[] {
  return sql === undefined ? [] : [...identifiersIn(sql)].map((name) => columnResource(table, name));
}

/** What a column's definition rests on: its enumeration, and the columns its expressions name. */
function columnBasis(table: string, column: Column): string[] {
  return [
    ...enumOf(column.type),
    ...expressionColumns(table, column.generated?.sql),
    ...expressionColumns(table, column.default?.kind === 'expression' ? column.default.sql : undefined),
  ];
}

/** The resources a primary key or unique constraint over `columns` provides. */
function uniqueKey(table: string, columns: readonly string[]): string[] {
  return [keyResource(table, columns), ...columns.slice(0, 1).map((column) => leadResource(table, column))];
}

/** The resources an index provides: a unique key when it is unique over plain columns, and its lead. */
function indexKeys(table: string, index: Index): string[] {
  const columns = indexColumns(index);
  const unique = index.unique && index.where === undefined && columns.length === index.parts.length;
  const [first] = index.parts;
  return [...(unique ? [keyResource(table, columns)] : []), ...(first?.kind === 'column' ? [leadResource(table, first.name)] : [])];
}

/** The columns an index computes with: its expressions' and its predicate's. */
function indexExpressionColumns(table: string, index: Index): string[] {
  return indexExpressions(index).flatMap((sql) => expressionColumns(table, sql));
}

/** What a reference rests on: the table, columns and key it points at. */
function referenceBasis(foreignKey: ForeignKey): string[] {
  const target = referencedName(foreignKey);
  return [
    tableResource(target),
    ...foreignKey.referencedColumns.map((column) => columnResource(target, column)),
    keyResource(target, foreignKey.referencedColumns),
  ];
}

/**
 * What a created table brings into existence (and a dropped one takes away): the table, and
 * its constraint and index names. Whatever uses one of its columns or keys names the table too.
 */
function tableContents(table: Table): string[] {
  const name = qualifiedName(table);
  const objects = [table.primaryKey?.name, ...table.uniques.map((u) => u.name), ...table.indexes.map((i) => i.name)];
  return [
    tableResource(name),
    ...[...objects, ...table.foreignKeys.map((fk) => fk.name), ...table.checks.map((c) => c.name)].flatMap((object) =>
      object === undefined ? [] : [objectResource(name, object)],
    ),
  ];
}

/** What a table rests on besides itself: its schema, its enumerations, and the tables it references. */
function tableBasis(table: Table): string[] {
  return [
    schemaResource(qualifiedName(table)),
    ...table.columns.flatMap((column) => enumOf(column.type)),
    ...table.foreignKeys.flatMap(referenceBasis),
  ];
}

const NOTHING: Needs = { changes: [], exists: [], uses: [], restsOn: [], restsOnName: [] };

/**
 * What one operation changes and needs (see the module comment).
 *
 * @example
 * needsOf({ kind: 'addCheck', table: 't', check: { name: 'ck', sql: 'c > 0' } });
 * // { changes: [['object:.ck', 'create']], exists: ['table:t'], uses: ['column:t.c'], restsOn: [], restsOnName: [] }
 */
function needsOf(op: Operation): Needs {
  const all = (resources: readonly string[], change: Change) => resources.map((resource) => [resource, change] as const);
  switch (op.kind) {
    case 'createSchema':
      return { ...NOTHING, changes: all([`schema:${op.schema}`], 'create') };
    case 'dropSchema':
      return { ...NOTHING, changes: all([`schema:${op.schema}`], 'drop') };
    case 'createEnum':
      return { ...NOTHING, changes: all([enumResource(op.enum)], 'create'), exists: [schemaResource(qualifiedName(op.enum))] };
    case 'dropEnum':
      return { ...NOTHING, changes: all([enumResource(op.enum)], 'drop'), restsOn: [schemaResource(qualifiedName(op.enum))] };
    case 'alterEnum':
      return { ...NOTHING, changes: all([enumResource(op.from)], 'alterCarrying') };
    case 'createTable':
      return { ...NOTHING, changes: all(tableContents(op.table), 'create'), uses: tableBasis(op.table) };
    case 'dropTable':
      return { ...NOTHING, changes: all(tableContents(op.table), 'drop'), restsOn: tableBasis(op.table) };
    case 'renameTable':
      return { ...NOTHING, changes: [...all([tableResource(op.from)], 'renameAway'), ...all([tableResource(op.to)], 'create')] };
    case 'rebuildTable':
      return { ...NOTHING, exists: [tableResource(qualifiedName(op.from))] };
    default: {
      const needs = tableChangeNeeds(op);
      return { ...needs, exists: [tableResource(op.table), ...needs.exists] };
    }
  }
}

/** The needs of an operation on an existing table, besides the table itself. */
function tableChangeNeeds(op: Extract<Operation, { table: string }>): Needs {
  const { table } = op;
  const columns = (names: readonly string[]) => names.map((name) => columnResource(table, name));
  switch (op.kind) {
    case 'addColumn':
      return { ...NOTHING, changes: [[columnResource(table, op.column.name), 'create']], uses: columnBasis(table, op.column) };
    case 'dropColumn':
      return { ...NOTHING, changes: [[columnResource(table, op.column.name), 'drop']], restsOn: columnBasis(table, op.column) };
    case 'alterColumn': {
      const column = columnResource(table, op.from.name);
      const recreated = isRecreated(op.from, op.to);
      // An auto-increment column needs an index led by it while it gains or loses the property.
      const lead = op.from.autoIncrement !== op.to.autoIncrement ? [leadResource(table, op.from.name)] : [];
      return {
        ...NOTHING,
        changes: recreated ? [[column, 'drop'], [column, 'create']] : [[column, 'alter']],
        exists: [column, ...lead],
        uses: columnBasis(table, op.to),
        restsOn: columnBasis(table, op.from),
      };
    }
    case 'renameColumn':
      return { ...NOTHING, changes: [[columnResource(table, op.from), 'renameAway'], [columnResource(table, op.to), 'create']] };
    case 'addPrimaryKey':
    case 'dropPrimaryKey': {
      const { name, columns: keyColumns } = op.primaryKey;
      const provided = [...uniqueKey(table, keyColumns), ...(name !== undefined ? [objectResource(table, name)] : [])];
      return keyed(op.kind === 'addPrimaryKey', provided, columns(keyColumns), []);
    }
    case 'addUnique':
    case 'dropUnique':
      return keyed(op.kind === 'addUnique', [objectResource(table, op.unique.name), ...uniqueKey(table, op.unique.columns)], columns(op.unique.columns), []);
    case 'createIndex':
    case 'dropIndex':
      return keyed(
        op.kind === 'createIndex',
        [objectResource(table, op.index.name), ...indexKeys(table, op.index)],
        columns(indexColumns(op.index)),
        indexExpressionColumns(table, op.index),
      );
    case 'addForeignKey':
    case 'dropForeignKey':
      return keyed(op.kind === 'addForeignKey', [objectResource(table, op.foreignKey.name)], [], [
        ...columns(op.foreignKey.columns),
        ...referenceBasis(op.foreignKey),
      ]);
    case 'addCheck':
    case 'dropCheck':
      return keyed(op.kind === 'addCheck', [objectResource(table, op.check.name)], [], expressionColumns(table, op.check.sql));
    case 'setTableComment':
    case 'setTableOptions':
      return NOTHING;
  }

  /**
   * A constraint or index over `named` columns (which must merely exist) and computing with
   * `computed` ones (which must also have their new definition): added, it needs them; dropped,
   * it rests on them.
   */
  function keyed(added: boolean, provided: readonly string[], named: readonly string[], computed: readonly string[]): Needs {
    const changes = provided.map((resource) => [resource, added ? 'create' : 'drop'] as const);
    return added ? { ...NOTHING, changes, exists: named, uses: computed } : { ...NOTHING, changes, restsOn: computed, restsOnName: named };
  }
}

/** What orders operations whose needs are met alike: the former phase, then table and object name. */
interface Priority {
  readonly rank: number;
  readonly dropsTable: boolean;
  readonly subject: string;
  readonly object: string;
}

function priorityOf(op: Operation): Priority {
  return { rank: rank.get(op.kind)!, dropsTable: op.kind === 'dropTable', subject: operationSubject(op).name, object: objectOf(op) };
}

function comparePriority(a: Priority, b: Priority): number {
  const byKind = a.rank - b.rank;
  if (byKind !== 0) return byKind;
  // Tables are dropped in the reverse of the order they would be created in.
  if (a.dropsTable) return compareStrings(b.subject, a.subject);
  return compareStrings(a.subject, b.subject) || compareStrings(a.object, b.object);
}

/** The name that orders operations of one kind on one table; added columns keep their order. */
function objectOf(op: Operation): string {
  return op.kind === 'addColumn' ? '' : (operationObject(op)?.name ?? '');
}
