/**
 * Equality of model values "as the database means them": the diff calls two things equal
 * when the database would treat them the same, whatever their spelling.
 */
import { describeDefault } from './describe-type.js';
import type {
  CheckConstraint,
  Column,
  ColumnType,
  ColumnTypeKind,
  DefaultValue,
  EnumType,
  ForeignKey,
  GeneratedColumn,
  Index,
  IndexPart,
  PrimaryKey,
  ReferentialAction,
  UniqueConstraint,
} from './types.js';

/** The aspects of a column that `alterColumn` can change. */
export type ColumnAspect = 'type' | 'nullable' | 'default' | 'autoIncrement' | 'generated' | 'comment' | 'collation';

/**
 * SQL text in a comparable form: whitespace collapsed (and dropped around punctuation),
 * lower case outside quotes, redundant outer parentheses removed.
 *
 * @example
 * normalizeSql('( Price  >  0 )'); // 'price>0'
 * normalizeSql("lower(\"Name\") = 'X'"); // "lower(\"Name\")='X'"
 */
export function normalizeSql(text: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === "'" || char === '"' || char === '`') {
      const end = closingQuote(text, i, char);
      if (pendingSpace && out !== '' && isWordChar(out[out.length - 1]!)) out += ' ';
      pendingSpace = false;
      out += text.slice(i, end + 1);
      i = end;
    } else if (/\s/.test(char)) {
      pendingSpace = true;
    } else {
      if (pendingSpace && out !== '' && isWordChar(out[out.length - 1]!) && isWordChar(char)) out += ' ';
      pendingSpace = false;
      out += char.toLowerCase();
    }
  }
  return stripOuterParentheses(out);
}

function closingQuote(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] !== quote) continue;
    if (text[i + 1] === quote) i++;
    else return i;
  }
  return text.length - 1;
}

function isWordChar(char: string): boolean {
  return /[\w$.]/.test(char);
}

function stripOuterParentheses(text: string): string {
  while (text.startsWith('(') && text.endsWith(')') && matchingParenthesis(text, 0) === text.length - 1) {
    text = text.slice(1, -1);
  }
  return text;
}

function matchingParenthesis(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const char = text[i]!;
    if (char === "'" || char === '"' || char === '`') i = closingQuote(text, i, char);
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i;
  }
  return -1;
}

/**
 * Whether two SQL expressions are the same after {@link normalizeSql}.
 *
 * @example
 * sqlEqual('now()', 'NOW( )'); // true
 */
export function sqlEqual(a: string, b: string): boolean {
  return a === b || normalizeSql(a) === normalizeSql(b);
}

function arraysEqual<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean = Object.is): boolean {
  return a.length === b.length && a.every((value, i) => equal(value, b[i]!));
}

/**
 * Structural equality of column types.
 *
 * @example
 * typesEqual({ kind: 'varchar', length: 10 }, { kind: 'varchar', length: 10 }); // true
 */
export function typesEqual(a: ColumnType, b: ColumnType): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'numeric': {
      const other = b as typeof a;
      return a.precision === other.precision && a.scale === other.scale;
    }
    case 'varchar':
      return a.length === (b as typeof a).length;
    case 'char':
      return a.length === (b as typeof a).length;
    case 'timestamp': {
      const other = b as typeof a;
      return a.withTimezone === other.withTimezone && a.precision === other.precision;
    }
    case 'enum': {
      const other = b as typeof a;
      return a.name === other.name && a.schema === other.schema && arraysEqual(a.values, other.values);
    }
    case 'custom':
      return sqlEqual(a.sql, (b as typeof a).sql);
    default:
      return true;
  }
}

/**
 * Equality of defaults: literals by value (as a column of `type` stores them, when given),
 * expressions by normalised text with the spellings of "now" as one, and a literal against an
 * expression by the literal's standard SQL spelling. A string with a backslash has no spelling
 * common to every dialect (MySQL doubles backslashes), so as a literal it never equals an
 * expression: the server's own reading of the expression (the canonical form) decides.
 *
 * @example
 * defaultsEqual({ kind: 'literal', value: 'a' }, { kind: 'expression', sql: "'a'" }); // true
 */
export function defaultsEqual(a: DefaultValue | undefined, b: DefaultValue | undefined, type?: ColumnType): boolean {
  if (a === undefined || b === undefined) return a === b;
  [a, b] = [numberAsLiteral(a, type), numberAsLiteral(b, type)];
  if (a.kind === 'literal' && b.kind === 'literal') return storedLiteral(a.value, type) === storedLiteral(b.value, type);
  if ([a, b].some((value) => value.kind === 'literal' && typeof value.value === 'string' && value.value.includes('\\'))) return false;
  return sqlEqual(currentTimestampAsOne(describeDefault(a)), currentTimestampAsOne(describeDefault(b)));
}

const NUMERIC_KINDS: ReadonlySet<ColumnTypeKind> = new Set(['smallint', 'integer', 'bigint', 'real', 'double', 'numeric']);

/**
 * A literal default as a column of `type` stores it: every server turns `'0'` into `0` in a
 * numeric column (SQLite by type affinity), and MySQL and SQLite store a boolean as `1`/`0`.
 * Without a type, literals compare as written.
 */
function storedLiteral(value: string | number | boolean | null, type: ColumnType | undefined): string | number | boolean | null {
  if (type === undefined) return value;
  if (NUMERIC_KINDS.has(type.kind) && typeof value === 'string' && PLAIN_NUMBER.test(value)) return Number(value);
  if (type.kind === 'boolean' && (value === 1 || value === '1')) return true;
  if (type.kind === 'boolean' && (value === 0 || value === '0')) return false;
  return value;
}

/** A plain decimal of at most 15 digits: a JavaScript number holds it exactly. */
const PLAIN_NUMBER = /^\s*-?(?=(?:\d\.?){1,15}\s*$)\d+(?:\.\d+)?\s*$/;

/** PostgreSQL keeps a numeric constant's scale (`1.50`), which a numeric column ignores. */
function numberAsLiteral(value: DefaultValue, type: ColumnType | undefined): DefaultValue {
  if (type === undefined || !NUMERIC_KINDS.has(type.kind) || value.kind !== 'expression' || !PLAIN_NUMBER.test(value.sql)) return value;
  return { kind: 'literal', value: Number(value.sql) };
}

/** Spellings of "now" (the transaction's start) that PostgreSQL and MySQL keep as written. */
const CURRENT_TIMESTAMP_SYNONYMS: ReadonlySet<string> = new Set(['now()', 'current_timestamp', 'current_timestamp()', 'transaction_timestamp()']);

function currentTimestampAsOne(text: string): string {
  return CURRENT_TIMESTAMP_SYNONYMS.has(normalizeSql(text)) ? 'current_timestamp' : text;
}

function generatedEqual(a: GeneratedColumn | undefined, b: GeneratedColumn | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.stored === b.stored && sqlEqual(a.sql, b.sql);
}

/**
 * The aspects in which two same-named columns differ; empty when they are equal.
 *
 * @example
 * columnDifferences(databaseColumn, schemaColumn); // ['type', 'nullable']
 */
export function columnDifferences(a: Column, b: Column): ColumnAspect[] {
  const aspects: ColumnAspect[] = [];
  if (!typesEqual(a.type, b.type)) aspects.push('type');
  if (a.nullable !== b.nullable) aspects.push('nullable');
  if (!defaultsEqual(a.default, b.default, b.type)) aspects.push('default');
  if (a.autoIncrement !== b.autoIncrement) aspects.push('autoIncrement');
  if (!generatedEqual(a.generated, b.generated)) aspects.push('generated');
  if ((a.comment ?? '') !== (b.comment ?? '')) aspects.push('comment');
  if (a.collation !== b.collation) aspects.push('collation');
  return aspects;
}

/**
 * Whether two same-named columns are equal in every aspect.
 *
 * @example
 * columnsEqual(column, { ...column }); // true
 */
export function columnsEqual(a: Column, b: Column): boolean {
  return columnDifferences(a, b).length === 0;
}

/**
 * Primary keys: same columns in the same order; names compared only when both sides have one.
 *
 * @example
 * primaryKeysEqual({ columns: ['id'] }, { name: 'pk_users', columns: ['id'] }); // true
 */
export function primaryKeysEqual(a: PrimaryKey | undefined, b: PrimaryKey | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.name !== undefined && b.name !== undefined && a.name !== b.name) return false;
  return arraysEqual(a.columns, b.columns);
}

function actionOf(action: ReferentialAction | undefined): ReferentialAction {
  return action ?? 'no action';
}

/**
 * Foreign keys: columns, referred table and columns, actions (undefined ≡ `no action`),
 * deferrability.
 *
 * @example
 * foreignKeysEqual({ ...fk, onDelete: undefined }, { ...fk, onDelete: 'no action' }); // true
 */
export function foreignKeysEqual(a: ForeignKey, b: ForeignKey): boolean {
  return (
    a.name === b.name &&
    arraysEqual(a.columns, b.columns) &&
    a.referencedTable === b.referencedTable &&
    a.referencedSchema === b.referencedSchema &&
    arraysEqual(a.referencedColumns, b.referencedColumns) &&
    actionOf(a.onDelete) === actionOf(b.onDelete) &&
    actionOf(a.onUpdate) === actionOf(b.onUpdate) &&
    a.deferrable === b.deferrable
  );
}

/**
 * Unique constraints: name and columns in order.
 *
 * @example
 * uniquesEqual({ name: 'uq', columns: ['a'] }, { name: 'uq', columns: ['a'] }); // true
 */
export function uniquesEqual(a: UniqueConstraint, b: UniqueConstraint): boolean {
  return a.name === b.name && arraysEqual(a.columns, b.columns);
}

function indexPartsEqual(a: IndexPart, b: IndexPart): boolean {
  if (a.descending !== b.descending) return false;
  if (a.kind === 'column' && b.kind === 'column') return a.name === b.name;
  if (a.kind === 'expression' && b.kind === 'expression') return sqlEqual(a.sql, b.sql);
  return false;
}

function optionalSqlEqual(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return sqlEqual(a, b);
}

/**
 * Indexes: uniqueness, parts (order, direction, expressions), predicate and method
 * (undefined ≡ `btree`, every dialect's default).
 *
 * @example
 * indexesEqual(index, { ...index, method: 'btree' }); // true when index.method is undefined
 */
export function indexesEqual(a: Index, b: Index): boolean {
  return (
    a.name === b.name &&
    a.unique === b.unique &&
    arraysEqual(a.parts, b.parts, indexPartsEqual) &&
    optionalSqlEqual(a.where, b.where) &&
    (a.method ?? 'btree').toLowerCase() === (b.method ?? 'btree').toLowerCase()
  );
}

/**
 * Check constraints: name and normalised expression.
 *
 * @example
 * checksEqual({ name: 'ck', sql: 'a > 0' }, { name: 'ck', sql: '(a>0)' }); // true
 */
export function checksEqual(a: CheckConstraint, b: CheckConstraint): boolean {
  return a.name === b.name && sqlEqual(a.sql, b.sql);
}

/**
 * Enumerations: name and values in order.
 *
 * @example
 * enumsEqual({ name: 'mood', values: ['a'] }, { name: 'mood', values: ['a'] }); // true
 */
export function enumsEqual(a: EnumType, b: EnumType): boolean {
  return a.name === b.name && a.schema === b.schema && arraysEqual(a.values, b.values);
}
