/**
 * Fake DDL styles shaped like the real dialects', so render tests do not depend on them.
 */
import type { DdlStyle, RenderedType } from '../../../src/dialects/dialect.js';
import type { ColumnType } from '../../../src/model/types.js';

function basicType(type: ColumnType): RenderedType {
  switch (type.kind) {
    case 'varchar':
      return { kind: 'builtin', name: type.length === undefined ? 'varchar' : `varchar(${type.length})` };
    case 'numeric':
      return type.scale === undefined
        ? { kind: 'sql', sql: `numeric(${type.precision ?? 10})` }
        : { kind: 'builtin', name: `numeric(${type.precision}, ${type.scale})` };
    case 'timestamp':
      return { kind: 'builtin', name: type.withTimezone ? 'timestamptz' : 'timestamp' };
    case 'enum':
      return { kind: 'sql', sql: `"${type.name}"` };
    case 'custom':
      return { kind: 'sql', sql: type.sql };
    case 'char':
      return { kind: 'builtin', name: `char(${type.length})` };
    case 'double':
      return { kind: 'builtin', name: 'double precision' };
    default:
      return { kind: 'builtin', name: type.kind };
  }
}

export const sqliteLikeDdl: DdlStyle = {
  renderType: basicType,
  autoIncrement: 'modifier',
  dropIndexNeedsTable: false,
  alterColumn: 'rebuild',
  dropConstraint: 'named',
  literalDefaultAsExpression: () => false,
};

export const postgresLikeDdl: DdlStyle = {
  renderType: basicType,
  autoIncrement: 'identity',
  dropIndexNeedsTable: false,
  alterColumn: 'separate',
  dropConstraint: 'named',
  literalDefaultAsExpression: () => false,
};

export const mysqlLikeDdl: DdlStyle = {
  renderType: basicType,
  autoIncrement: 'modifier',
  dropIndexNeedsTable: true,
  alterColumn: 'modify',
  dropConstraint: 'by-kind',
  literalDefaultAsExpression: () => false,
};
