/**
 * How SQLite converts a column's values to a new type: it enforces no length, precision or
 * scale, and its rebuild copies values into the new declared type, whose affinity only turns
 * text that reads as a number into that number, and integers into floats.
 */
import type { ColumnType } from '../../model/types.js';
import { DOUBLE_LIMITS, type ConvertingRisks, type TypeChangeRisk, type TypeConversions } from '../../operations/lossy-type-changes.js';
import { sqliteAffinity } from './affinity.js';
import { sqliteDeclaredType } from './types.js';

/** SQLite's rules: only affinity changes values; an enumeration (a checked text) refuses removed values. */
function sqliteRisks(from: ColumnType, to: ColumnType, converting: ConvertingRisks): TypeChangeRisk[] {
  if (from.kind === 'enum' && to.kind === 'enum') return converting(from, to);
  const before = sqliteAffinity(sqliteDeclaredType(from));
  const after = sqliteAffinity(sqliteDeclaredType(to));
  if (before === 'TEXT' && (after === 'NUMERIC' || after === 'INTEGER' || after === 'REAL')) {
    return [{ reason: "lets SQLite's type affinity turn text that reads as a number into that number ('0123' becomes 123)", atRisk: { kind: 'numericText' } }];
  }
  if ((before === 'INTEGER' || before === 'NUMERIC') && after === 'REAL') {
    const { exactIntegers } = DOUBLE_LIMITS;
    return [{ reason: `holds integers exactly up to ±${exactIntegers} only`, atRisk: { kind: 'outside', min: `-${exactIntegers}`, max: exactIntegers } }];
  }
  return [];
}

/** SQLite's REAL is always 8 bytes; its rules replace the converting ones. */
export const sqliteTypeConversions: TypeConversions = {
  timestampPrecision: 6,
  realIsSingle: false,
  floatToNumericRounds: false,
  risks: sqliteRisks,
};
