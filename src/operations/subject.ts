/**
 * What an operation acts on: the one answer to "which table does this operation touch", and to
 * "which named part of it", for ordering, lowering and the autogenerate's choice of what to
 * canonicalise.
 */
import { qualifiedName } from '../model/qualified-name.js';
import type { Operation } from './types.js';

/** A table, an enumeration or a schema, by identity (`qualifiedName`). */
export interface OperationSubject {
  readonly kind: 'table' | 'enum' | 'schema';
  readonly name: string;
}

/**
 * What `op` acts on: its table (the old name for a rename, the old definition's for a rebuild),
 * its enumeration (likewise) or its schema.
 *
 * @example
 * operationSubject({ kind: 'renameTable', from: 'users', to: 'people' }); // { kind: 'table', name: 'users' }
 * operationSubject({ kind: 'dropEnum', enum: { name: 'mood', schema: 'audit', values: [] } }); // { kind: 'enum', name: 'audit.mood' }
 */
export function operationSubject(op: Operation): OperationSubject {
  switch (op.kind) {
    case 'createSchema':
    case 'dropSchema':
      return { kind: 'schema', name: op.schema };
    case 'createEnum':
    case 'dropEnum':
      return { kind: 'enum', name: qualifiedName(op.enum) };
    case 'alterEnum':
      return { kind: 'enum', name: qualifiedName(op.from) };
    case 'createTable':
    case 'dropTable':
      return { kind: 'table', name: qualifiedName(op.table) };
    case 'renameTable':
      return { kind: 'table', name: op.from };
    case 'rebuildTable':
      return { kind: 'table', name: qualifiedName(op.from) };
    default:
      return { kind: 'table', name: op.table };
  }
}

/**
 * The table `op` acts on (see `operationSubject`), or undefined for enumerations and schemas.
 *
 * @example
 * operationTable({ kind: 'addColumn', table: 'audit.events', column }); // 'audit.events'
 * operationTable({ kind: 'createSchema', schema: 'audit' }); // undefined
 */
export function operationTable(op: Operation): string | undefined {
  const subject = operationSubject(op);
  return subject.kind === 'table' ? subject.name : undefined;
}

/** A named part of a table: a column, an index, a foreign key, a unique constraint or a check. */
export interface OperationObject {
  readonly kind: 'column' | 'index' | 'foreignKey' | 'unique' | 'check';
  readonly name: string;
}

/**
 * The named part of its table `op` adds, drops, changes or renames (a renamed column by its old
 * name); undefined for an operation on a whole table, an enumeration or a schema.
 *
 * @example
 * operationObject({ kind: 'dropCheck', table: 'orders', check: { name: 'ck_qty', sql: 'qty > 0' } }); // { kind: 'check', name: 'ck_qty' }
 */
export function operationObject(op: Operation): OperationObject | undefined {
  switch (op.kind) {
    case 'addColumn':
    case 'dropColumn':
      return { kind: 'column', name: op.column.name };
    case 'alterColumn':
      return { kind: 'column', name: op.from.name };
    case 'renameColumn':
      return { kind: 'column', name: op.from };
    case 'createIndex':
    case 'dropIndex':
      return { kind: 'index', name: op.index.name };
    case 'addForeignKey':
    case 'dropForeignKey':
      return { kind: 'foreignKey', name: op.foreignKey.name };
    case 'addUnique':
    case 'dropUnique':
      return { kind: 'unique', name: op.unique.name };
    case 'addCheck':
    case 'dropCheck':
      return { kind: 'check', name: op.check.name };
    default:
      return undefined;
  }
}
