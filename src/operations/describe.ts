/**
 * One human line per operation, for `revision --dry-run` and `check`.
 */
import { describeDefault, describeType } from '../model/describe-type.js';
import { columnDifferences } from '../model/equality.js';
import { qualifiedName, referencedName } from '../model/qualified-name.js';
import { describeTableOptions } from '../model/table-options.js';
import type { Column, ForeignKey, Index } from '../model/types.js';
import type { Operation } from './types.js';

/**
 * A one-line description: `+` adds, `-` removes, `~` changes.
 *
 * @example
 * describeOperation({ kind: 'dropColumn', table: 'users', column }); // '- column users.age'
 */
export function describeOperation(op: Operation): string {
  switch (op.kind) {
    case 'createSchema':
      return `+ schema ${op.schema}`;
    case 'dropSchema':
      return `- schema ${op.schema}`;
    case 'createTable':
      return `+ table ${qualifiedName(op.table)}`;
    case 'dropTable':
      return `- table ${qualifiedName(op.table)}`;
    case 'renameTable':
      return `~ table ${op.from} → ${op.to}`;
    case 'addColumn':
      return `+ column ${op.table}.${op.column.name} ${describeColumnDefinition(op.column)}`;
    case 'dropColumn':
      return `- column ${op.table}.${op.column.name}`;
    case 'renameColumn':
      return `~ column ${op.table}.${op.from} → ${op.to}`;
    case 'alterColumn':
      return `~ column ${op.table}.${op.to.name}: ${describeColumnChange(op.from, op.to)}`;
    case 'addPrimaryKey':
      return `+ primary key ${op.primaryKey.name ?? `pk_${op.table}`} on ${op.table} (${op.primaryKey.columns.join(', ')})`;
    case 'dropPrimaryKey':
      return `- primary key ${op.primaryKey.name ?? `pk_${op.table}`} on ${op.table}`;
    case 'createIndex':
      return `+ ${describeIndex(op.table, op.index)}`;
    case 'dropIndex':
      return `- ${op.index.unique ? 'unique index' : 'index'} ${op.index.name} on ${op.table}`;
    case 'addForeignKey':
      return `+ ${describeForeignKey(op.table, op.foreignKey)}`;
    case 'dropForeignKey':
      return `- foreign key ${op.foreignKey.name} on ${op.table}`;
    case 'addUnique':
      return `+ unique ${op.unique.name} on ${op.table} (${op.unique.columns.join(', ')})`;
    case 'dropUnique':
      return `- unique ${op.unique.name} on ${op.table}`;
    case 'addCheck':
      return `+ check ${op.check.name} on ${op.table} (${op.check.sql})`;
    case 'dropCheck':
      return `- check ${op.check.name} on ${op.table}`;
    case 'createEnum':
      return `+ enum ${qualifiedName(op.enum)} (${op.enum.values.join(', ')})`;
    case 'dropEnum':
      return `- enum ${qualifiedName(op.enum)}`;
    case 'alterEnum':
      return `~ enum ${qualifiedName(op.to)}: (${op.from.values.join(', ')}) → (${op.to.values.join(', ')})`;
    case 'setTableComment':
      return `~ comment on table ${op.table}: ${quoted(op.from)} → ${quoted(op.to)}`;
    case 'setTableOptions':
      return `~ table ${op.table}: ${describeTableOptions(op.from)} → ${describeTableOptions(op.to)}`;
    case 'rebuildTable':
      return `~ table ${qualifiedName(op.to)} rebuilt (${op.reasons.join('; ')})`;
  }
}

function quoted(text: string | undefined): string {
  return text === undefined ? 'none' : JSON.stringify(text);
}

function describeColumnDefinition(column: Column): string {
  const words = [describeType(column.type)];
  if (!column.nullable) words.push('not null');
  if (column.autoIncrement) words.push('auto increment');
  if (column.default) words.push(`default ${describeDefault(column.default)}`);
  if (column.generated) words.push(`generated as (${column.generated.sql})${column.generated.stored ? ' stored' : ''}`);
  return words.join(' ');
}

function describeColumnChange(from: Column, to: Column): string {
  return columnDifferences(from, to)
    .map((aspect) => {
      switch (aspect) {
        case 'type':
          return `${describeType(from.type)} → ${describeType(to.type)}`;
        case 'nullable':
          return `${from.nullable ? 'nullable' : 'not null'} → ${to.nullable ? 'nullable' : 'not null'}`;
        case 'default':
          return `default ${from.default ? describeDefault(from.default) : 'none'} → ${to.default ? describeDefault(to.default) : 'none'}`;
        case 'autoIncrement':
          return to.autoIncrement ? 'auto increment added' : 'auto increment removed';
        case 'generated':
          return `generated ${from.generated ? `(${from.generated.sql})` : 'none'} → ${to.generated ? `(${to.generated.sql})` : 'none'}`;
        case 'comment':
          return `comment ${quoted(from.comment)} → ${quoted(to.comment)}`;
        case 'collation':
          return `collation ${from.collation ?? 'default'} → ${to.collation ?? 'default'}`;
      }
    })
    .join(', ');
}

function describeIndex(table: string, index: Index): string {
  const parts = index.parts.map((part) => {
    const text = part.kind === 'column' ? part.name : `(${part.sql})`;
    return part.descending ? `${text} desc` : text;
  });
  const method = index.method ? ` using ${index.method}` : '';
  const where = index.where ? ` where ${index.where}` : '';
  return `${index.unique ? 'unique index' : 'index'} ${index.name} on ${table}${method} (${parts.join(', ')})${where}`;
}

function describeForeignKey(table: string, fk: ForeignKey): string {
  let text = `foreign key ${fk.name} on ${table} (${fk.columns.join(', ')}) → ${referencedName(fk)} (${fk.referencedColumns.join(', ')})`;
  if (fk.onDelete) text += ` on delete ${fk.onDelete}`;
  if (fk.onUpdate) text += ` on update ${fk.onUpdate}`;
  if (fk.deferrable) text += ` deferrable initially ${fk.deferrable}`;
  return text;
}
