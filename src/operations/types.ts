/**
 * Operations: what the diff produces, what the renderer turns into Kysely code, and what
 * `invert` turns into the downgrade. Each operation carries the full "before" state it needs
 * to be inverted (a dropped column carries its whole definition), so inversion never needs
 * the database.
 */
import type {
  CheckConstraint,
  Column,
  EnumType,
  ForeignKey,
  Index,
  PrimaryKey,
  Table,
  TableOptions,
  UniqueConstraint,
} from '../model/types.js';

/**
 * Table-scoped operations name their table by its identity, `qualifiedName` of
 * `src/model/qualified-name.ts`: the bare name in the default schema, `schema.name` in a named
 * PostgreSQL schema.
 */
export type Operation =
  /** PostgreSQL: `CREATE SCHEMA IF NOT EXISTS` for a named schema the database lacks. */
  | { readonly kind: 'createSchema'; readonly schema: string }
  /** PostgreSQL: the inverse of `createSchema` (`DROP SCHEMA`, refused by the server if anything else lives there). */
  | { readonly kind: 'dropSchema'; readonly schema: string }
  | { readonly kind: 'createTable'; readonly table: Table }
  | { readonly kind: 'dropTable'; readonly table: Table }
  | { readonly kind: 'renameTable'; readonly from: string; readonly to: string }
  | { readonly kind: 'addColumn'; readonly table: string; readonly column: Column }
  | { readonly kind: 'dropColumn'; readonly table: string; readonly column: Column }
  | { readonly kind: 'renameColumn'; readonly table: string; readonly from: string; readonly to: string }
  /** Any change of type, nullability, default, auto-increment, generated, comment or collation. */
  | { readonly kind: 'alterColumn'; readonly table: string; readonly from: Column; readonly to: Column }
  | { readonly kind: 'addPrimaryKey'; readonly table: string; readonly primaryKey: PrimaryKey }
  | { readonly kind: 'dropPrimaryKey'; readonly table: string; readonly primaryKey: PrimaryKey }
  | { readonly kind: 'createIndex'; readonly table: string; readonly index: Index }
  | { readonly kind: 'dropIndex'; readonly table: string; readonly index: Index }
  | { readonly kind: 'addForeignKey'; readonly table: string; readonly foreignKey: ForeignKey }
  | { readonly kind: 'dropForeignKey'; readonly table: string; readonly foreignKey: ForeignKey }
  | { readonly kind: 'addUnique'; readonly table: string; readonly unique: UniqueConstraint }
  | { readonly kind: 'dropUnique'; readonly table: string; readonly unique: UniqueConstraint }
  | { readonly kind: 'addCheck'; readonly table: string; readonly check: CheckConstraint }
  | { readonly kind: 'dropCheck'; readonly table: string; readonly check: CheckConstraint }
  | { readonly kind: 'createEnum'; readonly enum: EnumType }
  | { readonly kind: 'dropEnum'; readonly enum: EnumType }
  | {
      readonly kind: 'alterEnum';
      readonly from: EnumType;
      readonly to: EnumType;
      /**
       * Set by PostgreSQL's `lower`: swap in a re-created type even though values are only added,
       * because the same revision uses a new value (`ADD VALUE`'s values are unusable until commit).
       */
      readonly recreate?: boolean;
    }
  | { readonly kind: 'setTableComment'; readonly table: string; readonly from?: string; readonly to?: string }
  /** SQLite's `STRICT` / `WITHOUT ROWID` changed: SQLite's `lower` turns it into a rebuild; other dialects refuse the options. */
  | { readonly kind: 'setTableOptions'; readonly table: string; readonly from: TableOptions; readonly to: TableOptions }
  /**
   * Dialect-specific (SQLite): recreate `to.name` from the full new definition, copying the
   * rows of every column present in both `from` and `to`. Produced only by a dialect's
   * `lower`, never by the diff.
   */
  | { readonly kind: 'rebuildTable'; readonly from: Table; readonly to: Table; readonly reasons: readonly string[] };

export type OperationKind = Operation['kind'];
export type OperationOf<K extends OperationKind> = Extract<Operation, { kind: K }>;
