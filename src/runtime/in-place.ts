/**
 * `inPlace`: the runtime helper of online MySQL revisions. It asks InnoDB to make a change
 * without copying the table or blocking writes (`ALGORITHM=INPLACE, LOCK=NONE`), so that the
 * server refuses the statement rather than quietly copy a big table. MariaDB reads INPLACE as
 * "at least in place", so it still makes INSTANT changes instantly.
 */
import { CompiledQuery, type Compilable } from 'kysely';

/**
 * The compiled `ALTER TABLE` or `CREATE INDEX` of `builder` with
 * `ALGORITHM=INPLACE, LOCK=NONE`, to run with `db.executeQuery`.
 *
 * @example
 * await db.executeQuery(inPlace(db.schema.createIndex('ix_posts_title').on('posts').column('title')));
 * // create index `ix_posts_title` on `posts` (`title`) ALGORITHM=INPLACE LOCK=NONE
 */
export function inPlace(builder: Compilable): CompiledQuery {
  const { sql, parameters } = builder.compile();
  // ALTER TABLE takes the clauses as comma-separated parts; CREATE INDEX after a space.
  const clauses = /^\s*alter\s+table\b/i.test(sql) ? ', ALGORITHM=INPLACE, LOCK=NONE' : ' ALGORITHM=INPLACE LOCK=NONE';
  return CompiledQuery.raw(`${sql}${clauses}`, [...parameters]);
}
