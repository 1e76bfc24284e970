/**
 * How MySQL's revisions differ from Kysely's defaults: a changed column is modified whole,
 * comments go inside the definitions they describe, constraints are dropped each by its own
 * clause, `DROP INDEX` names its table, FULLTEXT and SPATIAL indexes, and literal defaults that
 * MySQL 8 takes only as expressions.
 */
import type { Column, DefaultValue, Index, Table } from '../../model/types.js';
import { id, jsString, literal, qualifiedId, rawStatement, sqlTemplate } from '../../render/code.js';
import { alterTableStatement, dropConstraintStatement, type ConstraintKind } from '../../render/constraints.js';
import { keyPieces } from '../../render/indexes.js';
import { OperationRenderer, type OnlineStep } from '../../render/operation-renderer.js';
import type { Operation } from '../../operations/types.js';
import { inPlaceStatement, runsInPlace } from './online.js';
import { literalDefaultAsExpression, renderType } from './types.js';

/** MySQL's index kinds that are a keyword before INDEX, not a `USING` method. */
const INDEX_KINDS = new Set(['fulltext', 'spatial']);

/**
 * The MySQL (and MariaDB) renderer.
 *
 * @example
 * new MysqlRenderer().render({ kind: 'alterColumn', table: 'users', from, to }); // modifyColumn('email', …)
 */
export class MysqlRenderer extends OperationRenderer {
  constructor() {
    super(renderType);
  }

  /** A literal default of a type MySQL 8 takes only as an expression is written `sql\`('x')\``. */
  protected override defaultArgument(column: Column, value: DefaultValue): string {
    if (value.kind !== 'literal' || value.value === null || !literalDefaultAsExpression(column.type)) return super.defaultArgument(column, value);
    return sqlTemplate(['(', typeof value.value === 'string' ? literal(value.value) : String(value.value), ')']);
  }

  protected override columnCommentCalls(column: Column): string[] {
    return column.comment === undefined ? [] : [`modifyEnd(${sqlTemplate(['comment ', literal(column.comment)])})`];
  }

  protected override tableModifiers(table: Table): string[] {
    return table.comment === undefined ? [] : [`modifyEnd(${sqlTemplate(['comment = ', literal(table.comment)])})`];
  }

  /** Comments are part of the definitions: nothing to add after them. */
  protected override commentStatements(): string[] {
    return [];
  }

  protected override tableComment(table: string, comment: string | undefined): string {
    return rawStatement(['ALTER TABLE ', qualifiedId(table), ' COMMENT = ', literal(comment ?? '')]);
  }

  /** The full new definition: MySQL modifies a column whole. */
  protected override alterColumn(table: string, _from: Column, to: Column): string[] {
    return [alterTableStatement(table, `modifyColumn(${this.columnArguments(to)})`)];
  }

  /**
   * `DROP PRIMARY KEY`, `DROP FOREIGN KEY`, `dropIndex` for a unique constraint (a unique index
   * there), and `dropConstraint` for a check (MariaDB, MySQL 8.0.19+).
   */
  protected override dropConstraint(table: string, kind: ConstraintKind, name: string): string {
    switch (kind) {
      case 'primaryKey':
        return rawStatement(['ALTER TABLE ', id(table), ' DROP PRIMARY KEY']);
      case 'foreignKey':
        return rawStatement(['ALTER TABLE ', id(table), ' DROP FOREIGN KEY ', id(name)]);
      case 'unique':
        return alterTableStatement(table, `dropIndex(${jsString(name)})`);
      case 'check':
        return dropConstraintStatement(table, name);
    }
  }

  /** `CREATE FULLTEXT INDEX …`, which Kysely's builder cannot write. */
  protected override createIndex(table: string, index: Index): string {
    const kind = index.method?.toLowerCase();
    if (kind === undefined || !INDEX_KINDS.has(kind)) return super.createIndex(table, index);
    return rawStatement([`CREATE ${kind.toUpperCase()} INDEX `, id(index.name), ' ON ', id(table), ' (', ...keyPieces(index), ')']);
  }

  /** MySQL's `DROP INDEX` names the table. */
  protected override dropIndexCalls(table: string, index: Index): string[] {
    return [...super.dropIndexCalls(table, index), `on(${jsString(table)})`];
  }

  /** Online revisions: what InnoDB makes in place without blocking writes is written with `inPlace` (online.ts). */
  override onlineSteps(op: Operation): OnlineStep[] {
    const steps = super.onlineSteps(op);
    if (!runsInPlace(op, (type) => this.typeSql(type))) return steps;
    return steps.map((step) => ({ ...step, statements: step.statements.map(inPlaceStatement) }));
  }
}
