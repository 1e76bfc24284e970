/**
 * Operations → Kysely schema-builder code, the way Kysely compiles queries: this default writes
 * what Kysely's builders can say, and a dialect whose database differs overrides the methods
 * where it does, in its own folder (`src/dialects/<name>/render.ts`), as Kysely's
 * `PostgresQueryCompiler` overrides its `DefaultQueryCompiler`. What Kysely's builders cannot say
 * and no dialect-neutral SQL spells (changing a column's auto-increment or generation, a
 * collation, an enumeration's values, a table rebuild) has no default: it throws, naming the
 * method a dialect that needs it overrides.
 */
import { columnDifferences } from '../model/equality.js';
import { qualifiedName, splitQualified } from '../model/qualified-name.js';
import type { Column, ColumnType, DefaultValue, Index, Table } from '../model/types.js';
import type { Operation } from '../operations/types.js';
import type { LockRetryOptions } from '../config/types.js';
import { chain, id, jsString, sqlTemplate } from './code.js';
import { alterColumnStatement, columnCommentStatement, renderDefaultArgument, tableCommentStatement } from './columns.js';
import {
  addForeignKeyStatement,
  alterTableStatement,
  checkCall,
  dropConstraintStatement,
  foreignKeyCall,
  primaryKeyCall,
  primaryKeyName,
  uniqueCall,
  type ConstraintKind,
} from './constraints.js';
import { createEnumStatement, dropEnumStatement } from './enums.js';
import { createIndexStatement } from './indexes.js';

/**
 * How a column type is written in Kysely schema-builder code: a data type string that
 * Kysely's `addColumn` accepts as is, or raw SQL that must be wrapped in `sql\`…\``.
 */
export type RenderedType =
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'sql'; readonly sql: string };

/** How revisions are written: `online` (lock settings) makes them online revisions (docs/lint.md). */
export interface RenderOptions {
  readonly online?: Required<LockRetryOptions>;
}

/**
 * One step of an online revision: statements that take locks, run together under one
 * `withLockRetries` (one short transaction on PostgreSQL), or statements that block no writer
 * (`CREATE INDEX CONCURRENTLY`), which run as they are.
 */
export interface OnlineStep {
  readonly locking: boolean;
  readonly statements: readonly string[];
}

export interface ColumnRenderOptions {
  /** Declare the primary key on the column (SQLite's AUTOINCREMENT requires it). */
  readonly primaryKey?: boolean;
}

/** The error of a default that has no spelling for what was asked. */
function noSpelling(what: string, method: string): Error {
  return new Error(`Kysely's builders cannot ${what}, and this dialect's renderer does not override ${method}().`);
}

/**
 * The default renderer, and the base of each dialect's. `renderType` maps a canonical type to
 * what `addColumn` takes (each dialect has its own).
 *
 * @example
 * const renderer = new OperationRenderer(renderSqliteType);
 * renderer.render({ kind: 'dropTable', table: users }); // ["await db.schema\n  .dropTable('users')\n  .execute();"]
 */
export class OperationRenderer {
  protected renderOptions: RenderOptions = {};

  constructor(readonly renderType: (type: ColumnType) => RenderedType) {}

  /**
   * This renderer writing with `options` (a copy; the dialect's own renderer stays as it is).
   *
   * @example
   * dialect.renderer.withOptions({ online: config.online }); // online revisions when config.online is set
   */
  withOptions(options: RenderOptions): this {
    const copy = Object.assign(Object.create(Object.getPrototypeOf(this) as object) as this, this);
    copy.renderOptions = options;
    return copy;
  }

  /** The lock settings of online revisions, or undefined when this renderer writes plain ones. */
  get online(): Required<LockRetryOptions> | undefined {
    return this.renderOptions.online;
  }

  /**
   * The steps of one operation in an online revision. By default all its statements take their
   * locks together; a dialect splits out what can run without blocking writes.
   */
  onlineSteps(op: Operation): OnlineStep[] {
    return [{ locking: true, statements: this.render(op) }];
  }

  /**
   * Whether the revisions this renderer writes run in a transaction; `false` is written as
   * `export const transactional = false` (a dialect whose online forms cannot run in one).
   */
  get transactional(): boolean {
    return true;
  }

  /**
   * The value of an online revision's `locks` constant, which its `withLockRetries` steps use.
   *
   * @example
   * dialect.renderer.withOptions({ online: DEFAULT_LOCK_RETRIES }).locks; // { lockTimeoutMs: 500, retries: 6, backoffMs: 500 }
   */
  get locks(): Required<LockRetryOptions> | undefined {
    if (this.online === undefined) return undefined;
    const { lockTimeoutMs, retries, backoffMs } = this.online;
    return { lockTimeoutMs, retries, backoffMs };
  }

  /**
   * Lines an online revision declares after its imports: `transactional = false` when it runs
   * outside a transaction, and the lock settings its `withLockRetries` steps use (`locks`) when
   * it has any.
   */
  onlinePreamble(usesLockRetries: boolean): string[] {
    const lines = this.transactional ? [] : ['export const transactional = false;'];
    if (!usesLockRetries) return lines;
    const { lockTimeoutMs, retries, backoffMs } = this.locks ?? {};
    return [
      ...lines,
      '/** Online revision: each locking step waits at most lockTimeoutMs for its lock, then retries with backoff. */',
      `const locks = { lockTimeoutMs: ${lockTimeoutMs}, retries: ${retries}, backoffMs: ${backoffMs} };`,
    ];
  }

  /** The statements (each one or more lines) for one operation. */
  render(op: Operation): string[] {
    switch (op.kind) {
      case 'createSchema':
        return [chain([`createSchema(${jsString(op.schema)})`, 'ifNotExists()'])];
      case 'dropSchema':
        return [chain([`dropSchema(${jsString(op.schema)})`])];
      case 'createTable':
        return this.createTable(op.table);
      case 'dropTable':
        return [chain([`dropTable(${jsString(qualifiedName(op.table))})`])];
      case 'renameTable':
        // RENAME TO takes a bare name: the table stays in its schema.
        return [alterTableStatement(op.from, `renameTo(${jsString(splitQualified(op.to).name)})`)];
      case 'addColumn':
        return [alterTableStatement(op.table, `addColumn(${this.columnArguments(op.column)})`), ...this.commentStatements(op.table, undefined, [op.column])];
      case 'dropColumn':
        return [alterTableStatement(op.table, `dropColumn(${jsString(op.column.name)})`)];
      case 'renameColumn':
        return [alterTableStatement(op.table, `renameColumn(${jsString(op.from)}, ${jsString(op.to)})`)];
      case 'alterColumn':
        return this.alterColumn(op.table, op.from, op.to);
      case 'addPrimaryKey':
        return [alterTableStatement(op.table, primaryKeyCall(op.table, op.primaryKey))];
      case 'dropPrimaryKey':
        return [this.dropConstraint(op.table, 'primaryKey', primaryKeyName(op.table, op.primaryKey))];
      case 'createIndex':
        return [this.createIndex(op.table, op.index)];
      case 'dropIndex':
        return [chain(this.dropIndexCalls(op.table, op.index))];
      case 'addForeignKey':
        return [addForeignKeyStatement(op.table, op.foreignKey)];
      case 'dropForeignKey':
        return [this.dropConstraint(op.table, 'foreignKey', op.foreignKey.name)];
      case 'addUnique':
        return [alterTableStatement(op.table, uniqueCall(op.unique))];
      case 'dropUnique':
        return [this.dropConstraint(op.table, 'unique', op.unique.name)];
      case 'addCheck':
        return [alterTableStatement(op.table, checkCall(op.check))];
      case 'dropCheck':
        return [this.dropConstraint(op.table, 'check', op.check.name)];
      case 'createEnum':
        return [createEnumStatement(op.enum)];
      case 'dropEnum':
        return [dropEnumStatement(op.enum)];
      case 'alterEnum':
        return this.alterEnum(op);
      case 'setTableComment':
        return [this.tableComment(op.table, op.to)];
      case 'setTableOptions':
        // Only SQLite has these options, and its `lower` turns every change of them into a rebuild.
        throw new Error(`setTableOptions on ${op.table} must be lowered into a table rebuild before it is rendered.`);
      case 'rebuildTable':
        return this.rebuildTable(op);
    }
  }

  /**
   * The data type argument of `addColumn`: a string Kysely accepts, or an `sql` template.
   *
   * @example
   * renderer.typeArgument({ kind: 'integer' }); // "'integer'"
   */
  typeArgument(type: ColumnType): string {
    const rendered = this.renderType(type);
    return rendered.kind === 'builtin' ? jsString(rendered.name) : sqlTemplate([rendered.sql]);
  }

  /**
   * The type as raw SQL text, for statements written with `sql`.
   *
   * @example
   * renderer.typeSql({ kind: 'varchar', length: 20 }); // 'varchar(20)'
   */
  typeSql(type: ColumnType): string {
    const rendered = this.renderType(type);
    return rendered.kind === 'builtin' ? rendered.name : rendered.sql;
  }

  /**
   * The arguments of `addColumn`/`modifyColumn`: `'name', type[, (col) => col.…]`.
   *
   * @example
   * renderer.columnArguments(column); // "'email', 'varchar(255)', (col) => col.notNull()"
   */
  columnArguments(column: Column, options: ColumnRenderOptions = {}): string {
    const modifiers = this.columnModifiers(column, options);
    const args = [jsString(column.name), this.typeArgument(column.type)];
    if (modifiers.length > 0) args.push(`(col) => col.${modifiers.join('.')}`);
    return args.join(', ');
  }

  /** The modifier calls of a column definition, e.g. `['notNull()', 'defaultTo(0)']`. */
  protected columnModifiers(column: Column, options: ColumnRenderOptions): string[] {
    const calls: string[] = [];
    if (column.collation !== undefined) calls.push(`modifyFront(${sqlTemplate(['collate ', id(column.collation)])})`);
    if (options.primaryKey) calls.push('primaryKey()');
    if (column.autoIncrement) calls.push(this.autoIncrementCall());
    if (!column.nullable) calls.push('notNull()');
    if (column.default !== undefined) calls.push(`defaultTo(${this.defaultArgument(column, column.default)})`);
    if (column.generated !== undefined) {
      calls.push(`generatedAlwaysAs(${sqlTemplate([column.generated.sql])})`);
      if (column.generated.stored) calls.push('stored()');
    }
    const check = this.columnCheck(column);
    if (check !== undefined) calls.push(`check(${sqlTemplate([check])})`);
    return [...calls, ...this.columnCommentCalls(column)];
  }

  /** Kysely's auto-increment modifier (AUTO_INCREMENT, SQLite's AUTOINCREMENT). */
  protected autoIncrementCall(): string {
    return 'autoIncrement()';
  }

  /** The argument of `defaultTo`: a JavaScript literal Kysely escapes, or `sql`. */
  protected defaultArgument(_column: Column, value: DefaultValue): string {
    return renderDefaultArgument(value);
  }

  /** SQL of a CHECK written into the column's own definition; none by default. */
  protected columnCheck(_column: Column): string | undefined {
    return undefined;
  }

  /** Modifier calls that carry the column's comment inside its definition; none by default (comments are statements). */
  protected columnCommentCalls(_column: Column): string[] {
    return [];
  }

  /**
   * The `createTable` chain alone, under `name` (the table's own name unless rebuilding).
   *
   * @example
   * renderer.createTableChain(users, '_schemigrate_new_users');
   */
  createTableChain(table: Table, name: string = qualifiedName(table)): string {
    const keyColumn = this.columnLevelPrimaryKey(table);
    const calls = [`createTable(${jsString(name)})`];
    for (const column of table.columns) {
      calls.push(`addColumn(${this.columnArguments(column, { primaryKey: column.name === keyColumn })})`);
    }
    if (table.primaryKey && keyColumn === undefined) calls.push(primaryKeyCall(table.name, table.primaryKey));
    for (const unique of table.uniques) calls.push(uniqueCall(unique));
    for (const check of table.checks) calls.push(checkCall(check));
    for (const fk of table.foreignKeys) calls.push(foreignKeyCall(fk));
    return chain([...calls, ...this.tableModifiers(table)]);
  }

  /**
   * The single auto-increment primary key column that carries `.primaryKey()` itself, as
   * Kysely's `autoIncrement()` needs (SQLite's AUTOINCREMENT, MySQL's AUTO_INCREMENT).
   */
  protected columnLevelPrimaryKey(table: Table): string | undefined {
    const key = table.primaryKey;
    if (!key || key.columns.length !== 1) return undefined;
    const column = table.columns.find((candidate) => candidate.name === key.columns[0]);
    return column?.autoIncrement ? column.name : undefined;
  }

  /** Calls after the columns and constraints of `createTable` (`modifyEnd(…)`); none by default. */
  protected tableModifiers(_table: Table): string[] {
    return [];
  }

  /** The statements that create a table: the chain, its indexes, then its comments. */
  protected createTable(table: Table): string[] {
    const identity = qualifiedName(table);
    return [
      this.createTableChain(table),
      ...table.indexes.map((index) => this.createIndex(identity, index)),
      ...this.commentStatements(identity, table.comment, table.columns),
    ];
  }

  /**
   * The statements that give a created table or added columns their comments: `COMMENT ON` by
   * default, for the table (when `comment` is given) and each column that has one.
   */
  protected commentStatements(table: string, comment: string | undefined, columns: readonly Column[]): string[] {
    return [
      ...(comment === undefined ? [] : [this.tableComment(table, comment)]),
      ...columns.flatMap((column) => (column.comment === undefined ? [] : [columnCommentStatement(table, column.name, column.comment)])),
    ];
  }

  /** The statement that sets (or, `undefined`, clears) a table's comment: `COMMENT ON TABLE` by default. */
  protected tableComment(table: string, comment: string | undefined): string {
    return tableCommentStatement(table, comment);
  }

  /**
   * The statements that take column `from` to `to`: only what changed, each with Kysely's
   * `alterColumn` builder, the default dropped around a type change (the old default may not
   * cast to the new type). A column that becomes generated is re-created (its values are derived).
   */
  protected alterColumn(table: string, from: Column, to: Column): string[] {
    const changed = new Set(columnDifferences(from, to));
    const column = to.name;
    if (changed.has('generated') && to.generated) {
      return [
        alterTableStatement(table, `dropColumn(${jsString(column)})`),
        alterTableStatement(table, `addColumn(${this.columnArguments(to)})`),
        ...this.commentStatements(table, undefined, [to]),
      ];
    }
    const alter = (change: string) => alterColumnStatement(table, column, change);
    const statements: string[] = [];
    if (changed.has('autoIncrement') && !to.autoIncrement) statements.push(...this.dropAutoIncrement(table, column));
    if (changed.has('generated')) statements.push(...this.dropGeneration(table, column));
    const retyped = changed.has('type') || changed.has('collation');
    const defaultAroundType = retyped && from.default !== undefined;
    if (defaultAroundType) statements.push(alter('dropDefault()'));
    if (retyped) statements.push(...this.retype(table, from, to, changed.has('type')));
    if (changed.has('nullable')) statements.push(alter(to.nullable ? 'dropNotNull()' : 'setNotNull()'));
    if (changed.has('default') || defaultAroundType) {
      if (to.default !== undefined) statements.push(alter(`setDefault(${renderDefaultArgument(to.default)})`));
      else if (!defaultAroundType) statements.push(alter('dropDefault()'));
    }
    if (changed.has('autoIncrement') && to.autoIncrement) statements.push(...this.addAutoIncrement(table, column));
    if (changed.has('comment')) statements.push(columnCommentStatement(table, column, to.comment));
    return statements;
  }

  /** The statements that give column `from` the type (and collation) of `to`: Kysely's `setDataType`. */
  protected retype(table: string, from: Column, to: Column, _typeChanged: boolean): string[] {
    if (from.collation !== to.collation) throw noSpelling(`change the collation of ${table}.${to.name}`, 'retype');
    return [alterColumnStatement(table, to.name, `setDataType(${this.typeArgument(to.type)})`)];
  }

  /** The statements that make an existing column auto-increment; no default. */
  protected addAutoIncrement(table: string, column: string): string[] {
    throw noSpelling(`make ${table}.${column} auto-increment`, 'addAutoIncrement');
  }

  /** The statements that stop a column auto-incrementing; no default. */
  protected dropAutoIncrement(table: string, column: string): string[] {
    throw noSpelling(`stop ${table}.${column} auto-incrementing`, 'dropAutoIncrement');
  }

  /** The statements that turn a generated column into a plain one, keeping its values; no default. */
  protected dropGeneration(table: string, column: string): string[] {
    throw noSpelling(`turn the generated column ${table}.${column} into a plain one`, 'dropGeneration');
  }

  /** The statement that drops a constraint: Kysely's `dropConstraint(name)`, whatever its kind. */
  protected dropConstraint(table: string, _kind: ConstraintKind, name: string): string {
    return dropConstraintStatement(table, name);
  }

  /** `db.schema.createIndex(name).on(table)…` for one index. */
  protected createIndex(table: string, index: Index): string {
    return createIndexStatement(table, index);
  }

  /** The calls of `db.schema.dropIndex(…)`: an index lives in its table's schema. */
  protected dropIndexCalls(table: string, index: Index): string[] {
    const { schema } = splitQualified(table);
    return [`dropIndex(${jsString(schema === undefined ? index.name : `${schema}.${index.name}`)})`];
  }

  /** The statements that change an enumeration's values; no default (only PostgreSQL keeps enumeration types). */
  protected alterEnum(op: Extract<Operation, { kind: 'alterEnum' }>): string[] {
    throw noSpelling(`change the values of the enumeration ${qualifiedName(op.to)}`, 'alterEnum');
  }

  /** The statements of a table rebuild; no default (only dialects whose `lower` rebuilds tables render them). */
  protected rebuildTable(op: Extract<Operation, { kind: 'rebuildTable' }>): string[] {
    throw noSpelling(`rebuild the table ${qualifiedName(op.to)}`, 'rebuildTable');
  }
}
