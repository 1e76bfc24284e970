/**
 * What a declared schema may say that SQLite cannot express.
 */
import { namedSchemaProblems } from '../named-schemas.js';
import type { Model, Table } from '../../model/types.js';
import { sqliteDeclaredType } from './types.js';

/** The only declared types a STRICT table accepts (any case). */
const STRICT_TYPES = ['int', 'integer', 'real', 'text', 'blob', 'any'];

/**
 * One sentence per construct SQLite cannot express.
 *
 * @example
 * validateForSqlite(schema); // ['Foreign key fk_posts_authorId_users on posts: deferrable is PostgreSQL-only.']
 * // a STRICT table's column of a type STRICT does not take, a WITHOUT ROWID table without a primary key: one sentence each
 */
export function validateForSqlite(schema: Model): string[] {
  return namedSchemaProblems(schema, 'SQLite').concat(schema.tables.flatMap((table) => [
    ...table.foreignKeys
      .filter((fk) => fk.deferrable !== undefined)
      .map((fk) => `Foreign key ${fk.name} on ${table.name}: deferrable is PostgreSQL-only.`),
    ...table.indexes
      .filter((index) => index.method !== undefined)
      .map((index) => `Index ${index.name} on ${table.name}: SQLite has no index methods (using ${index.method}).`),
    ...columnProblems(table),
    ...tableOptionProblems(table),
  ]));
}

/** What SQLite refuses in a STRICT or WITHOUT ROWID table. */
function tableOptionProblems(table: Table): string[] {
  const problems: string[] = [];
  if (table.strict) {
    for (const column of table.columns) {
      const declared = sqliteDeclaredType(column.type);
      if (STRICT_TYPES.includes(declared.toLowerCase())) continue;
      problems.push(
        `Column ${table.name}.${column.name}: a STRICT table takes only the types INT, INTEGER, REAL, TEXT, BLOB and ANY, not ${declared}; declare it integer(), real(), text(), blob() or custom('any').`,
      );
    }
  }
  if (table.withoutRowid && table.primaryKey === undefined) {
    problems.push(`Table ${table.name}: a WITHOUT ROWID table needs a primary key.`);
  }
  const autoIncrement = table.columns.find((column) => column.autoIncrement);
  if (table.withoutRowid && autoIncrement) {
    problems.push(`Column ${table.name}.${autoIncrement.name}: SQLite has no auto-increment in a WITHOUT ROWID table.`);
  }
  return problems;
}

function columnProblems(table: Table): string[] {
  const primaryKey = table.primaryKey?.columns ?? [];
  return table.columns.flatMap((column) => {
    const where = `Column ${table.name}.${column.name}`;
    const problems: string[] = [];
    const isSoleIntegerKey = primaryKey.length === 1 && primaryKey[0] === column.name && column.type.kind === 'integer';
    if (column.autoIncrement && !isSoleIntegerKey) {
      problems.push(`${where}: SQLite allows auto-increment only on an integer() column that is the whole primary key.`);
    }
    if (column.generated && primaryKey.includes(column.name)) {
      problems.push(`${where}: SQLite does not allow a generated column in the primary key.`);
    }
    if (column.generated && column.default) {
      problems.push(`${where}: a generated column cannot also have a default.`);
    }
    return problems;
  });
}
