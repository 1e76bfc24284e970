/**
 * How SQLite's revisions differ from Kysely's defaults: an enumeration column carries
 * `CHECK ("col" IN (…))`, `STRICT`/`WITHOUT ROWID` follow the table's definition, and the
 * table rebuilds that SQLite's `lower` makes of what it cannot ALTER.
 */
import { describeTableOptions, tableOptions } from '../../model/table-options.js';
import type { Column, Table } from '../../model/types.js';
import type { Operation } from '../../operations/types.js';
import { sqlTemplate } from '../../render/code.js';
import { OperationRenderer } from '../../render/operation-renderer.js';
import { rebuildTableStatements } from './rebuild.js';
import { enumValuesCheck, renderSqliteType } from './types.js';

/**
 * The SQLite renderer.
 *
 * @example
 * new SqliteRenderer().render({ kind: 'rebuildTable', from, to, reasons: ['alter column email (type)'] });
 */
export class SqliteRenderer extends OperationRenderer {
  constructor() {
    super(renderSqliteType);
  }

  /** SQLite has no lock a migration could queue behind: online mode writes plain revisions. */
  override get online(): undefined {
    return undefined;
  }

  protected override columnCheck(column: Column): string | undefined {
    return enumValuesCheck(column);
  }

  protected override tableModifiers(table: Table): string[] {
    const options = tableOptions(table);
    return options.strict || options.withoutRowid ? [`modifyEnd(${sqlTemplate([describeTableOptions(options)])})`] : [];
  }

  protected override rebuildTable(op: Extract<Operation, { kind: 'rebuildTable' }>): string[] {
    return rebuildTableStatements(op.from, op.to, op.reasons, (table, name) => this.createTableChain(table, name));
  }
}
