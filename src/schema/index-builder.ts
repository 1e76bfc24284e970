/**
 * `index(name?)`: an immutable index builder, returned from a table's extras.
 */
import { standardStringLiteral } from '../model/string-literal.js';
import { SchemigrateError } from '../util/errors.js';
import { columnRefData, EXTRA, type ExtraData, type IndexPartData } from './brands.js';
import type { ColumnRef } from './column-ref.js';
import { isSqlExpression, sqlSource, type SqlSource } from './sql-text.js';

type IndexData = Extract<ExtraData, { kind: 'index' }>;

/** A sql`…` template, from any copy of Kysely. */
export interface SqlExpression {
  toOperationNode(): unknown;
}

export class IndexBuilder {
  readonly [EXTRA]: IndexData;

  constructor(data: IndexData) {
    this[EXTRA] = data;
  }

  #with(change: Partial<IndexData>): IndexBuilder {
    return new IndexBuilder({ ...this[EXTRA], ...change });
  }

  /**
   * The indexed columns (`t.name`, `t.name.desc()`) and expressions (sql`lower(title)`, or
   * sql`lower(title) DESC` for descending order), in order.
   *
   * @example
   * index().on(t.lastName, t.createdAt.desc(), sql`coalesce(closed_at, now()) DESC`)
   */
  on(...parts: (ColumnRef | SqlExpression)[]): IndexBuilder {
    return this.#with({ parts: parts.map(indexPart) });
  }

  /** @example index().on(t.email).unique() */
  unique(): IndexBuilder {
    return this.#with({ unique: true });
  }

  /** A partial index. @example index().on(t.email).where(sql`deleted_at IS NULL`) */
  where(predicate: SqlExpression): IndexBuilder {
    return this.#with({ where: sqlSource(predicate) });
  }

  /** The access method. @example index().on(t.tags).using('gin') */
  using(method: string): IndexBuilder {
    if (typeof method !== 'string' || method.trim() === '') throw new SchemigrateError('using() takes an index method name such as gin.');
    return this.#with({ method: method.trim().toLowerCase() });
  }
}

/** A trailing `DESC` (or `ASC`) of an expression part is its direction, as in `CREATE INDEX`. */
const DIRECTION = /\s+(DESC|ASC)\s*$/i;

/** The direction ends the text, outside any string literal, so every dialect's spelling has the same one. */
function expressionPart(source: SqlSource): IndexPartData {
  const direction = DIRECTION.exec(source(standardStringLiteral));
  if (direction === null || direction.index === 0) return { kind: 'expression', sql: source, descending: false };
  return {
    kind: 'expression',
    sql: (stringLiteral) => source(stringLiteral).replace(DIRECTION, ''),
    descending: direction[1]!.toUpperCase() === 'DESC',
  };
}

function indexPart(part: unknown): IndexPartData {
  const ref = columnRefData(part);
  if (ref !== undefined) return { kind: 'column', ref };
  if (isSqlExpression(part)) return expressionPart(sqlSource(part));
  throw new SchemigrateError(
    `index().on() takes columns (t.email, t.email.desc()) or sql\`…\` expressions, not ${part === undefined ? 'undefined (a misspelt column?)' : typeof part}.`,
  );
}

/**
 * An index, named by the `ix` convention unless `name` is given.
 *
 * @example
 * (t) => [index('ix_posts_title_lower').on(sql`lower(title)`)]
 */
export function index(name?: string): IndexBuilder {
  return new IndexBuilder({ kind: 'index', name, parts: [], unique: false });
}
