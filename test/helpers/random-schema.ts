/**
 * fast-check arbitraries for the randomized convergence test: a schema A, and a schema B
 * derived from A by random edits that the rows written into A survive (so an upgrade that fails
 * is a bug, not bad luck). The rules that keep it so:
 *
 * - every table has an integer `id` primary key and exactly two rows, ids 1 and 2, with every
 *   other column non-null and distinct per row — so NOT NULL, UNIQUE and unique indexes can be
 *   added to any column, and foreign keys (always to `id`) always find their rows;
 * - numbers are 1 or 2 and strings are the digits '1' or '2', so retyping within a family
 *   (smallint/integer/bigint/numeric, varchar/text) keeps every value;
 * - checks hold for those values, and for every default, in every type of the family;
 * - a column B adds is nullable or has a default; a column B drops is nullable or has a default
 *   in A (the downgrade adds it back); a table B drops is one no other table refers to.
 */
import fc from 'fast-check';
import type { DialectName } from '../../src/config/url.js';
import type {
  CheckConstraint,
  Column,
  ColumnType,
  DefaultValue,
  ForeignKey,
  Index,
  Model,
  ReferentialAction,
  Table,
  UniqueConstraint,
} from '../../src/model/types.js';

type Family = 'number' | 'string' | 'boolean' | 'date' | 'timestamp' | 'json' | 'uuid';

const TYPES: Record<Family, readonly ColumnType[]> = {
  number: [{ kind: 'smallint' }, { kind: 'integer' }, { kind: 'bigint' }, { kind: 'numeric', precision: 10, scale: 2 }],
  string: [{ kind: 'varchar', length: 10 }, { kind: 'varchar', length: 40 }, { kind: 'text' }],
  boolean: [{ kind: 'boolean' }],
  date: [{ kind: 'date' }],
  timestamp: [{ kind: 'timestamp', withTimezone: false }],
  json: [{ kind: 'json' }],
  uuid: [{ kind: 'uuid' }],
};

function familyOf(type: ColumnType): Family {
  for (const [family, types] of Object.entries(TYPES)) if (types.some((t) => t.kind === type.kind)) return family as Family;
  throw new Error(`no family for ${type.kind}`);
}

/** Strings that stress quoting: quotes, backslashes, `${`, backticks, unicode, the empty string. */
const STRING_DEFAULTS = ["it's", 'back\\slash', '', 'naïve ☃', '"dq"', '${x}`', 'a  b'];

function defaultFor(type: ColumnType): fc.Arbitrary<DefaultValue | undefined> {
  const literal = (value: string | number | boolean) => ({ kind: 'literal', value }) as const;
  switch (familyOf(type)) {
    case 'number':
      return fc.constantFrom(undefined, literal(0), literal(-1), literal(42));
    case 'string':
      return fc.constantFrom(undefined, ...STRING_DEFAULTS.map(literal));
    case 'boolean':
      return fc.constantFrom(undefined, literal(true), literal(false));
    case 'timestamp':
      return fc.constantFrom(undefined, { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } as const);
    default:
      return fc.constant(undefined);
  }
}

/** Whether a column can be part of an index or unique key as is (MySQL keys text only with a prefix length). */
function isKeyable(column: Column, dialect: DialectName): boolean {
  return familyOf(column.type) !== 'json' && !(dialect === 'mysql' && column.type.kind === 'text');
}

const columnType = fc.constantFrom(...Object.values(TYPES).flat());

function columnArbitrary(name: string): fc.Arbitrary<Column> {
  return columnType.chain((type) =>
    fc.record({ nullable: fc.boolean(), default: defaultFor(type) }).map(
      (shape): Column => ({ name, type, nullable: shape.nullable, autoIncrement: false, ...(shape.default && { default: shape.default }) }),
    ),
  );
}

const ACTIONS: readonly (ReferentialAction | undefined)[] = [undefined, 'cascade', 'restrict', 'set null', 'no action'];

/** Indexes, uniques and checks over the table's plain columns. */
function extrasArbitrary(table: string, columns: readonly Column[], dialect: DialectName) {
  const indexable = columns.filter((column) => isKeyable(column, dialect));
  const names = indexable.map((column) => column.name);
  const subset = names.length === 0 ? fc.constant([] as string[]) : fc.subarray(names, { minLength: 1, maxLength: Math.min(2, names.length) });
  const strings = indexable.filter((column) => familyOf(column.type) === 'string').map((column) => column.name);
  const numbers = indexable.filter((column) => familyOf(column.type) === 'number').map((column) => column.name);
  const index = (k: number): fc.Arbitrary<Index | undefined> =>
    fc
      .record({
        columns: subset,
        unique: fc.boolean(),
        descending: fc.boolean(),
        partial: fc.boolean(),
        expression: strings.length > 0 && dialect !== 'mysql' ? fc.boolean() : fc.constant(false),
      })
      .map((shape): Index | undefined => {
        if (shape.columns.length === 0) return undefined;
        const parts: Index['parts'] = shape.expression
          ? [{ kind: 'expression', sql: `lower(${strings[0]})`, descending: false }]
          : shape.columns.map((name, i) => ({ kind: 'column', name, descending: shape.descending && i === 0 }));
        return {
          name: `ix_${table}_${k}`,
          unique: shape.unique,
          parts,
          ...(shape.partial && dialect !== 'mysql' && { where: `${shape.columns[0]} IS NOT NULL` }),
        };
      });
  const unique = subset.map((cols): UniqueConstraint | undefined =>
    cols.length === 0 ? undefined : { name: `uq_${table}_${cols.join('_')}`, columns: cols },
  );
  const check = fc.constantFrom(
    undefined,
    ...numbers.map((name): CheckConstraint => ({ name: `ck_${table}_${name}`, sql: `${name} >= -1` })),
    ...strings.map((name): CheckConstraint => ({ name: `ck_${table}_${name}`, sql: `length(${name}) >= 0` })),
  );
  return fc.record({ indexes: fc.tuple(index(0), index(1)), unique, check }).map((shape) => ({
    indexes: shape.indexes.filter((ix): ix is Index => ix !== undefined),
    uniques: shape.unique ? [shape.unique] : [],
    checks: shape.check ? [shape.check] : [],
  }));
}

function tableArbitrary(name: string, earlier: readonly string[], dialect: DialectName): fc.Arbitrary<Table> {
  const referable = earlier.length > 0 ? fc.option(fc.constantFrom(...earlier), { nil: undefined }) : fc.constant(undefined);
  return fc
    .record({
      autoIncrement: fc.boolean(),
      columns: fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => columnArbitrary(`c${i}`)))),
      references: referable,
      action: fc.constantFrom(...ACTIONS),
      nullableReference: fc.boolean(),
    })
    .chain((shape) => {
      const id: Column = { name: 'id', type: { kind: 'integer' }, nullable: false, autoIncrement: shape.autoIncrement };
      const columns: Column[] = [id, ...shape.columns];
      const foreignKeys: ForeignKey[] = [];
      if (shape.references !== undefined) {
        const nullable = shape.nullableReference || shape.action === 'set null';
        columns.push({ name: 'ref_id', type: { kind: 'integer' }, nullable, autoIncrement: false });
        foreignKeys.push({
          name: `fk_${name}_ref_id_${shape.references}`,
          columns: ['ref_id'],
          referencedTable: shape.references,
          referencedColumns: ['id'],
          ...(shape.action && { onDelete: shape.action }),
        });
      }
      return extrasArbitrary(name, shape.columns, dialect).map(
        (extras): Table => ({ name, columns, primaryKey: { name: `pk_${name}`, columns: ['id'] }, foreignKeys, ...extras }),
      );
    });
}

/**
 * A random schema of one to four tables, later tables possibly referring to earlier ones.
 *
 * @example
 * fc.assert(fc.asyncProperty(schemaArbitrary('sqlite'), async (model) => { … }));
 */
export function schemaArbitrary(dialect: DialectName): fc.Arbitrary<Model> {
  return fc.integer({ min: 1, max: 4 }).chain((count) => {
    const names = Array.from({ length: count }, (_, i) => `t${i}`);
    return fc
      .tuple(...names.map((name, i) => tableArbitrary(name, names.slice(0, i), dialect)))
      .map((tables): Model => ({ tables: sortByName(tables), enums: [] }));
  });
}

function sortByName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Remove a column and every constraint or index that uses it. */
function withoutColumn(table: Table, column: string): Table {
  const uses = (columns: readonly string[]) => columns.includes(column);
  return {
    ...table,
    columns: table.columns.filter((c) => c.name !== column),
    foreignKeys: table.foreignKeys.filter((fk) => !uses(fk.columns)),
    uniques: table.uniques.filter((uq) => !uses(uq.columns)),
    indexes: table.indexes.filter(
      (ix) => !ix.parts.some((part) => (part.kind === 'column' ? part.name === column : part.sql.includes(column))) && !ix.where?.includes(column),
    ),
    checks: table.checks.filter((ck) => !ck.sql.includes(column)),
  };
}

/** One data-safe edit of a plain column. */
function editColumn(column: Column): fc.Arbitrary<Column> {
  const family = TYPES[familyOf(column.type)];
  return fc
    .record({ retype: fc.constantFrom(...family), nullable: fc.boolean(), default: defaultFor(column.type), edit: fc.nat(3) })
    .chain((shape) => {
      switch (shape.edit) {
        case 0: // retype within the family, with a default valid for the new type
          return defaultFor(shape.retype).map((fresh) => {
            const { default: _old, ...rest } = column;
            return { ...rest, type: shape.retype, ...(fresh && { default: fresh }) };
          });
        case 1:
          return fc.constant({ ...column, nullable: shape.nullable });
        case 2: {
          const { default: _old, ...rest } = column;
          return fc.constant(shape.default ? { ...rest, default: shape.default } : rest);
        }
        default:
          return fc.constant(column);
      }
    });
}

function mutateTable(table: Table, dialect: DialectName): fc.Arbitrary<Table> {
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
  return fc
    .record({
      edits: fc.tuple(...plain.map(editColumn)),
      dropped: fc.subarray(droppable, { maxLength: Math.min(1, droppable.length) }),
      added: fc.option(columnArbitrary('added'), { nil: undefined }),
      extras: fc.option(extrasArbitrary(table.name, plain, dialect), { nil: undefined }),
      action: fc.constantFrom(...ACTIONS),
    })
    .map((shape) => {
      let next: Table = { ...table, columns: table.columns.map((column) => shape.edits[plain.indexOf(column)] ?? column) };
      // Extras are regenerated over A's columns, then trimmed to what survives the edits below.
      if (shape.extras) next = { ...next, ...shape.extras, indexes: shape.extras.indexes.map((ix) => ({ ...ix, name: `${ix.name}_b` })) };
      next = {
        ...next,
        foreignKeys: next.foreignKeys.map((fk) => {
          const nullable = next.columns.find((column) => column.name === fk.columns[0])?.nullable;
          const action = shape.action === 'set null' && !nullable ? undefined : shape.action;
          const { onDelete: _old, ...rest } = fk;
          return action ? { ...rest, onDelete: action } : rest;
        }),
      };
      for (const name of shape.dropped) next = withoutColumn(next, name);
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
    checks: table.checks.filter((ck) => {
      const [name] = mentioned(ck.sql);
      return name !== undefined && (ck.sql.startsWith('length(') ? family(name) === 'string' : family(name) === 'number');
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
 * added, dropped, retyped, made (not) nullable, defaults changed, extras regenerated, foreign
 * key actions changed.
 *
 * @example
 * fc.assert(fc.asyncProperty(schemaPairArbitrary('postgres'), async ([a, b]) => { … }));
 */
export function schemaPairArbitrary(dialect: DialectName): fc.Arbitrary<readonly [Model, Model]> {
  return schemaArbitrary(dialect).chain((a) => {
    const referenced = new Set(a.tables.flatMap((table) => table.foreignKeys.map((fk) => fk.referencedTable)));
    const droppable = a.tables.filter((table) => !referenced.has(table.name)).map((table) => table.name);
    return fc
      .record({
        tables: fc.tuple(...a.tables.map((table) => mutateTable(table, dialect))),
        dropped: fc.subarray(droppable, { maxLength: Math.min(1, droppable.length) }),
        added: fc.option(tableArbitrary('t_new', a.tables.map((table) => table.name), dialect), { nil: undefined }),
      })
      .map(({ tables, dropped, added }) => {
        const kept = tables.filter((table) => !dropped.includes(table.name));
        // A new table must not refer to a table B drops.
        const fresh = added && added.foreignKeys.some((fk) => dropped.includes(fk.referencedTable)) ? withoutColumn(added, 'ref_id') : added;
        return [a, { tables: sortByName(fresh ? [...kept, fresh] : kept), enums: [] }] as const;
      });
  });
}

/**
 * The two rows every table gets: ids 1 and 2, values by family (see the module comment).
 *
 * @example
 * await db.insertInto(table.name).values(rowsFor(table)).execute();
 */
export function rowsFor(table: Table): Record<string, unknown>[] {
  return [0, 1].map((i) =>
    Object.fromEntries(
      table.columns.map((column) => {
        if (column.name === 'id' || column.name === 'ref_id') return [column.name, i + 1];
        switch (familyOf(column.type)) {
          case 'number':
            return [column.name, i + 1];
          case 'string':
            return [column.name, String(i + 1)];
          case 'boolean':
            return [column.name, i === 0];
          case 'date':
            return [column.name, `2024-01-0${i + 1}`];
          case 'timestamp':
            return [column.name, `2024-01-01 00:00:0${i + 1}`];
          case 'json':
            return [column.name, JSON.stringify({ row: i + 1 })];
          case 'uuid':
            return [column.name, `00000000-0000-4000-8000-00000000000${i + 1}`];
        }
      }),
    ),
  );
}
