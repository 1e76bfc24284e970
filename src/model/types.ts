/**
 * The neutral model: what both the schema language (from the user's barrel) and every
 * dialect's introspector (from the live database) produce. Everything downstream — diff,
 * operations, render — compares and transforms models and never sees catalog rows or
 * DSL builder objects. All values are plain, immutable-by-convention JSON data.
 */

/** A portable column type, as declared or as mapped back from a native type. */
export type ColumnType =
  | { readonly kind: 'smallint' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'real' }
  | { readonly kind: 'double' }
  | { readonly kind: 'numeric'; readonly precision?: number; readonly scale?: number }
  | { readonly kind: 'varchar'; readonly length?: number }
  | { readonly kind: 'char'; readonly length: number }
  | { readonly kind: 'text' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' }
  | { readonly kind: 'time' }
  | { readonly kind: 'timestamp'; readonly withTimezone: boolean; readonly precision?: number }
  | { readonly kind: 'json' }
  | { readonly kind: 'jsonb' }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'blob' }
  /** A named enumeration; its values live in `Model.enums` (inline on MySQL/SQLite). */
  | { readonly kind: 'enum'; readonly name: string; readonly values: readonly string[]; readonly schema?: string }
  /** The escape hatch: a native type written verbatim, e.g. `custom('citext')`. */
  | { readonly kind: 'custom'; readonly sql: string };

export type ColumnTypeKind = ColumnType['kind'];

/** A column default: a JavaScript literal (rendered as an escaped SQL literal) or raw SQL. */
export type DefaultValue =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'expression'; readonly sql: string };

export interface GeneratedColumn {
  readonly sql: string;
  readonly stored: boolean;
}

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly default?: DefaultValue;
  /** Serial, identity, AUTO_INCREMENT or SQLite's INTEGER PRIMARY KEY AUTOINCREMENT. */
  readonly autoIncrement: boolean;
  readonly generated?: GeneratedColumn;
  readonly comment?: string;
  readonly collation?: string;
}

export interface PrimaryKey {
  /** Undefined where the dialect does not keep primary key names (SQLite, MySQL). */
  readonly name?: string;
  readonly columns: readonly string[];
}

/** `undefined` means the database default, which is `NO ACTION`. */
export type ReferentialAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export interface ForeignKey {
  readonly name: string;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  /** PostgreSQL: the named schema of the referenced table; undefined for the default schema. */
  readonly referencedSchema?: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
  /** PostgreSQL only. */
  readonly deferrable?: 'immediate' | 'deferred';
}

export interface UniqueConstraint {
  readonly name: string;
  readonly columns: readonly string[];
}

export type IndexPart =
  | { readonly kind: 'column'; readonly name: string; readonly descending: boolean }
  | { readonly kind: 'expression'; readonly sql: string; readonly descending: boolean };

export interface Index {
  readonly name: string;
  readonly unique: boolean;
  readonly parts: readonly IndexPart[];
  /** Partial index predicate, raw SQL. */
  readonly where?: string;
  /** Access method (`btree`, `gin`, …); undefined means the dialect's default. */
  readonly method?: string;
}

export interface CheckConstraint {
  readonly name: string;
  readonly sql: string;
}

export interface Table {
  readonly name: string;
  /**
   * PostgreSQL: the named schema (namespace) the table lives in; undefined for the default
   * schema (the connection's current schema, usually `public`) and on other dialects.
   */
  readonly schema?: string;
  readonly columns: readonly Column[];
  readonly primaryKey?: PrimaryKey;
  readonly foreignKeys: readonly ForeignKey[];
  readonly uniques: readonly UniqueConstraint[];
  readonly indexes: readonly Index[];
  readonly checks: readonly CheckConstraint[];
  readonly comment?: string;
  /** SQLite only: a `STRICT` table (present only when true). */
  readonly strict?: true;
  /** SQLite only: a `WITHOUT ROWID` table (present only when true). */
  readonly withoutRowid?: true;
}

/** A table's SQLite options, as `setTableOptions` changes them. */
export type TableOptions = Pick<Table, 'strict' | 'withoutRowid'>;

export interface EnumType {
  readonly name: string;
  /** PostgreSQL: the named schema of the type; undefined for the default schema. */
  readonly schema?: string;
  readonly values: readonly string[];
}

/** A whole database schema: tables and (PostgreSQL) enumeration types, sorted by name. */
export interface Model {
  readonly tables: readonly Table[];
  readonly enums: readonly EnumType[];
  /**
   * PostgreSQL: the named schemas the model's tables and enums live in (declared), or that
   * exist among those asked for (introspected), sorted; undefined when there are none.
   */
  readonly schemas?: readonly string[];
}
