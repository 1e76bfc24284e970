/**
 * Enumeration types (PostgreSQL): create, drop, and alter — in place when values are only
 * added, otherwise by swapping in a new type and converting every column that uses it.
 */
import type { EnumType } from '../model/types.js';
import { chain, id, jsString, jsStringArray, literal, rawStatement } from './code.js';

/**
 * `db.schema.createType(name).asEnum([...])`.
 *
 * @example
 * createEnumStatement({ name: 'mood', values: ['sad', 'happy'] });
 */
export function createEnumStatement(type: EnumType): string {
  return chain([`createType(${jsString(type.name)})`, `asEnum(${jsStringArray(type.values)})`]);
}

/**
 * `db.schema.dropType(name)`.
 *
 * @example
 * dropEnumStatement({ name: 'mood', values: [] });
 */
export function dropEnumStatement(type: EnumType): string {
  return chain([`dropType(${jsString(type.name)})`]);
}

/** Whether `to` keeps every value of `from` in the same order (so values are only added). */
function onlyAdds(from: EnumType, to: EnumType): boolean {
  let next = 0;
  for (const value of to.values) if (value === from.values[next]) next++;
  return next === from.values.length && new Set(to.values).size === to.values.length;
}

/**
 * The statements that change enum `from` into `to`: `ADD VALUE` when values are only added
 * (unless `recreate`, for a revision that also uses a new value), otherwise a new type swapped in.
 *
 * @example
 * alterEnumStatements({ name: 'mood', values: ['a'] }, { name: 'mood', values: ['a', 'b'] });
 * // ["// ALTER TYPE … ADD VALUE: …", "await sql`ALTER TYPE ${sql.id('mood')} ADD VALUE ${sql.lit('b')} AFTER ${sql.lit('a')}`.execute(db);"]
 */
export function alterEnumStatements(from: EnumType, to: EnumType, options: { readonly recreate: boolean } = { recreate: false }): string[] {
  if (onlyAdds(from, to) && !options.recreate) {
    const existing = new Set(from.values);
    const statements = [
      '// ALTER TYPE … ADD VALUE: a new value cannot be used before this revision commits; use it in a later revision.',
    ];
    to.values.forEach((value, i) => {
      if (existing.has(value)) return;
      const position = i === 0 ? [' BEFORE ', literal(to.values[1]!)] : [' AFTER ', literal(to.values[i - 1]!)];
      statements.push(rawStatement(['ALTER TYPE ', id(to.name), ' ADD VALUE ', literal(value), ...position]));
    });
    return statements;
  }
  const old = `${to.name}__schemigrate_old`;
  return [
    onlyAdds(from, to)
      ? '// This revision uses a new value, which ADD VALUE would not allow before commit: swap in a new type and convert every column that uses the old one.'
      : '// Values are removed or reordered: swap in a new type and convert every column that uses the old one.',
    rawStatement(['ALTER TYPE ', id(from.name), ' RENAME TO ', id(old)]),
    createEnumStatement(to),
    rawStatement([
      'DO $$ DECLARE r record; BEGIN FOR r IN ',
      'SELECT n.nspname, c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid) AS default_sql ',
      'FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace ',
      'LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum ',
      'WHERE a.atttypid = ',
      literal(quoteIdentifier(old)),
      "::regtype AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') LOOP ",
      "EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I DROP DEFAULT', r.nspname, r.relname, r.attname); ",
      "EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I TYPE %I USING %I::text::%I', r.nspname, r.relname, r.attname, ",
      literal(to.name),
      ', r.attname, ',
      literal(to.name),
      '); ',
      "IF r.default_sql IS NOT NULL THEN EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I SET DEFAULT %s', ",
      "r.nspname, r.relname, r.attname, replace(r.default_sql, '::' || quote_ident(",
      literal(old),
      "), '::' || quote_ident(",
      literal(to.name),
      '))); END IF; END LOOP; END $$',
    ]),
    rawStatement(['DROP TYPE ', id(old)]),
  ];
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
