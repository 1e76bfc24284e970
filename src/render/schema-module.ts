/**
 * The inverse of `schema/to-model.ts`: a model (as introspected) → schema-language modules,
 * one per table, an `enums.ts` for named enumerations, and the barrel `index.ts`. Loading
 * the result through the barrel gives the same model back. Pure and deterministic.
 *
 * Tidiness rules: a constraint whose name is the one the naming convention would give is
 * written without a name; single-column keys, uniques and foreign keys sit on the column.
 */
import type { NamingConvention } from '../config/types.js';
import type {
  Column,
  ColumnType,
  DefaultValue,
  EnumType,
  ForeignKey,
  Index,
  IndexPart,
  Model,
  Table,
} from '../model/types.js';
import { qualifiedName, referencedName } from '../model/qualified-name.js';
import { constraintName } from '../schema/naming.js';
import { indexNameTokens } from '../schema/to-model.js';
import { jsString, sqlTemplate } from './code.js';
import { camelCase, kebabCase, propertyAccess, propertyKey, uniqueNames } from './identifiers.js';

export interface SchemaModuleOptions {
  readonly naming: NamingConvention;
  readonly maxIdentifierLength: number;
}

/** One file to write, relative to the schema folder. */
export interface SchemaFile {
  readonly path: string;
  readonly content: string;
}

/** Names the DSL imports take; a table or enum variable must not shadow them. */
const DSL_NAMES = [
  'bigint', 'blob', 'boolean', 'char', 'check', 'ColumnRef', 'custom', 'date', 'double', 'enumeration', 'foreignKey',
  'index', 'integer', 'json', 'jsonb', 'numeric', 'pgSchema', 'primaryKey', 'real', 'smallint', 'sql', 'table', 'text', 'time',
  'timestamp', 'unique', 'uuid', 'varchar',
];

const ENUMS_FILE = 'enums';

interface TableModule {
  readonly table: Table;
  readonly variable: string;
  readonly file: string;
}

/** Everything a table module needs to name other modules' exports. */
interface Names {
  readonly tables: ReadonlyMap<string, TableModule>;
  /** Enum name → variable; `shared` ones live in enums.ts, the others in their table's module. */
  readonly enums: ReadonlyMap<string, { readonly variable: string; readonly shared: boolean }>;
  readonly options: SchemaModuleOptions;
  /** Whether `from` reaches `to` through foreign keys (so a thunk to it needs a type annotation). */
  readonly reaches: (from: string, to: string) => boolean;
}

/** The set of tables reachable from each table through foreign keys. */
function reachability(tables: readonly Table[]): (from: string, to: string) => boolean {
  const edges = new Map(tables.map((table) => [qualifiedName(table), table.foreignKeys.map(referencedName)]));
  const cache = new Map<string, Set<string>>();
  const reachable = (start: string): Set<string> => {
    const cached = cache.get(start);
    if (cached) return cached;
    const seen = new Set<string>();
    const stack = [...(edges.get(start) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(edges.get(next) ?? []));
    }
    cache.set(start, seen);
    return seen;
  };
  return (from, to) => reachable(from).has(to);
}

function typeCall(type: ColumnType, names: Names): { code: string; imports: string[] } {
  switch (type.kind) {
    case 'numeric': {
      const args = type.precision === undefined ? [] : type.scale === undefined ? [type.precision] : [type.precision, type.scale];
      return { code: `numeric(${args.join(', ')})`, imports: ['numeric'] };
    }
    case 'varchar':
      return { code: `varchar(${type.length ?? ''})`, imports: ['varchar'] };
    case 'char':
      return { code: `char(${type.length})`, imports: ['char'] };
    case 'timestamp': {
      const options = [type.withTimezone ? 'withTimezone: true' : '', type.precision === undefined ? '' : `precision: ${type.precision}`].filter(Boolean);
      return { code: `timestamp(${options.length > 0 ? `{ ${options.join(', ')} }` : ''})`, imports: ['timestamp'] };
    }
    case 'enum':
      return { code: `${names.enums.get(qualifiedName(type))!.variable}()`, imports: [] };
    case 'custom':
      return { code: `custom(${jsString(type.sql)})`, imports: ['custom'] };
    default:
      return { code: `${type.kind}()`, imports: [type.kind] };
  }
}

function defaultArgument(value: DefaultValue): string {
  if (value.kind === 'expression') return sqlTemplate([value.sql]);
  if (typeof value.value === 'string') return jsString(value.value);
  return String(value.value);
}

/** Collects what a module uses from 'schemigrate' and from sibling modules. */
class Imports {
  readonly dsl = new Set<string>();
  readonly siblings = new Map<string, Set<string>>();

  use(...names: string[]): void {
    for (const name of names) this.dsl.add(name);
  }

  sibling(file: string, variable: string): void {
    this.siblings.set(file, (this.siblings.get(file) ?? new Set()).add(variable));
  }

  render(): string {
    const sorted = (items: Iterable<string>) => [...items].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) || a.localeCompare(b));
    const dsl = sorted(this.dsl).map((name) => (name === 'ColumnRef' ? 'type ColumnRef' : name));
    const lines = [`import { ${dsl.join(', ')} } from 'schemigrate';`];
    for (const file of sorted(this.siblings.keys())) {
      lines.push(`import { ${sorted(this.siblings.get(file)!).join(', ')} } from './${file}.js';`);
    }
    return lines.join('\n');
  }
}

/**
 * The `{name}` token of `check(token, …)` that makes the `ck` convention give `name`; the name
 * itself when no token does (the check is then named by the convention on a fresh database:
 * a known gap, docs/pull.md).
 *
 * @example
 * checkNameToken('ck_posts_price_positive', 'posts', options); // 'price_positive'
 * checkNameToken('posts_price_check', 'posts', options); // 'posts_price_check'
 */
export function checkNameToken(name: string, table: string, options: SchemaModuleOptions): string {
  const [before, after] = options.naming.ck.split('{name}');
  if (after === undefined) return name;
  const fill = (text: string) => text.replace(/\{table\}/g, table);
  const prefix = fill(before!);
  const suffix = fill(after);
  if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length <= prefix.length + suffix.length) return name;
  const token = name.slice(prefix.length, name.length - suffix.length);
  return constraintName('ck', { table, name: token }, options.naming, options.maxIdentifierLength) === name ? token : name;
}

/** Renders one table's module. */
class TableRenderer {
  readonly #imports = new Imports();
  readonly #module: TableModule;
  readonly #names: Names;

  constructor(module: TableModule, names: Names) {
    this.#module = module;
    this.#names = names;
  }

  get #table(): Table {
    return this.#module.table;
  }

  #conventional(kind: keyof NamingConvention, tokens: Omit<Parameters<typeof constraintName>[1], 'table'>): string {
    const { naming, maxIdentifierLength } = this.#names.options;
    return constraintName(kind, { table: this.#table.name, ...tokens }, naming, maxIdentifierLength);
  }

  /** `'name'` when the name differs from the convention's, '' when the convention gives it. */
  #nameArgument(actual: string | undefined, conventional: string): string {
    return actual === undefined || actual === conventional ? '' : jsString(actual);
  }

  /** `other.columns.id`, importing `other` when it lives in another module. */
  #columnRef(tableName: string, column: string): string {
    const target = this.#names.tables.get(tableName)!;
    if (target.file !== this.#module.file) this.#imports.sibling(target.file, target.variable);
    return `${target.variable}.columns${propertyAccess(column)}`;
  }

  /** A thunk returning `body`; annotated where TypeScript could not infer it (self references, cycles). */
  #thunk(target: string, body: string, type: 'ColumnRef' | 'ColumnRef[]'): string {
    if (!this.#names.reaches(target, qualifiedName(this.#table))) return `() => ${body}`;
    this.#imports.use('ColumnRef');
    return `(): ${type} => ${body}`;
  }

  #ownRef(column: string, descending = false): string {
    return `t${propertyAccess(column)}${descending ? '.desc()' : ''}`;
  }

  #actions(fk: ForeignKey): string[] {
    return [
      fk.onDelete === undefined ? '' : `onDelete: ${jsString(fk.onDelete)}`,
      fk.onUpdate === undefined ? '' : `onUpdate: ${jsString(fk.onUpdate)}`,
    ];
  }

  #columnLine(column: Column, inline: InlineConstraints): string {
    const type = typeCall(column.type, this.#names);
    this.#imports.use(...type.imports);
    let code = type.code;
    const isPrimaryKey = inline.primaryKey === column.name;
    if (isPrimaryKey) code += '.primaryKey()';
    if (column.autoIncrement) code += '.autoIncrement()';
    const keyColumns = this.#table.primaryKey?.columns ?? [];
    if (!column.nullable && !keyColumns.includes(column.name)) code += '.notNull()';
    if (inline.uniques.has(column.name)) code += '.unique()';
    if (column.default !== undefined) {
      if (column.default.kind === 'expression') this.#imports.use('sql');
      code += `.default(${defaultArgument(column.default)})`;
    }
    if (column.generated !== undefined) {
      this.#imports.use('sql');
      code += `.generatedAs(${sqlTemplate([column.generated.sql])}${column.generated.stored ? ', { stored: true }' : ''})`;
    }
    const fk = inline.foreignKeys.get(column.name);
    if (fk !== undefined) {
      const conventional = this.#conventional('fk', { columns: fk.columns, referredTable: fk.referencedTable });
      const options = [
        ...this.#actions(fk),
        fk.name === conventional ? '' : `name: ${jsString(fk.name)}`,
        fk.deferrable === undefined ? '' : `deferrable: ${jsString(fk.deferrable)}`,
      ].filter(Boolean);
      const thunk = this.#thunk(referencedName(fk), this.#columnRef(referencedName(fk), fk.referencedColumns[0]!), 'ColumnRef');
      code += `.references(${thunk}${options.length > 0 ? `, { ${options.join(', ')} }` : ''})`;
    }
    if (column.comment !== undefined) code += `.comment(${jsString(column.comment)})`;
    if (column.collation !== undefined) code += `.collate(${jsString(column.collation)})`;
    return `  ${propertyKey(column.name)}: ${code},`;
  }

  #indexPart(part: IndexPart): string {
    if (part.kind === 'column') return this.#ownRef(part.name, part.descending);
    this.#imports.use('sql');
    return sqlTemplate([part.descending ? `${part.sql} DESC` : part.sql]);
  }

  #indexLine(index: Index): string {
    this.#imports.use('index');
    let code = `index(${this.#nameArgument(index.name, this.#conventional('ix', { columns: indexNameTokens(index.parts) }))})`;
    code += `.on(${index.parts.map((part) => this.#indexPart(part)).join(', ')})`;
    if (index.unique) code += '.unique()';
    if (index.where !== undefined) {
      this.#imports.use('sql');
      code += `.where(${sqlTemplate([index.where])})`;
    }
    if (index.method !== undefined) code += `.using(${jsString(index.method)})`;
    return code;
  }

  #foreignKeyLine(fk: ForeignKey): string {
    this.#imports.use('foreignKey');
    const conventional = this.#conventional('fk', { columns: fk.columns, referredTable: fk.referencedTable });
    const targets = fk.referencedColumns.map((column) => this.#columnRef(referencedName(fk), column));
    let code = `foreignKey(${this.#nameArgument(fk.name, conventional)})`;
    code += `.columns(${fk.columns.map((column) => this.#ownRef(column)).join(', ')})`;
    code += `.references(${this.#thunk(referencedName(fk), `[${targets.join(', ')}]`, 'ColumnRef[]')})`;
    if (fk.onDelete !== undefined) code += `.onDelete(${jsString(fk.onDelete)})`;
    if (fk.onUpdate !== undefined) code += `.onUpdate(${jsString(fk.onUpdate)})`;
    if (fk.deferrable !== undefined) code += fk.deferrable === 'immediate' ? '.deferrable()' : `.deferrable(${jsString(fk.deferrable)})`;
    return code;
  }

  #extras(inline: InlineConstraints): string[] {
    const table = this.#table;
    const lines: string[] = [];
    const key = table.primaryKey;
    if (key !== undefined && inline.primaryKey === undefined) {
      this.#imports.use('primaryKey');
      const name = this.#nameArgument(key.name, this.#conventional('pk', { columns: key.columns }));
      lines.push(`primaryKey(${name}).on(${key.columns.map((column) => this.#ownRef(column)).join(', ')})`);
    }
    for (const unique of table.uniques) {
      if (inline.uniques.has(unique.columns[0]!) && inline.uniqueNames.has(unique.name)) continue;
      this.#imports.use('unique');
      const name = this.#nameArgument(unique.name, this.#conventional('uq', { columns: unique.columns }));
      lines.push(`unique(${name}).on(${unique.columns.map((column) => this.#ownRef(column)).join(', ')})`);
    }
    for (const fk of table.foreignKeys) {
      if (!inline.foreignKeyNames.has(fk.name)) lines.push(this.#foreignKeyLine(fk));
    }
    for (const index of table.indexes) lines.push(this.#indexLine(index));
    for (const check of table.checks) {
      this.#imports.use('check', 'sql');
      lines.push(`check(${jsString(checkNameToken(check.name, table.name, this.#names.options))}, ${sqlTemplate([check.sql])})`);
    }
    return lines;
  }

  render(localEnums: readonly EnumType[]): string {
    const table = this.#table;
    const inline = inlineConstraints(table, (kind, tokens) => this.#conventional(kind, tokens));
    const columns = table.columns.map((column) => this.#columnLine(column, inline));
    const extras = this.#extras(inline);
    this.#imports.use(table.schema === undefined ? 'table' : 'pgSchema');
    const enumLines = localEnums.map((item) => {
      this.#imports.use('enumeration');
      return `const ${this.#names.enums.get(item.name)!.variable} = enumeration(${jsString(item.name)}, [${item.values.map(jsString).join(', ')}]);\n\n`;
    });
    for (const column of table.columns) {
      if (column.type.kind === 'enum' && this.#names.enums.get(qualifiedName(column.type))!.shared) {
        this.#imports.sibling(ENUMS_FILE, this.#names.enums.get(qualifiedName(column.type))!.variable);
      }
    }
    const extrasCode = extras.length === 0 ? '' : `, (t) => [\n${extras.map((line) => `  ${line},\n`).join('')}]`;
    const comment = table.comment === undefined ? '' : `.comment(${jsString(table.comment)})`;
    const options = `${table.strict ? '.strict()' : ''}${table.withoutRowid ? '.withoutRowid()' : ''}`;
    return (
      `${this.#imports.render()}\n\n${enumLines.join('')}` +
      `export const ${this.#module.variable} = ${inSchema(table, 'table')}(${jsString(table.name)}, {\n${columns.join('\n')}\n}${extrasCode})${comment}${options};\n`
    );
  }
}

/** The constraints that are written on their column rather than in the extras. */
interface InlineConstraints {
  /** The single primary key column, when its name is the convention's (or unknown). */
  readonly primaryKey?: string;
  /** Columns with a conventionally named single-column unique, and those uniques' names. */
  readonly uniques: ReadonlySet<string>;
  readonly uniqueNames: ReadonlySet<string>;
  /** The first single-column foreign key of each column (a column holds one `references`). */
  readonly foreignKeys: ReadonlyMap<string, ForeignKey>;
  readonly foreignKeyNames: ReadonlySet<string>;
}

function inlineConstraints(
  table: Table,
  conventional: (kind: keyof NamingConvention, tokens: { columns?: readonly string[]; referredTable?: string }) => string,
): InlineConstraints {
  const key = table.primaryKey;
  const primaryKey =
    key !== undefined && key.columns.length === 1 && (key.name === undefined || key.name === conventional('pk', { columns: key.columns }))
      ? key.columns[0]
      : undefined;
  const uniques = new Set<string>();
  const uniqueNames = new Set<string>();
  for (const unique of table.uniques) {
    const column = unique.columns[0]!;
    if (unique.columns.length === 1 && !uniques.has(column) && unique.name === conventional('uq', { columns: unique.columns })) {
      uniques.add(column);
      uniqueNames.add(unique.name);
    }
  }
  const foreignKeys = new Map<string, ForeignKey>();
  for (const fk of table.foreignKeys) {
    if (fk.columns.length === 1 && !foreignKeys.has(fk.columns[0]!)) foreignKeys.set(fk.columns[0]!, fk);
  }
  return {
    ...(primaryKey === undefined ? {} : { primaryKey }),
    uniques,
    uniqueNames,
    foreignKeys,
    foreignKeyNames: new Set([...foreignKeys.values()].map((fk) => fk.name)),
  };
}

/** `table` or `enumeration`, or `pgSchema('audit').table` for an object of a named schema. */
function inSchema(object: { readonly schema?: string }, builder: 'table' | 'enumeration'): string {
  return object.schema === undefined ? builder : `pgSchema(${jsString(object.schema)}).${builder}`;
}

function renderEnumsModule(enums: readonly EnumType[], names: Names): string {
  const lines = enums.map(
    (item) =>
      `export const ${names.enums.get(qualifiedName(item))!.variable} = ${inSchema(item, 'enumeration')}(${jsString(item.name)}, [${item.values.map(jsString).join(', ')}]);\n`,
  );
  const used = [...new Set(enums.map((item) => (item.schema === undefined ? 'enumeration' : 'pgSchema')))].sort();
  return `import { ${used.join(', ')} } from 'schemigrate';\n\n${lines.join('')}`;
}

/**
 * The schema modules of a model: `<table>.ts` per table (kebab-case file, camelCase
 * variable), `enums.ts` for named enumerations (PostgreSQL) and the barrel `index.ts`.
 *
 * @example
 * const files = renderSchemaModules(model, { naming: DEFAULT_NAMING_CONVENTION, maxIdentifierLength: 63 });
 * files.map((file) => file.path); // ['enums.ts', 'film.ts', 'film-actor.ts', 'index.ts']
 */
export function renderSchemaModules(model: Model, options: SchemaModuleOptions): SchemaFile[] {
  const variable = uniqueNames(new Set(DSL_NAMES), { variables: true });
  // Case-insensitive: two modules must not share a file on macOS or Windows.
  const fileName = uniqueNames(new Set(['index', ENUMS_FILE]), { variables: false, key: (name) => name.toLowerCase() });
  const enums = new Map<string, { variable: string; shared: boolean }>();
  // Objects of a named schema are keyed `schema.name` and named after both (`auditEvents`, audit-events.ts).
  const spelled = (object: { readonly name: string; readonly schema?: string }) =>
    object.schema === undefined ? object.name : `${object.schema}_${object.name}`;
  for (const item of model.enums) enums.set(qualifiedName(item), { variable: variable(camelCase(spelled(item)), 'Enum'), shared: true });
  const tables = new Map<string, TableModule>();
  for (const table of model.tables) {
    tables.set(qualifiedName(table), { table, variable: variable(camelCase(spelled(table)), 'Table'), file: fileName(kebabCase(spelled(table)), '-table') });
  }
  // Enumerations kept inline by the dialect (MySQL, SQLite) are declared in their table's module.
  const localEnums = new Map<string, EnumType[]>();
  for (const table of model.tables) {
    for (const column of table.columns) {
      if (column.type.kind !== 'enum' || enums.has(qualifiedName(column.type))) continue;
      enums.set(column.type.name, { variable: variable(camelCase(column.type.name), 'Enum'), shared: false });
      localEnums.set(table.name, [...(localEnums.get(table.name) ?? []), { name: column.type.name, values: column.type.values }]);
    }
  }
  const names: Names = { tables, enums, options, reaches: reachability(model.tables) };

  const files: SchemaFile[] = [];
  if (model.enums.length > 0) files.push({ path: `${ENUMS_FILE}.ts`, content: renderEnumsModule(model.enums, names) });
  for (const module of tables.values()) {
    files.push({ path: `${module.file}.ts`, content: new TableRenderer(module, names).render(localEnums.get(module.table.name) ?? []) });
  }
  const barrel = files.map((file) => `export * from './${file.path.replace(/\.ts$/, '.js')}';\n`).sort();
  files.push({ path: 'index.ts', content: barrel.join('') });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
