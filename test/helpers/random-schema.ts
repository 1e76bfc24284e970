/**
 * fast-check arbitraries for the randomized convergence test: a schema A, and a schema B
 * derived from A by random edits that the rows written into A survive (so an upgrade that fails
 * is a bug, not bad luck). The rules that keep it so:
 *
 * - every table has an integer `id` and exactly two rows, ids 1 and 2, with every other column
 *   non-null and distinct per row — so NOT NULL, UNIQUE and unique indexes can be added to any
 *   column, and foreign keys (always to the primary key) always find their rows;
 * - the primary key is `id`, or (`id`, `k`) with `k` = `id`; only a table nothing refers to
 *   changes its key in B, and a new table referring to it then loses the reference; a key `id`
 *   something refers to may change type in B (to varchar or bigint: ids 1 and 2 survive), with
 *   every column that refers to it;
 * - the first table may refer back to a later one (a cycle), through a nullable `back_id` that
 *   `writeRows` fills once every row exists;
 * - numbers are 1 or 2 and strings are the digits '1' or '2', so retyping within a family
 *   (smallint/integer/bigint/real/double/numeric, varchar/char/text, timestamp precisions and
 *   time zones, json/jsonb) keeps every value;
 * - enumerations always hold 'a' and 'b' (the rows' values) and some of a few awkward values,
 *   in any order; B adds, removes and reorders the others;
 * - checks hold for those values, and for every default, in every type of the family (an
 *   enumeration's check lists its type's values, rewritten in B);
 * - a generated column `g` computes from `id` and is never written (not on MySQL when `id`
 *   auto-increments, which both servers refuse);
 * - a column B adds is nullable or has a default; a column B drops is nullable or has a default
 *   in A (the downgrade adds it back); a table B drops is one no other table refers to;
 * - B may rename a column or a table `<name>_r` (everything naming it follows; the pair says
 *   which renames to confirm), when the diff can offer it as a rename;
 * - `g` may carry an index (`ix_<table>_g`), kept, changed or dropped in B.
 *
 * What a dialect lacks is never generated there: comments on SQLite, virtual generated columns
 * on PostgreSQL, timestamp with time zone on MySQL, partial and expression indexes on MySQL
 * (MariaDB), index methods (`hash`) but on PostgreSQL; MySQL keys no text or blob column
 * without a prefix length.
 */
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../src/config/url.js';
import { compatibleTypes, type Rename } from '../../src/diff/renames.js';
import type {
  CheckConstraint,
  Column,
  ColumnType,
  DefaultValue,
  EnumType,
  ForeignKey,
  Index,
  Model,
  PrimaryKey,
  ReferentialAction,
  Table,
  UniqueConstraint,
} from '../../src/model/types.js';
import { renameColumn, renameTable, retypeKey, sharedColumns } from './model-edits.js';

type Family = 'number' | 'string' | 'boolean' | 'date' | 'time' | 'timestamp' | 'json' | 'uuid' | 'blob' | 'enum';

function typesOf(dialect: DialectName): Record<Exclude<Family, 'enum'>, readonly ColumnType[]> {
  return {
    number: [
      { kind: 'smallint' },
      { kind: 'integer' },
      { kind: 'bigint' },
      { kind: 'real' },
      { kind: 'double' },
      { kind: 'numeric', precision: 10, scale: 2 },
    ],
    string: [{ kind: 'varchar', length: 10 }, { kind: 'varchar', length: 40 }, { kind: 'char', length: 10 }, { kind: 'text' }],
    boolean: [{ kind: 'boolean' }],
    date: [{ kind: 'date' }],
    time: [{ kind: 'time' }],
    timestamp: [
      { kind: 'timestamp', withTimezone: false },
      { kind: 'timestamp', withTimezone: false, precision: 3 },
      { kind: 'timestamp', withTimezone: false, precision: 6 },
      // MySQL has no timestamp with time zone.
      ...(dialect === 'mysql' ? [] : [{ kind: 'timestamp', withTimezone: true } as const]),
    ],
    json: [{ kind: 'json' }, { kind: 'jsonb' }],
    uuid: [{ kind: 'uuid' }],
    blob: [{ kind: 'blob' }],
  };
}

const FAMILY_OF_KIND: Record<ColumnType['kind'], Family | undefined> = {
  smallint: 'number',
  integer: 'number',
  bigint: 'number',
  real: 'number',
  double: 'number',
  numeric: 'number',
  varchar: 'string',
  char: 'string',
  text: 'string',
  boolean: 'boolean',
  date: 'date',
  time: 'time',
  timestamp: 'timestamp',
  json: 'json',
  jsonb: 'json',
  uuid: 'uuid',
  blob: 'blob',
  enum: 'enum',
  custom: undefined,
};

function familyOf(type: ColumnType): Family {
  const family = FAMILY_OF_KIND[type.kind];
  if (family === undefined) throw new Error(`no family for ${type.kind}`);
  return family;
}

/** Strings that stress quoting: quotes, backslashes, `${`, backticks, unicode, the empty string. */
const STRING_DEFAULTS = ["it's", 'back\\slash', '', 'naïve ☃', '"dq"', '${x}`', 'a  b'];

/** The values rows use, in every enumeration of A and B. */
const ENUM_ROW_VALUES = ['a', 'b'];
/** Values that come and go between A and B (no empty string: PostgreSQL refuses empty labels). */
const ENUM_EXTRA_VALUES = ['c', "it's", 'back\\slash', 'naïve ☃', 'a  b'];

/** An enumeration named after its column: 'a', 'b' and some extras, in any order. */
function enumType(table: string, column: string): fc.Arbitrary<ColumnType> {
  return fc
    .subarray(ENUM_EXTRA_VALUES)
    .chain((extras) => {
      const values = [...ENUM_ROW_VALUES, ...extras];
      return fc.shuffledSubarray(values, { minLength: values.length, maxLength: values.length });
    })
    .map((values): ColumnType => ({ kind: 'enum', name: `mood_${table}_${column}`, values }));
}

function defaultFor(type: ColumnType): fc.Arbitrary<DefaultValue | undefined> {
  const literal = (value: string | number | boolean) => ({ kind: 'literal', value }) as const;
  if (type.kind === 'enum') return fc.constantFrom(undefined, ...type.values.map(literal));
  switch (familyOf(type)) {
    case 'number':
      return fc.constantFrom(undefined, literal(0), literal(-1), literal(42));
    case 'string':
      return fc.constantFrom(undefined, ...STRING_DEFAULTS.map(literal));
    case 'boolean':
      return fc.constantFrom(undefined, literal(true), literal(false));
    case 'time':
      return fc.constantFrom(undefined, literal('12:00:00'));
    case 'timestamp':
      return fc.constantFrom(undefined, { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } as const);
    default:
      return fc.constant(undefined);
  }
}

/** Whether a column can be part of an index or unique key as is (MySQL keys text and blobs only with a prefix length). */
function isKeyable(column: Column, dialect: DialectName): boolean {
  const family = familyOf(column.type);
  if (family === 'json') return false;
  return !(dialect === 'mysql' && (column.type.kind === 'text' || family === 'blob'));
}

/** Comments on PostgreSQL and MySQL (SQLite stores none); '' counts as no comment. */
function commentFor(dialect: DialectName): fc.Arbitrary<string | undefined> {
  return dialect === 'sqlite' ? fc.constant(undefined) : fc.constantFrom(undefined, undefined, ...STRING_DEFAULTS);
}

function typeArbitrary(table: string, column: string, dialect: DialectName): fc.Arbitrary<ColumnType> {
  // About one column in six is an enumeration; the rest spread over the other types.
  return fc.oneof({ arbitrary: fc.constantFrom(...Object.values(typesOf(dialect)).flat()), weight: 5 }, { arbitrary: enumType(table, column), weight: 1 });
}

function columnArbitrary(table: string, name: string, dialect: DialectName): fc.Arbitrary<Column> {
  return typeArbitrary(table, name, dialect).chain((type) =>
    fc.record({ nullable: fc.boolean(), default: defaultFor(type), comment: commentFor(dialect) }).map(
      (shape): Column => ({
        name,
        type,
        nullable: shape.nullable,
        autoIncrement: false,
        ...(shape.default && { default: shape.default }),
        ...(shape.comment !== undefined && { comment: shape.comment }),
      }),
    ),
  );
}

/** The generated column `g`, computed from `id` (PostgreSQL before 18 has stored ones only). */
function generatedColumn(dialect: DialectName): fc.Arbitrary<Column> {
  return fc
    .record({ sql: fc.constantFrom('id * 2', 'id + 1'), stored: dialect === 'postgres' ? fc.constant(true) : fc.boolean() })
    .map((generated): Column => ({ name: 'g', type: { kind: 'integer' }, nullable: true, autoIncrement: false, generated }));
}

/** Perhaps an index (perhaps unique: `g` differs per row) on the generated column `g`. */
function generatedIndexArbitrary(table: string): fc.Arbitrary<Index | undefined> {
  return fc.option(
    fc.boolean().map((unique): Index => ({ name: `ix_${table}_g`, unique, parts: [{ kind: 'column', name: 'g', descending: false }] })),
    { nil: undefined },
  );
}

const ACTIONS: readonly (ReferentialAction | undefined)[] = [undefined, 'cascade', 'restrict', 'set null', 'no action'];

/** Which family a generated check is written for, by its shape. */
function checkFamily(sql: string): Family {
  if (sql.startsWith('length(')) return 'string';
  if (sql.includes(' IN (')) return 'enum';
  return 'number';
}

/** A string literal as the dialect reads it (MySQL treats a backslash as an escape). */
function stringLiteral(value: string, dialect: DialectName): string {
  const escaped = dialect === 'mysql' ? value.replaceAll('\\', '\\\\') : value;
  return `'${escaped.replaceAll("'", "''")}'`;
}

/**
 * `col IN (…every value of its type)`: holds for rows and defaults; B rewrites it to B's values
 * (PostgreSQL casts each literal to the type, so a value the type lacks would be an error).
 */
function enumCheck(table: string, column: Column, dialect: DialectName): CheckConstraint {
  const values = column.type.kind === 'enum' ? column.type.values : [];
  return { name: `ck_${table}_${column.name}`, sql: `${column.name} IN (${values.map((value) => stringLiteral(value, dialect)).join(', ')})` };
}

/** Indexes, uniques and checks over the table's plain columns. */
function extrasArbitrary(table: string, columns: readonly Column[], dialect: DialectName) {
  const indexable = columns.filter((column) => isKeyable(column, dialect));
  const names = indexable.map((column) => column.name);
  const subset = names.length === 0 ? fc.constant([] as string[]) : fc.subarray(names, { minLength: 1, maxLength: Math.min(2, names.length) });
  const ofFamily = (family: Family) => indexable.filter((column) => familyOf(column.type) === family).map((column) => column.name);
  const strings = ofFamily('string');
  const index = (k: number): fc.Arbitrary<Index | undefined> =>
    fc
      .record({
        columns: subset,
        unique: fc.boolean(),
        descending: fc.boolean(),
        partial: fc.boolean(),
        expression: strings.length > 0 && dialect !== 'mysql' ? fc.boolean() : fc.constant(false),
        // Index methods are PostgreSQL's; a hash index has one column and is never unique.
        hash: dialect === 'postgres' ? fc.nat(3).map((n) => n === 0) : fc.constant(false),
      })
      .map((shape): Index | undefined => {
        if (shape.columns.length === 0) return undefined;
        const parts: Index['parts'] = shape.expression
          ? [{ kind: 'expression', sql: `lower(${strings[0]})`, descending: false }]
          : shape.columns.map((name, i) => ({ kind: 'column', name, descending: shape.descending && i === 0 }));
        const hash = shape.hash && !shape.unique && !shape.expression && shape.columns.length === 1 && !shape.descending;
        return {
          name: `ix_${table}_${k}`,
          unique: shape.unique,
          parts,
          ...(shape.partial && dialect !== 'mysql' && { where: `${shape.columns[0]} IS NOT NULL` }),
          ...(hash && { method: 'hash' }),
        };
      });
  const unique = subset.map((cols): UniqueConstraint | undefined =>
    cols.length === 0 ? undefined : { name: `uq_${table}_${cols.join('_')}`, columns: cols },
  );
  const check = fc.constantFrom(
    undefined,
    ...ofFamily('number').map((name): CheckConstraint => ({ name: `ck_${table}_${name}`, sql: `${name} >= -1` })),
    ...strings.map((name): CheckConstraint => ({ name: `ck_${table}_${name}`, sql: `length(${name}) >= 0` })),
    ...indexable.filter((column) => column.type.kind === 'enum').map((column) => enumCheck(table, column, dialect)),
  );
  return fc.record({ indexes: fc.tuple(index(0), index(1)), unique, check }).map((shape) => ({
    indexes: shape.indexes.filter((ix): ix is Index => ix !== undefined),
    uniques: shape.unique ? [shape.unique] : [],
    checks: shape.check ? [shape.check] : [],
  }));
}

/** A table the next ones may refer to, and whether its primary key is (`id`, `k`). */
interface Referable {
  readonly name: string;
  readonly composite: boolean;
}

/** The reference columns (`ref_id`, or `ref_id` and `ref_k`; another prefix for a second one) and foreign key to `parent`'s primary key. */
function referenceTo(table: string, parent: Referable, nullable: boolean, action: ReferentialAction | undefined, prefix = 'ref') {
  const columns = parent.composite ? [`${prefix}_id`, `${prefix}_k`] : [`${prefix}_id`];
  const foreignKey: ForeignKey = {
    name: `fk_${table}_${prefix}_id_${parent.name}`,
    columns,
    referencedTable: parent.name,
    referencedColumns: parent.composite ? ['id', 'k'] : ['id'],
    ...(action && { onDelete: action }),
  };
  return {
    columns: columns.map((name): Column => ({ name, type: { kind: 'integer' }, nullable, autoIncrement: false })),
    foreignKey,
  };
}

function tableArbitrary(name: string, earlier: readonly Referable[], composite: boolean, dialect: DialectName): fc.Arbitrary<Table> {
  const referable = earlier.length > 0 ? fc.option(fc.constantFrom(...earlier), { nil: undefined }) : fc.constant(undefined);
  return fc
    .record({
      // SQLite's AUTOINCREMENT needs a one-column integer primary key; MySQL's, a key led by it.
      autoIncrement: composite ? fc.constant(false) : fc.boolean(),
      columns: fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => columnArbitrary(name, `c${i}`, dialect)))),
      generated: fc.option(generatedColumn(dialect), { nil: undefined, freq: 3 }),
      generatedIndex: generatedIndexArbitrary(name),
      references: referable,
      action: fc.constantFrom(...ACTIONS),
      nullableReference: fc.boolean(),
      comment: commentFor(dialect),
    })
    .chain((shape) => {
      // MariaDB refuses a generated column over an AUTO_INCREMENT one.
      const autoIncrement = shape.autoIncrement && !(dialect === 'mysql' && shape.generated !== undefined);
      const id: Column = { name: 'id', type: { kind: 'integer' }, nullable: false, autoIncrement };
      const k: Column = { name: 'k', type: { kind: 'integer' }, nullable: false, autoIncrement: false };
      const columns: Column[] = [id, ...(composite ? [k] : []), ...shape.columns, ...(shape.generated ? [shape.generated] : [])];
      const foreignKeys: ForeignKey[] = [];
      if (shape.references !== undefined) {
        const reference = referenceTo(name, shape.references, shape.nullableReference || shape.action === 'set null', shape.action);
        columns.push(...reference.columns);
        foreignKeys.push(reference.foreignKey);
      }
      const primaryKey: PrimaryKey = { name: `pk_${name}`, columns: composite ? ['id', 'k'] : ['id'] };
      const generatedIndexes = shape.generated && shape.generatedIndex ? [shape.generatedIndex] : [];
      return extrasArbitrary(name, shape.columns, dialect).map(
        (extras): Table => ({
          name,
          columns,
          primaryKey,
          foreignKeys,
          ...extras,
          indexes: [...extras.indexes, ...generatedIndexes],
          ...(shape.comment !== undefined && { comment: shape.comment }),
        }),
      );
    });
}

/**
 * A random schema of one to four tables, later tables possibly referring to earlier ones, and
 * sometimes the first to a later one (a cycle).
 *
 * @example
 * fc.assert(fc.asyncProperty(schemaArbitrary('sqlite'), async (model) => { … }));
 */
export function schemaArbitrary(dialect: DialectName): fc.Arbitrary<Model> {
  // About one table in four has the composite primary key (id, k).
  return fc.array(fc.nat(3).map((n) => n === 0), { minLength: 1, maxLength: 4 }).chain((composites) => {
    const referables = composites.map((composite, i): Referable => ({ name: `t${i}`, composite }));
    return fc
      .record({
        tables: fc.tuple(...referables.map((table, i) => tableArbitrary(table.name, referables.slice(0, i), table.composite, dialect))),
        cycle: fc.nat(3).map((n) => n === 0),
        action: fc.constantFrom(...ACTIONS),
      })
      .map(({ tables, cycle, action }) => modelOf(cycle ? withBackReference(tables, action) : tables));
  });
}

const BACK_REFERENCE = ['back_id'];

/**
 * The tables with the first one referring back to the last other one whose key is `id` alone
 * (which refers to it, or to a table that does, or to nothing yet): a nullable `back_id`, so
 * rows can be written before the rows it points at (`writeRows`).
 */
function withBackReference(tables: readonly Table[], action: ReferentialAction | undefined): Table[] {
  const [first] = tables;
  const target = tables.slice(1).reverse().find((table) => table.primaryKey?.columns.length === 1);
  if (first === undefined || target === undefined || first.columns.some((column) => column.name === 'back_id')) return [...tables];
  const reference = referenceTo(first.name, { name: target.name, composite: false }, true, action, 'back');
  return [{ ...first, columns: [...first.columns, ...reference.columns], foreignKeys: [...first.foreignKeys, reference.foreignKey] }, ...tables.slice(1)];
}

/** The model of some tables: sorted by name, with the enumerations their columns use. */
function modelOf(tables: readonly Table[]): Model {
  const enums = new Map<string, EnumType>();
  for (const table of tables) {
    for (const column of table.columns) if (column.type.kind === 'enum') enums.set(column.type.name, { name: column.type.name, values: column.type.values });
  }
  return { tables: sortByName(tables), enums: sortByName([...enums.values()]) };
}

function sortByName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Remove columns and every constraint or index that uses one of them. */
function withoutColumns(table: Table, removed: readonly string[]): Table {
  const uses = (columns: readonly string[]) => columns.some((column) => removed.includes(column));
  const mentions = (sql: string) => removed.some((column) => new RegExp(`\\b${column}\\b`).test(sql));
  return {
    ...table,
    columns: table.columns.filter((c) => !removed.includes(c.name)),
    foreignKeys: table.foreignKeys.filter((fk) => !uses(fk.columns)),
    uniques: table.uniques.filter((uq) => !uses(uq.columns)),
    indexes: table.indexes.filter(
      (ix) => !ix.parts.some((part) => (part.kind === 'column' ? removed.includes(part.name) : mentions(part.sql))) && !(ix.where && mentions(ix.where)),
    ),
    checks: table.checks.filter((ck) => !mentions(ck.sql)),
  };
}

const withoutReference = (table: Table) => withoutColumns(table, ['ref_id', 'ref_k']);

/** A type of the column's family (for an enumeration: new values, 'a' and 'b' kept). */
function retypeArbitrary(table: string, column: Column, dialect: DialectName): fc.Arbitrary<ColumnType> {
  const family = familyOf(column.type);
  if (family === 'enum') return enumType(table, column.name);
  return fc.constantFrom(...typesOf(dialect)[family]);
}

/** One data-safe edit of a plain column. */
function editColumn(table: string, column: Column, dialect: DialectName): fc.Arbitrary<Column> {
  return fc
    .record({
      retype: retypeArbitrary(table, column, dialect),
      nullable: fc.boolean(),
      default: defaultFor(column.type),
      comment: commentFor(dialect),
      edit: fc.nat(4),
    })
    .chain((shape) => {
      switch (shape.edit) {
        case 0: // retype within the family, with a default valid for the new type
          return defaultFor(shape.retype).map((fresh) => ({ ...column, type: shape.retype, default: fresh }));
        case 1:
          return fc.constant({ ...column, nullable: shape.nullable });
        case 2:
          return fc.constant({ ...column, default: shape.default });
        case 3:
          return fc.constant({ ...column, comment: shape.comment });
        default:
          return fc.constant(column);
      }
    })
    .map(withoutUndefined);
}

/** The column without keys whose value is undefined (the model leaves absent aspects out). */
function withoutUndefined(column: Column): Column {
  return Object.fromEntries(Object.entries(column).filter(([, value]) => value !== undefined)) as unknown as Column;
}

/** B's generated column: kept, dropped, recomputed, switched virtual ↔ stored, or added. */
function editGenerated(table: Table, dialect: DialectName): fc.Arbitrary<Column | undefined> {
  const current = table.columns.find((column) => column.generated !== undefined);
  const autoIncrement = table.columns.some((column) => column.autoIncrement);
  if (current === undefined && dialect === 'mysql' && autoIncrement) return fc.constant(undefined);
  if (current === undefined) return fc.option(generatedColumn(dialect), { nil: undefined, freq: 3 });
  return fc.oneof(fc.constant(current), fc.constant(undefined), generatedColumn(dialect));
}

function mutateTable(table: Table, referenced: boolean, dialect: DialectName): fc.Arbitrary<Table> {
  const plain = table.columns.filter((column) => column.name.startsWith('c'));
  // The downgrade adds a dropped column back to rows that exist: it needs a default or NULLs,
  // and no uniqueness its default would break.
  const unique = new Set([
    ...table.uniques.flatMap((uq) => uq.columns),
    ...table.indexes
      .filter((ix) => ix.unique)
      .flatMap((ix) => ix.parts.flatMap((part) => (part.kind === 'column' ? [part.name] : plain.filter((c) => part.sql.includes(c.name)).map((c) => c.name)))),
  ]);
  const droppable = plain
    .filter((column) => (column.nullable && column.default === undefined) || (column.default !== undefined && !unique.has(column.name)))
    .map((column) => column.name);
  const keys = table.primaryKey?.columns ?? [];
  // A table something refers to keeps its key; (id, k) may become (id) or (k, id).
  const primaryKeys = referenced || keys.length === 1 ? [keys] : [keys, ['id'], ['k', 'id']];
  return fc
    .record({
      edits: fc.tuple(...plain.map((column) => editColumn(table.name, column, dialect))),
      dropped: fc.subarray(droppable, { maxLength: Math.min(1, droppable.length) }),
      added: fc.option(columnArbitrary(table.name, 'added', dialect), { nil: undefined }),
      generated: editGenerated(table, dialect),
      generatedIndex: generatedIndexArbitrary(table.name),
      extras: fc.option(extrasArbitrary(table.name, plain, dialect), { nil: undefined }),
      action: fc.constantFrom(...ACTIONS),
      primaryKey: fc.constantFrom(...primaryKeys),
      comment: commentFor(dialect),
      recomment: fc.boolean(),
    })
    .map((shape) => {
      const columns = table.columns
        .filter((column) => column.generated === undefined)
        .map((column) => shape.edits[plain.indexOf(column)] ?? column);
      let next: Table = { ...table, columns: shape.generated ? [...columns, shape.generated] : columns };
      if (table.primaryKey) next = { ...next, primaryKey: { ...table.primaryKey, columns: shape.primaryKey } };
      if (shape.recomment) {
        const { comment: _old, ...rest } = next;
        next = shape.comment === undefined ? rest : { ...rest, comment: shape.comment };
      }
      // Extras are regenerated over A's columns, then trimmed to what survives the edits below.
      if (shape.extras) next = { ...next, ...shape.extras, indexes: shape.extras.indexes.map((ix) => ({ ...ix, name: `${ix.name}_b` })) };
      // The index on `g` is kept, changed, dropped or added (and goes when `g` does).
      const generatedIndexes = shape.generated && shape.generatedIndex ? [shape.generatedIndex] : [];
      next = { ...next, indexes: [...next.indexes.filter((ix) => ix.name !== `ix_${table.name}_g`), ...generatedIndexes] };
      next = {
        ...next,
        foreignKeys: next.foreignKeys.map((fk) => {
          const nullable = next.columns.find((column) => column.name === fk.columns[0])?.nullable;
          const action = shape.action === 'set null' && !nullable ? undefined : shape.action;
          const { onDelete: _old, ...rest } = fk;
          return action ? { ...rest, onDelete: action } : rest;
        }),
      };
      next = withoutColumns(next, shape.dropped);
      // Checks and indexes over retyped columns must still make sense for the new family.
      next = keepConsistent(next, dialect);
      if (shape.added) next = { ...next, columns: [...next.columns, shape.added.default ? shape.added : { ...shape.added, nullable: true }] };
      return next;
    });
}

/**
 * Drop checks and indexes that no longer fit their columns: a check or expression index on a
 * dropped column or one that left its family, and (MySQL) a key on a column retyped to text.
 */
function keepConsistent(table: Table, dialect: DialectName): Table {
  const family = (name: string) => {
    const column = table.columns.find((c) => c.name === name);
    return column ? familyOf(column.type) : undefined;
  };
  const keyable = (name: string) => {
    const column = table.columns.find((c) => c.name === name);
    return column !== undefined && isKeyable(column, dialect);
  };
  const mentioned = (sql: string) => table.columns.filter((c) => new RegExp(`\\b${c.name}\\b`).test(sql)).map((c) => c.name);
  return {
    ...table,
    uniques: table.uniques.filter((uq) => uq.columns.every(keyable)),
    checks: table.checks
      .filter((ck) => {
        const [name] = mentioned(ck.sql);
        return name !== undefined && family(name) === checkFamily(ck.sql);
      })
      .map((ck) => {
        const column = table.columns.find((c) => c.name === mentioned(ck.sql)[0])!;
        return column.type.kind === 'enum' ? enumCheck(table.name, column, dialect) : ck;
      }),
    indexes: table.indexes.filter((ix) =>
      ix.parts.every((part) => {
        if (part.kind === 'column') return keyable(part.name);
        const [name] = mentioned(part.sql);
        return name !== undefined && family(name) === 'string';
      }),
    ),
  };
}

/**
 * A schema B derived from A by data-safe random edits: tables added and dropped, columns
 * added, dropped, retyped (enumerations: values added, removed, reordered), made (not)
 * nullable, defaults and comments changed, generated columns and their indexes changed,
 * primary keys changed, extras regenerated, foreign key actions changed, a reference back
 * (a cycle) added or dropped; then perhaps a referenced key retyped with the columns that
 * point at it (integer → varchar, or → bigint), a column renamed and a table renamed — with
 * the renames, to be confirmed as `--rename` answers would.
 *
 * @example
 * fc.assert(fc.asyncProperty(schemaPairArbitrary('postgres'), async ([a, b, renames]) => { … }));
 */
export function schemaPairArbitrary(dialect: DialectName): fc.Arbitrary<readonly [Model, Model, readonly Rename[]]> {
  return schemaArbitrary(dialect).chain((a) => {
    const referenced = new Set(a.tables.flatMap((table) => table.foreignKeys.map((fk) => fk.referencedTable)));
    const droppable = a.tables.filter((table) => !referenced.has(table.name)).map((table) => table.name);
    const referables = a.tables.map((table): Referable => ({ name: table.name, composite: (table.primaryKey?.columns.length ?? 0) > 1 }));
    return fc
      .record({
        tables: fc.tuple(...a.tables.map((table) => mutateTable(table, referenced.has(table.name), dialect))),
        dropped: fc.subarray(droppable, { maxLength: Math.min(1, droppable.length) }),
        added: fc.option(
          fc.boolean().chain((composite) => tableArbitrary('t_new', referables, composite, dialect)),
          { nil: undefined },
        ),
        cycle: fc.constantFrom('keep', 'keep', 'flip'),
        action: fc.constantFrom(...ACTIONS),
        keyType: fc.option(fc.constantFrom<ColumnType>({ kind: 'varchar', length: 10 }, { kind: 'bigint' }), { nil: undefined, freq: 3 }),
        renameColumn: sometimes(fc.nat(), 1),
        renameTable: sometimes(fc.nat(), 2),
        pick: fc.nat(),
      })
      .map((edits) => {
        const { tables, dropped, added } = edits;
        let kept = tables.filter((table) => !dropped.includes(table.name));
        // A reference back from the first table: dropped when A has it, added when not.
        if (edits.cycle === 'flip') {
          const hasBack = kept.some((table) => table.columns.some((column) => column.name === 'back_id'));
          kept = hasBack ? kept.map((table) => withoutColumns(table, BACK_REFERENCE)) : withBackReference(kept, edits.action);
        }
        // A new table must not refer to a table B drops, nor to a key B changes.
        const keyChanged = (name: string) => {
          const before = a.tables.find((table) => table.name === name)?.primaryKey?.columns.join();
          return kept.find((table) => table.name === name)?.primaryKey?.columns.join() !== before;
        };
        const fresh =
          added && added.foreignKeys.some((fk) => dropped.includes(fk.referencedTable) || keyChanged(fk.referencedTable)) ? withoutReference(added) : added;
        let b = fresh ? [...kept, fresh] : kept;
        b = edits.keyType ? retypedReferencedKey(a, b, edits.keyType, edits.pick) : b;
        const renames: Rename[] = [];
        if (edits.renameColumn !== undefined) b = renamedColumn(a, b, edits.renameColumn, renames);
        if (edits.renameTable !== undefined) b = renamedTable(a, b, edits.renameTable, renames);
        return [a, modelOf(b), renames] as const;
      });
  });
}

/** `arbitrary`, or (`odds` times as often) undefined. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, odds: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: odds }, { arbitrary, weight: 1 });
}

/**
 * B with the key `id` of a table something refers to (and nothing auto-increments, nor
 * computes a generated column from) retyped, the columns that point at it too.
 */
function retypedReferencedKey(a: Model, b: readonly Table[], type: ColumnType, pick: number): Table[] {
  const pointedAt = new Set(b.flatMap((table) => table.foreignKeys.map((fk) => fk.referencedTable)));
  const candidates = b.filter((table) => {
    const id = table.columns.find((column) => column.name === 'id');
    return pointedAt.has(table.name) && table.primaryKey?.columns.join() === 'id' && id !== undefined && !id.autoIncrement && a.tables.some((t) => t.name === table.name);
  });
  const target = candidates[pick % Math.max(1, candidates.length)];
  if (target === undefined) return [...b];
  // A generated column computes from `id` as a number: it goes.
  return retypeKey(b.map((table) => (table === target ? withoutColumns(table, ['g']) : table)), target.name, type);
}

/**
 * B with a plain column that A has too renamed `<name>_r` (recorded in `renames`), if its type
 * stayed in a family a rename is offered for.
 */
function renamedColumn(a: Model, b: readonly Table[], pick: number, renames: Rename[]): Table[] {
  const candidates = b.flatMap((table) => {
    const before = a.tables.find((t) => t.name === table.name);
    const renamable = (column: Column) => {
      const old = before?.columns.find((c) => c.name === column.name);
      return /^c\d$/.test(column.name) && old !== undefined && compatibleTypes(old.type, column.type);
    };
    return table.columns.filter(renamable).map((column) => ({ table, column }));
  });
  const chosen = candidates[pick % Math.max(1, candidates.length)];
  if (chosen === undefined) return [...b];
  const to = `${chosen.column.name}_r`;
  renames.push({ kind: 'column', table: chosen.table.name, from: chosen.column.name, to });
  return b.map((table) => (table === chosen.table ? renameColumn(table, chosen.column.name, to) : table));
}

/**
 * B with a table of A renamed `<name>_r` (recorded in `renames`, its column renames moved to
 * the new name) — when enough of its columns keep their names for the rename to be offered.
 */
function renamedTable(a: Model, b: readonly Table[], pick: number, renames: Rename[]): Table[] {
  const candidates = b.filter((table) => {
    const before = a.tables.find((t) => t.name === table.name);
    return before !== undefined && sharedColumns(before, table) >= 0.5;
  });
  const chosen = candidates[pick % Math.max(1, candidates.length)];
  if (chosen === undefined) return [...b];
  const to = `${chosen.name}_r`;
  renames.forEach((rename, i) => {
    if (rename.kind === 'column' && rename.table === chosen.name) renames[i] = { ...rename, table: to };
  });
  renames.unshift({ kind: 'table', from: chosen.name, to });
  return renameTable(b, chosen.name, to);
}

/**
 * The two rows every table gets: ids 1 and 2, values by family (see the module comment);
 * generated columns are left to the database, and booleans are 1 and 0 on SQLite (better-sqlite3
 * binds no booleans).
 *
 * @example
 * await db.insertInto(table.name).values(rowsFor(table, 'postgres')).execute();
 */
export function rowsFor(table: Table, dialect: DialectName): Record<string, unknown>[] {
  const written = table.columns.filter((column) => column.generated === undefined);
  return [0, 1].map((i) =>
    Object.fromEntries(
      written.map((column) => {
        if (['id', 'k', 'ref_id', 'ref_k'].includes(column.name)) return [column.name, i + 1];
        switch (familyOf(column.type)) {
          case 'number':
            return [column.name, i + 1];
          case 'string':
            return [column.name, String(i + 1)];
          case 'enum':
            return [column.name, ENUM_ROW_VALUES[i]];
          case 'boolean':
            return [column.name, dialect === 'sqlite' ? Number(i === 0) : i === 0];
          case 'date':
            return [column.name, `2024-01-0${i + 1}`];
          case 'time':
            return [column.name, `10:00:0${i + 1}`];
          case 'timestamp':
            return [column.name, `2024-01-01 00:00:0${i + 1}`];
          case 'json':
            return [column.name, JSON.stringify({ row: i + 1 })];
          case 'uuid':
            return [column.name, `00000000-0000-4000-8000-00000000000${i + 1}`];
          case 'blob':
            return [column.name, Buffer.from([i + 1])];
        }
      }),
    ),
  );
}

/**
 * Write every table's two rows (`rowsFor`). Tables go in the model's order; a nullable
 * reference column is written once every row exists, so tables that refer to each other (a
 * cycle) can be filled too.
 *
 * @example
 * await writeRows(db, model, 'mysql');
 */
export async function writeRows(db: Kysely<any>, model: Model, dialect: DialectName): Promise<void> {
  const later = (table: Table) =>
    table.foreignKeys.flatMap((fk) => fk.columns).filter((name) => table.columns.some((column) => column.name === name && column.nullable));
  for (const table of model.tables) {
    const deferred = later(table);
    const rows = rowsFor(table, dialect).map((row) => ({ ...row, ...Object.fromEntries(deferred.map((name) => [name, null])) }));
    await db.insertInto(table.name).values(rows).execute();
  }
  for (const table of model.tables) {
    const deferred = later(table);
    if (deferred.length === 0) continue;
    for (const row of rowsFor(table, dialect)) {
      await db.updateTable(table.name).set(Object.fromEntries(deferred.map((name) => [name, row[name]]))).where('id', '=', row.id).execute();
    }
  }
}
