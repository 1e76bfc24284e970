/**
 * Column defaults as PostgreSQL prints them (`pg_get_expr(adbin, adrelid)`), parsed back into
 * the neutral model: plain literals become JavaScript values, everything else stays SQL.
 */
import type { DefaultValue } from '../../model/types.js';

/** A type name as `pg_get_expr` writes a cast target: `text`, `character varying`, `"Mood"`, `public.mood`, `integer[]`. */
const TYPE_NAME = String.raw`(?:"(?:[^"]|"")+"|[a-z_][\w$]*(?: [a-z_][\w$]*)*)(?:\.(?:"(?:[^"]|"")+"|[a-z_][\w$]*))?(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])*`;

/** `'…'::type`, where quotes inside the literal are doubled. */
const CAST_STRING = new RegExp(String.raw`^'((?:[^']|'')*)'::(${TYPE_NAME})$`, 'i');

/** `NULL` or `NULL::type`. */
const NULL_LITERAL = new RegExp(String.raw`^NULL(?:::${TYPE_NAME})?$`, 'i');

/** A number as PostgreSQL prints a numeric constant. */
const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i;

/** Casts that make a quoted literal a number: PostgreSQL prints negative constants as `'-1'::integer`. */
const NUMERIC_TYPES = new Set(['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision']);

/**
 * The neutral form of a default as the server prints it.
 *
 * @example
 * parseDefault(`'it''s'::character varying`); // → { kind: 'literal', value: "it's" }
 * parseDefault(`'-1'::integer`);              // → { kind: 'literal', value: -1 }
 * parseDefault('now()');                      // → { kind: 'expression', sql: 'now()' }
 */
export function parseDefault(text: string): DefaultValue {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  if (lower === 'true' || lower === 'false') return literal(lower === 'true');
  if (NULL_LITERAL.test(trimmed)) return literal(null);
  if (NUMBER.test(trimmed)) return numberOr(trimmed, { kind: 'expression', sql: trimmed });
  const cast = CAST_STRING.exec(trimmed);
  if (cast) {
    const value = cast[1]!.replaceAll("''", "'");
    return NUMERIC_TYPES.has(cast[2]!.toLowerCase()) && NUMBER.test(value) ? numberOr(value, literal(value)) : literal(value);
  }
  return { kind: 'expression', sql: trimmed };
}

/** A number literal when JavaScript holds it exactly, else `fallback` (big integers, long decimals). */
function numberOr(text: string, fallback: DefaultValue): DefaultValue {
  const value = Number(text);
  if (!Number.isFinite(value)) return fallback;
  if (/^-?\d+$/.test(text) && !Number.isSafeInteger(value)) return fallback;
  // Only when printing the number gives back the server's text: `0.10` or `1e3` would not round-trip.
  return String(value) === text ? literal(value) : fallback;
}

function literal(value: string | number | boolean | null): DefaultValue {
  return { kind: 'literal', value };
}
