/**
 * SQLite's type affinity (https://www.sqlite.org/datatype3.html §3.1): the storage class a
 * column prefers, derived from its declared type by the first matching rule. It decides what a
 * value copied into a rebuilt table becomes, since SQLite enforces neither lengths, precisions
 * nor scales.
 */

export type SqliteAffinity = 'INTEGER' | 'TEXT' | 'BLOB' | 'REAL' | 'NUMERIC';

/**
 * The affinity of a declared type, by SQLite's own rules, in order.
 *
 * @example
 * sqliteAffinity('varchar(20)'); // 'TEXT'
 * sqliteAffinity('double precision'); // 'REAL'
 * sqliteAffinity('timestamp'); // 'NUMERIC'
 */
export function sqliteAffinity(declared: string): SqliteAffinity {
  const type = declared.toUpperCase();
  if (type.includes('INT')) return 'INTEGER';
  if (type.includes('CHAR') || type.includes('CLOB') || type.includes('TEXT')) return 'TEXT';
  if (type.includes('BLOB') || type.trim() === '') return 'BLOB';
  if (type.includes('REAL') || type.includes('FLOA') || type.includes('DOUB')) return 'REAL';
  return 'NUMERIC';
}
