/**
 * MySQL's online forms (docs/lint.md, "Online mode"): the changes InnoDB makes in place
 * without blocking writes are written with `inPlace`, so that the server refuses them rather
 * than copy the table. Changes it can only make by copying (a type change, a foreign key, a
 * check, a stored generated column) are left as they are: `schemigrate lint` reports them.
 */
import { typeChangeCopies } from '../../lint/mysql.js';
import type { Column } from '../../model/types.js';
import type { Operation } from '../../operations/types.js';

const CHAIN_START = 'await db.schema\n';
const CHAIN_END = '\n  .execute();';

/**
 * Whether InnoDB makes `op` in place with LOCK=NONE; `typeSql` writes a column type as MySQL does.
 *
 * @example
 * runsInPlace({ kind: 'createIndex', table: 'posts', index }, typeSql); // true
 */
export function runsInPlace(op: Operation, typeSql: (type: Column['type']) => string): boolean {
  switch (op.kind) {
    case 'createIndex':
      return op.index.method === undefined || !['fulltext', 'spatial'].includes(op.index.method.toLowerCase());
    case 'addColumn':
      return !op.column.autoIncrement && !op.column.generated?.stored;
    case 'alterColumn':
      return (
        op.from.collation === op.to.collation &&
        op.from.autoIncrement === op.to.autoIncrement &&
        JSON.stringify(op.from.generated) === JSON.stringify(op.to.generated) &&
        !typeChangeCopies(typeSql(op.from.type).toLowerCase(), typeSql(op.to.type).toLowerCase())
      );
    case 'dropColumn':
    case 'renameColumn':
    case 'addUnique':
    case 'dropUnique':
      return true;
    default:
      // DROP INDEX only changes metadata, and MariaDB takes no ALGORITHM clause on it.
      return false;
  }
}

/**
 * A builder chain (`await db.schema….execute();`) run through `inPlace`; other statements as they are.
 *
 * @example
 * inPlaceStatement("await db.schema\n  .createIndex('ix')\n  .on('t')\n  .column('a')\n  .execute();");
 * // "await db.executeQuery(inPlace(db.schema\n  .createIndex('ix')\n  .on('t')\n  .column('a')));"
 */
export function inPlaceStatement(statement: string): string {
  if (!statement.startsWith(CHAIN_START) || !statement.endsWith(CHAIN_END)) return statement;
  const calls = statement.slice(CHAIN_START.length, -CHAIN_END.length);
  return `await db.executeQuery(inPlace(db.schema\n${calls}));`;
}
