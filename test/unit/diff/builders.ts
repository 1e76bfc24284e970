/**
 * Small builders for model values in tests: every field has a sensible default, so a test
 * spells out only what it is about.
 */
import type { Column, ColumnType, ForeignKey, Index, Model, Table } from '../../../src/model/types.js';

export function column(name: string, type: ColumnType = { kind: 'integer' }, extra: Partial<Column> = {}): Column {
  return { name, type, nullable: true, autoIncrement: false, ...extra };
}

export function idColumn(name = 'id'): Column {
  return column(name, { kind: 'integer' }, { nullable: false, autoIncrement: true });
}

export function table(name: string, extra: Partial<Table> = {}): Table {
  return {
    name,
    columns: [idColumn()],
    primaryKey: { columns: ['id'] },
    foreignKeys: [],
    uniques: [],
    indexes: [],
    checks: [],
    ...extra,
  };
}

export function foreignKey(name: string, columns: string[], referencedTable: string, extra: Partial<ForeignKey> = {}): ForeignKey {
  return { name, columns, referencedTable, referencedColumns: ['id'], ...extra };
}

export function index(name: string, columns: string[], extra: Partial<Index> = {}): Index {
  return {
    name,
    unique: false,
    parts: columns.map((columnName) => ({ kind: 'column', name: columnName, descending: false })),
    ...extra,
  };
}

export function model(tables: Table[], enums: Model['enums'] = []): Model {
  return {
    tables: [...tables].sort((a, b) => (a.name < b.name ? -1 : 1)),
    enums: [...enums].sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
}

/** A table `name` with an `<ref>_id` column and foreign key for each referenced table. */
export function referencing(name: string, ...references: string[]): Table {
  return table(name, {
    columns: [idColumn(), ...references.map((ref) => column(`${ref}_id`))],
    foreignKeys: references.map((ref) => foreignKey(`fk_${name}_${ref}_id_${ref}`, [`${ref}_id`], ref)),
  });
}
