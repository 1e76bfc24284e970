/**
 * Column defaults as SQLite reports them in `pragma_table_xinfo.dflt_value`: the default's
 * source text, with the outer parentheses of an expression removed.
 */
import type { ColumnType, DefaultValue } from '../../model/types.js';
import { tokenize } from './tokenizer.js';

const TIME_KEYWORDS = ['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME'];

/**
 * The neutral default for a `dflt_value`: literals become JavaScript values, anything else an
 * expression as SQLite reports it (the renderer adds the parentheses SQLite needs after
 * `DEFAULT`; adding them here would nest one more pair on every round trip).
 *
 * @example
 * parseSqliteDefault("'it''s'", { kind: 'text' }); // { kind: 'literal', value: "it's" }
 * parseSqliteDefault("lower('X')", { kind: 'text' }); // { kind: 'expression', sql: "lower('X')" }
 */
export function parseSqliteDefault(text: string, type: ColumnType): DefaultValue {
  const tokens = tokenize(text);
  const only = tokens.length === 1 ? tokens[0]! : undefined;
  const upper = text.trim().toUpperCase();
  if (only?.kind === 'string') return { kind: 'literal', value: only.value };
  if (upper === 'NULL') return { kind: 'literal', value: null };
  if ((upper === 'TRUE' || upper === 'FALSE') && type.kind === 'boolean') {
    return { kind: 'literal', value: upper === 'TRUE' };
  }
  if (TIME_KEYWORDS.includes(upper)) return { kind: 'expression', sql: upper };
  const number = parseNumber(text.trim());
  if (number !== undefined) return { kind: 'literal', value: number };
  return { kind: 'expression', sql: text.trim() };
}

/** A decimal literal, optionally signed, that survives the trip through a JavaScript number. */
function parseNumber(text: string): number | undefined {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(text)) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  if (/^[+-]?\d+$/.test(text) && !Number.isSafeInteger(value)) return undefined;
  return value;
}
