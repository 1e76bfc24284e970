/**
 * Changing a PostgreSQL enumeration's values: in place when values are only added (`ADD VALUE`),
 * otherwise by swapping in a new type and converting every column, check and index that uses it.
 */
import { qualifiedName } from '../../model/qualified-name.js';
import { standardQuotedIdentifier } from '../../model/quoted-identifier.js';
import type { EnumType } from '../../model/types.js';
import { id, LINE_BREAK, literal, qualifiedId, rawStatement, type SqlPiece } from '../../render/code.js';
import { createEnumStatement } from '../../render/enums.js';

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
      '// ALTER TYPE … ADD VALUE: a new value cannot be used in the transaction that adds it; use it in a later revision.',
    ];
    to.values.forEach((value, i) => {
      if (existing.has(value)) return;
      // Each value goes after the one before it, which exists by now; a first value goes before
      // the first old one (the value after it may be new too).
      const position = i > 0 ? [' AFTER ', literal(to.values[i - 1]!)] : from.values.length > 0 ? [' BEFORE ', literal(from.values[0]!)] : [];
      statements.push(rawStatement(['ALTER TYPE ', qualifiedId(qualifiedName(to)), ' ADD VALUE ', literal(value), ...position]));
    });
    return statements;
  }
  const old = `${to.name}__schemigrate_old`;
  return [
    onlyAdds(from, to)
      ? '// This revision uses a new value, which ADD VALUE would not allow before commit: swap in a new type and convert every column, check and index that uses the old one.'
      : '// Values are removed or reordered: swap in a new type and convert every column, check and index that uses the old one.',
    rawStatement(['ALTER TYPE ', qualifiedId(qualifiedName(from)), ' RENAME TO ', id(old)]),
    createEnumStatement(to),
    rawStatement(convertColumnsBlock(old, to.name, to.schema)),
    rawStatement(['DROP TYPE ', qualifiedId(qualifiedName({ name: old, ...(to.schema !== undefined && { schema: to.schema }) }))]),
  ];
}

/**
 * The `DO` block that moves every use of type `old` to `name`: checks and indexes whose text casts
 * a literal to the old type are set aside and dropped (PostgreSQL cannot convert the column
 * under them), each column is converted through text with its default dropped and restored
 * (unless it names a removed value), and the set-aside definitions are re-created naming the new type.
 */
function convertColumnsBlock(old: string, name: string, schema?: string): SqlPiece[] {
  // A type of a named schema (not on the search path) prints and is named schema-qualified.
  const inSchema: SqlPiece[] = schema === undefined ? [] : ['quote_ident(', literal(schema), ") || '.' || "];
  const oldCast = ["'::' || ", ...inSchema, 'quote_ident(', literal(old), ')'];
  const newCast = ["'::' || ", ...inSchema, 'quote_ident(', literal(name), ')'];
  const typeFormat = schema === undefined ? '%I' : '%I.%I';
  const typeArgs: SqlPiece[] = schema === undefined ? [literal(name)] : [literal(schema), ', ', literal(name)];
  const lines: SqlPiece[][] = [
    ['DO $$'],
    ['DECLARE'],
    ['  r record;'],
    ["  saved text[] := '{}';"],
    ['  statement text;'],
    ['BEGIN'],
    ['  FOR r IN'],
    ['    SELECT c.conrelid::regclass AS rel, c.conname, pg_get_constraintdef(c.oid) AS def'],
    ['    FROM pg_constraint c'],
    ["    WHERE c.contype = 'c' AND strpos(pg_get_constraintdef(c.oid), ", ...oldCast, ') > 0'],
    ['  LOOP'],
    ["    saved := saved || format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.rel, r.conname, r.def);"],
    ["    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.rel, r.conname);"],
    ['  END LOOP;'],
    ['  FOR r IN'],
    ['    SELECT i.indexrelid::regclass AS idx, pg_get_indexdef(i.indexrelid) AS def'],
    ['    FROM pg_index i'],
    ['    WHERE strpos(pg_get_indexdef(i.indexrelid), ', ...oldCast, ') > 0'],
    ['  LOOP'],
    ['    saved := saved || r.def;'],
    ["    EXECUTE format('DROP INDEX %s', r.idx);"],
    ['  END LOOP;'],
    ['  FOR r IN'],
    ['    SELECT n.nspname, c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid) AS default_sql'],
    ['    FROM pg_attribute a'],
    ['    JOIN pg_class c ON c.oid = a.attrelid'],
    ['    JOIN pg_namespace n ON n.oid = c.relnamespace'],
    ['    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum'],
    [
      '    WHERE a.atttypid = ',
      literal(schema === undefined ? standardQuotedIdentifier(old) : `${standardQuotedIdentifier(schema)}.${standardQuotedIdentifier(old)}`),
      "::regtype AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p')",
    ],
    ['  LOOP'],
    ["    EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I DROP DEFAULT', r.nspname, r.relname, r.attname);"],
    [
      `    EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I TYPE ${typeFormat} USING %I::text::${typeFormat}', r.nspname, r.relname, r.attname, `,
      ...typeArgs,
      ', r.attname, ',
      ...typeArgs,
      ');',
    ],
    // A default naming a value the new type lacks is left dropped: the revision sets the column's new default after the swap.
    ['    IF r.default_sql IS NOT NULL THEN'],
    ['      BEGIN'],
    [
      "        EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I SET DEFAULT %s', r.nspname, r.relname, r.attname, replace(r.default_sql, ",
      ...oldCast,
      ', ',
      ...newCast,
      '));',
    ],
    ['      EXCEPTION WHEN invalid_text_representation THEN NULL;'],
    ['      END;'],
    ['    END IF;'],
    ['  END LOOP;'],
    ['  FOREACH statement IN ARRAY saved LOOP'],
    ['    EXECUTE replace(statement, ', ...oldCast, ', ', ...newCast, ');'],
    ['  END LOOP;'],
    ['END $$'],
  ];
  return lines.flatMap((line, i) => (i === 0 ? line : [LINE_BREAK, ...line]));
}
