/**
 * What an operation acts on: the one answer to "which table does this operation touch", for
 * ordering, lowering and the autogenerate's choice of what to canonicalise.
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
