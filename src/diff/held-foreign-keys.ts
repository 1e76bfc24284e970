/**
 * Foreign keys held out of the way of a type change: a server checks at every statement that
 * a key's two sides stay comparable, so PostgreSQL refuses to change either side of a key from
 * integer to varchar while the key exists ("foreign key constraint … cannot be implemented"),
 * and MySQL refuses any change of type or collation under a key. Such keys are dropped before
 * the change and added back after it; the dependency order puts them there.
 *
 * The diff holds keys over a column whose type changes to one the other side cannot be compared
 * with (integer → varchar, uuid → text), on every dialect; MySQL's lowering also holds them for
 * the changes that stay comparable (`foreignKeysOver`).
 */
import { typesEqual } from '../model/equality.js';
import { qualifiedName, referencedName } from '../model/qualified-name.js';
import type { ColumnType, ForeignKey, Model, Table } from '../model/types.js';
import type { Operation } from '../operations/types.js';
import { indexByQualifiedName } from './named.js';

/** A foreign key and the table (identity) that holds it. */
export interface TableKey {
  readonly table: string;
  readonly foreignKey: ForeignKey;
}

/**
 * The foreign keys that use `column` of `table`, on either side: the table's own keys over it,
 * and the keys of every table that point at it.
 *
 * @example
 * foreignKeysOver(model.tables, 'users', 'id'); // [{ table: 'posts', foreignKey: fk_posts_author_id_users }]
 */
export function foreignKeysOver(tables: readonly Table[], table: string, column: string): TableKey[] {
  return tables.flatMap((candidate) => {
    const name = qualifiedName(candidate);
    return candidate.foreignKeys
      .filter(
        (fk) =>
          (name === table && fk.columns.includes(column)) || (referencedName(fk) === table && fk.referencedColumns.includes(column)),
      )
      .map((foreignKey) => ({ table: name, foreignKey }));
  });
}

/** Kinds of types a key's two sides may differ in while staying comparable (PostgreSQL has the operators). */
const COMPARABLE_KINDS: readonly (readonly ColumnType['kind'][])[] = [
  ['smallint', 'integer', 'bigint', 'real', 'double', 'numeric'],
  ['varchar', 'char', 'text'],
  ['date', 'timestamp'],
];

/** Whether a key column of type `from` may become `to` while the other side is still `from`. */
function staysComparable(from: ColumnType, to: ColumnType): boolean {
  if (from.kind === to.kind) return (from.kind !== 'enum' && from.kind !== 'custom') || typesEqual(from, to);
  return COMPARABLE_KINDS.some((kinds) => kinds.includes(from.kind) && kinds.includes(to.kind));
}

/**
 * The drop/add pairs that hold keys out of the way of the type changes among `operations`
 * (keys the operations drop themselves, or whose table they drop, are theirs to handle).
 *
 * @example
 * holdForeignKeys(database, schema, [alterUsersIdToVarchar, alterPostsAuthorIdToVarchar]);
 * // [{ kind: 'dropForeignKey', table: 'posts', … }, { kind: 'addForeignKey', table: 'posts', … }]
 */
export function holdForeignKeys(database: Model, schema: Model, operations: readonly Operation[]): Operation[] {
  const handled = new Set(
    operations.flatMap((op) => {
      if (op.kind === 'dropForeignKey') return [`${op.table}\0${op.foreignKey.name}`];
      if (op.kind === 'dropTable') return op.table.foreignKeys.map((fk) => `${qualifiedName(op.table)}\0${fk.name}`);
      return [];
    }),
  );
  const declared = indexByQualifiedName(schema.tables);
  const held = new Map<string, Operation[]>();
  for (const op of operations) {
    if (op.kind !== 'alterColumn' || staysComparable(op.from.type, op.to.type)) continue;
    for (const { table, foreignKey } of foreignKeysOver(database.tables, op.table, op.from.name)) {
      const id = `${table}\0${foreignKey.name}`;
      const after = declared.get(table)?.foreignKeys.find((fk) => fk.name === foreignKey.name);
      if (handled.has(id) || held.has(id) || after === undefined) continue;
      held.set(id, [
        { kind: 'dropForeignKey', table, foreignKey },
        { kind: 'addForeignKey', table, foreignKey: after },
      ]);
    }
  }
  return [...held.values()].flat();
}
