/**
 * Which column type changes can lose, round or refuse data, and which values to ask the
 * database about. Pure: a table of rules over (old type, new type), given what the dialect says
 * of its server's conversions (`TypeConversions`, in each dialect's folder).
 *
 * PostgreSQL and MySQL convert every value on `ALTER … TYPE` / `MODIFY`: a narrower type
 * rounds (numeric scale, fractions of a second, a double to an integer) or refuses the value
 * (too long, out of range; MySQL outside strict mode cuts it instead). SQLite converts by its
 * own rules (`dialects/sqlite/type-conversions.ts`).
 */
import { describeType } from '../model/describe-type.js';
import { typesEqual } from '../model/equality.js';
import type { ColumnType, ColumnTypeKind } from '../model/types.js';

/**
 * The values of a column the database is asked about: those that would change or not fit.
 * Each condition is false for NULL, so only columns holding values ever need confirmation.
 */
export type ValuesAtRisk =
  /** Any value may change: the check cannot be exact. */
  | { readonly kind: 'nonNull' }
  /** Every row counts (a NOT NULL column's default). */
  | { readonly kind: 'rows' }
  /** Numbers with digits beyond `scale` decimal places (PostgreSQL, no scale: beyond a float's digits). */
  | { readonly kind: 'fraction'; readonly scale?: number }
  /** Numbers below `min` or above `max` (after rounding to `scale` decimal places, when given). */
  | { readonly kind: 'outside'; readonly min: string; readonly max: string; readonly scale?: number }
  /** Values whose text is longer than `length` characters. */
  | { readonly kind: 'longer'; readonly length: number }
  /** Timestamps with more than `precision` fractional second digits. */
  | { readonly kind: 'subsecond'; readonly precision: number; readonly withTimezone: boolean }
  /** Timestamps that are not at midnight. */
  | { readonly kind: 'timeOfDay' }
  /** Values among `values` (enumeration values that go away). */
  | { readonly kind: 'among'; readonly values: readonly string[] }
  /** Numbers other than 0 and 1. */
  | { readonly kind: 'notZeroOrOne' }
  /** SQLite: text that its numeric affinity would re-spell (`'0123'` → 123). */
  | { readonly kind: 'numericText' };

/** One way a type change can lose data, and the values it would touch. */
export interface TypeChangeRisk {
  /** Starts with the change itself: `numeric(10, 2) → numeric(10, 0) rounds values to whole numbers`. */
  readonly reason: string;
  readonly atRisk: ValuesAtRisk;
}

/** The rules a server that converts every value follows (`convertingRisks`), for dialects whose own rules use them in part. */
export type ConvertingRisks = (from: ColumnType, to: ColumnType) => TypeChangeRisk[];

/** How a dialect's server converts a column's values to a new type, where servers differ. */
export interface TypeConversions {
  /** Fractional second digits of a timestamp declared without a precision (PostgreSQL: 6; MySQL's DATETIME: 0). */
  readonly timestampPrecision: number;
  /** The precision of a `numeric` declared without one (MySQL's DECIMAL is DECIMAL(10, 0)); without it, unbounded. */
  readonly numericPrecision?: number;
  /** Whether `real` is a 4-byte float (PostgreSQL, MySQL's FLOAT) rather than as wide as `double` (SQLite). */
  readonly realIsSingle: boolean;
  /** Whether a float converts to numeric through its decimal of 15 (real: 6) significant digits (PostgreSQL). */
  readonly floatToNumericRounds: boolean;
  /**
   * Rules of the dialect's own, in place of the converting ones (SQLite converts by type
   * affinity), given the converting rules for what they share. Without it, the converting rules
   * judge every change but those of custom types.
   */
  readonly risks?: (from: ColumnType, to: ColumnType, converting: ConvertingRisks) => TypeChangeRisk[];
}

/** What the rules need to know about the dialect; the `Dialect` itself provides it. */
export interface TypeFacts {
  /** The type the server keeps for a declared one (MySQL keeps `uuid` as `char(36)`). */
  readonly storedType?: (type: ColumnType) => ColumnType;
  readonly typeConversions: TypeConversions;
}

const INTEGER_RANGES = {
  smallint: { min: '-32768', max: '32767', digits: 5 },
  integer: { min: '-2147483648', max: '2147483647', digits: 10 },
  bigint: { min: '-9223372036854775808', max: '9223372036854775807', digits: 19 },
} as const;

type IntegerKind = keyof typeof INTEGER_RANGES;

const STRING_KINDS: readonly ColumnTypeKind[] = ['varchar', 'char', 'text', 'enum'];
const FLOAT_KINDS: readonly ColumnTypeKind[] = ['real', 'double'];

function isInteger(kind: ColumnTypeKind): kind is IntegerKind {
  return kind in INTEGER_RANGES;
}

function isNumber(kind: ColumnTypeKind): boolean {
  return isInteger(kind) || kind === 'numeric' || FLOAT_KINDS.includes(kind);
}

/** Significant decimal digits a double keeps, and the largest integer it holds exactly. */
export const DOUBLE_LIMITS = { digits: 15, exactIntegers: '9007199254740992' } as const;

/** Significant decimal digits a float keeps, and the largest integer it holds exactly. */
function floatLimits(kind: 'real' | 'double', dialect: TypeConversions): { digits: number; exactIntegers: string } {
  return kind === 'real' && dialect.realIsSingle ? { digits: 6, exactIntegers: '16777216' } : DOUBLE_LIMITS;
}

/** Digits before and after the point a numeric type holds; undefined for unbounded. */
interface Bounds {
  readonly integerDigits?: number;
  readonly scale?: number;
}

function bounds(type: ColumnType, dialect: TypeConversions): Bounds {
  if (isInteger(type.kind)) return { integerDigits: INTEGER_RANGES[type.kind].digits, scale: 0 };
  if (type.kind !== 'numeric') return {};
  const precision = type.precision ?? dialect.numericPrecision;
  if (precision === undefined) return {};
  const scale = type.scale ?? 0;
  return { integerDigits: precision - scale, scale };
}

/** `undefined` (unbounded) is more than any number. */
function narrower(to: number | undefined, from: number | undefined): to is number {
  return to !== undefined && (from === undefined || to < from);
}

/** The largest value of a numeric type with these digits: 999.99 for numeric(5, 2). */
function largest(integerDigits: number, scale: number): string {
  const whole = integerDigits > 0 ? '9'.repeat(integerDigits) : '0';
  return scale > 0 ? `${whole}.${'9'.repeat(scale)}` : whole;
}

function rounding(scale: number): string {
  return scale === 0 ? 'rounds values to whole numbers' : `rounds values to ${scale} decimal place${scale === 1 ? '' : 's'}`;
}

/** Whether values of `from` can lie outside the range of the integer kind `to`. */
function exceedsRange(from: ColumnType, to: IntegerKind, dialect: TypeConversions): boolean {
  const max = BigInt(INTEGER_RANGES[to].max);
  if (isInteger(from.kind)) return BigInt(INTEGER_RANGES[from.kind].max) > max;
  const { integerDigits } = bounds(from, dialect);
  return integerDigits === undefined || 10n ** BigInt(integerDigits) - 1n > max;
}

/** A number into an integer kind: fractions rounded, values out of its range refused. */
function intoInteger(from: ColumnType, to: IntegerKind, dialect: TypeConversions): TypeChangeRisk[] {
  const { scale } = bounds(from, dialect);
  const fractional = scale === undefined || scale > 0;
  const { min, max } = INTEGER_RANGES[to];
  return [
    ...(fractional ? [{ reason: rounding(0), atRisk: { kind: 'fraction', scale: 0 } } as const] : []),
    ...(exceedsRange(from, to, dialect) ? [{ reason: `holds ${min} to ${max} only`, atRisk: { kind: 'outside', min, max, ...(fractional && { scale: 0 }) } } as const] : []),
  ];
}

/** A number into a numeric: digits beyond the scale rounded, values beyond the precision refused. */
function intoNumeric(from: ColumnType, to: ColumnType, dialect: TypeConversions): TypeChangeRisk[] {
  const source = bounds(from, dialect);
  const target = bounds(to, dialect);
  const risks: TypeChangeRisk[] = [];
  if (narrower(target.scale, source.scale)) {
    risks.push({ reason: rounding(target.scale), atRisk: { kind: 'fraction', scale: target.scale } });
  } else if ((from.kind === 'real' || from.kind === 'double') && dialect.floatToNumericRounds) {
    risks.push({ reason: `keeps ${floatLimits(from.kind, dialect).digits} significant digits of each value`, atRisk: { kind: 'fraction' } });
  }
  if (narrower(target.integerDigits, source.integerDigits)) {
    const max = largest(target.integerDigits, target.scale ?? 0);
    risks.push({
      reason: `holds values from -${max} to ${max} only`,
      atRisk: { kind: 'outside', min: `-${max}`, max, ...(target.scale !== undefined && { scale: target.scale }) },
    });
  }
  return risks;
}

/** A number into a float: integers beyond its mantissa and digits beyond its precision approximated. */
function intoFloat(from: ColumnType, to: 'real' | 'double', dialect: TypeConversions): TypeChangeRisk[] {
  const limits = floatLimits(to, dialect);
  if (isInteger(from.kind)) {
    if (BigInt(INTEGER_RANGES[from.kind].max) <= BigInt(limits.exactIntegers)) return [];
    const atRisk = { kind: 'outside', min: `-${limits.exactIntegers}`, max: limits.exactIntegers } as const;
    return [{ reason: `holds integers exactly up to ±${limits.exactIntegers} only`, atRisk }];
  }
  const source = bounds(from, dialect);
  const significant =
    from.kind === 'real' || from.kind === 'double'
      ? floatLimits(from.kind, dialect).digits
      : source.integerDigits === undefined
        ? undefined
        : source.integerDigits + (source.scale ?? 0);
  if (!narrower(limits.digits, significant)) return [];
  return [{ reason: `keeps about ${limits.digits} significant digits of each value`, atRisk: { kind: 'nonNull' } }];
}

/** Rules for a number column taking another number type. */
function numberRisks(from: ColumnType, to: ColumnType, dialect: TypeConversions): TypeChangeRisk[] {
  if (isInteger(to.kind)) return intoInteger(from, to.kind, dialect);
  if (to.kind === 'numeric') return intoNumeric(from, to, dialect);
  return to.kind === 'real' || to.kind === 'double' ? intoFloat(from, to.kind, dialect) : [];
}

/** The longest text a value of `type` can print as, where that is known and small. */
function longestText(type: ColumnType): number | undefined {
  switch (type.kind) {
    case 'varchar':
      return type.length;
    case 'char':
      return type.length;
    case 'enum':
      return Math.max(0, ...type.values.map((value) => [...value].length));
    case 'smallint':
    case 'integer':
    case 'bigint':
      return INTEGER_RANGES[type.kind].min.length;
    case 'numeric':
      // Sign, point and a leading zero at most.
      return type.precision === undefined ? undefined : type.precision + 3;
    case 'boolean':
      return 5;
    case 'uuid':
      return 36;
    default:
      return undefined;
  }
}

const READS_WHOLE_NUMBERS = "re-reads text as numbers ('0123' becomes 123); text that is not one stops the upgrade";
const READS_FLOATS = "re-reads text as numbers ('0.10' becomes 0.1); text that is not one stops the upgrade";

/** How text converts to each kind, for the reason. */
const TEXT_CONVERSIONS: Partial<Record<ColumnTypeKind, string>> = {
  smallint: READS_WHOLE_NUMBERS,
  integer: READS_WHOLE_NUMBERS,
  bigint: READS_WHOLE_NUMBERS,
  numeric: READS_WHOLE_NUMBERS,
  real: READS_FLOATS,
  double: READS_FLOATS,
  boolean: "re-reads text as true or false ('yes' and 't' become true on PostgreSQL); other text stops the upgrade",
  date: "re-reads text as dates ('2024-1-5' becomes 2024-01-05); text that is not one stops the upgrade",
  time: "re-reads text as times ('9:05' becomes 09:05:00); text that is not one stops the upgrade",
  timestamp: "re-reads text as timestamps ('2024-1-5 9:00' becomes 2024-01-05 09:00:00); text that is not one stops the upgrade",
  uuid: 'keeps uuids only, in lower case without braces; other text stops the upgrade',
  json: 'keeps valid JSON only; other text stops the upgrade',
  jsonb: 'parses text as jsonb: whitespace, key order and duplicate keys are not kept; text that is not JSON stops the upgrade',
};

/** Effective timestamp precision. */
function timestampPrecision(type: Extract<ColumnType, { kind: 'timestamp' }>, dialect: TypeConversions): number {
  return type.precision ?? dialect.timestampPrecision;
}

/** The rules of servers that convert every value (PostgreSQL, MySQL), given stored types. */
function convertingRisks(from: ColumnType, to: ColumnType, dialect: TypeConversions): TypeChangeRisk[] {
  if (isNumber(from.kind) && isNumber(to.kind)) return numberRisks(from, to, dialect);
  if ((to.kind === 'varchar' && to.length !== undefined) || to.kind === 'char') {
    const length = to.length!;
    const longest = longestText(from);
    if (longest !== undefined && longest <= length) return [];
    return [{ reason: `fits no value longer than ${length} characters`, atRisk: { kind: 'longer', length } }];
  }
  if (STRING_KINDS.includes(from.kind) && from.kind !== to.kind && TEXT_CONVERSIONS[to.kind] !== undefined) {
    return [{ reason: TEXT_CONVERSIONS[to.kind]!, atRisk: { kind: 'nonNull' } }];
  }
  if (isNumber(from.kind) && to.kind === 'boolean') {
    return [{ reason: 'holds true and false only: numbers other than 0 and 1 are converted or refused', atRisk: { kind: 'notZeroOrOne' } }];
  }
  if (from.kind === 'enum' && to.kind === 'enum') {
    const removed = from.values.filter((value) => !to.values.includes(value));
    return removed.length === 0 ? [] : [{ reason: removedValues(removed), atRisk: { kind: 'among', values: removed } }];
  }
  if (from.kind === 'timestamp' && to.kind === 'timestamp') {
    const precision = timestampPrecision(to, dialect);
    if (precision >= timestampPrecision(from, dialect)) return [];
    const reason = precision === 0 ? 'drops fractions of a second' : `keeps ${precision} fractional second digit${precision === 1 ? '' : 's'}`;
    return [{ reason, atRisk: { kind: 'subsecond', precision, withTimezone: to.withTimezone } }];
  }
  if (from.kind === 'timestamp' && to.kind === 'date') return [{ reason: 'drops the time of day', atRisk: { kind: 'timeOfDay' } }];
  if (from.kind === 'timestamp' && to.kind === 'time') return [{ reason: 'drops the date', atRisk: { kind: 'nonNull' } }];
  if (from.kind === 'json' && to.kind === 'jsonb') {
    return [{ reason: 're-spells documents: whitespace, key order and duplicate keys are not kept', atRisk: { kind: 'nonNull' } }];
  }
  return [];
}

/** Why enumeration values going away are a risk. */
function removedValues(values: readonly string[]): string {
  const listed = values.map((value) => `'${value}'`).join(', ');
  return values.length === 1 ? `removes the value ${listed}: rows holding it stop the upgrade` : `removes the values ${listed}: rows holding them stop the upgrade`;
}

/**
 * The ways changing a column from type `from` to `to` can lose or refuse data on `dialect`,
 * each with the values to ask the database about. Custom types are not judged (except by
 * SQLite's affinity, which reads any declared type).
 *
 * @example
 * typeChangeRisks({ kind: 'numeric', precision: 10, scale: 2 }, { kind: 'numeric', precision: 10, scale: 0 }, postgresDialect);
 * // [{ reason: 'numeric(10, 2) → numeric(10, 0) rounds values to whole numbers', atRisk: { kind: 'fraction', scale: 0 } }]
 */
export function typeChangeRisks(from: ColumnType, to: ColumnType, dialect: TypeFacts): TypeChangeRisk[] {
  const stored = (type: ColumnType) => dialect.storedType?.(type) ?? type;
  const [before, after] = [stored(from), stored(to)];
  if (typesEqual(before, after)) return [];
  const conversions = dialect.typeConversions;
  const converting: ConvertingRisks = (a, b) => convertingRisks(a, b, conversions);
  const risks = conversions.risks
    ? conversions.risks(before, after, converting)
    : before.kind === 'custom' || after.kind === 'custom'
      ? []
      : converting(before, after);
  // PostgreSQL's enumeration keeps its name while its values change.
  const change = describeType(from) === describeType(to) ? describeType(to) : `${describeType(from)} → ${describeType(to)}`;
  return risks.map((risk) => ({ ...risk, reason: `${change} ${risk.reason}` }));
}
