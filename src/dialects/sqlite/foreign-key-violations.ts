/**
 * Rows whose foreign key points at a missing row (`PRAGMA foreign_key_check`), and which of
 * them a revision added. A row is not known by its rowid or by the foreign key's number: a
 * rebuild renumbers both (rows of a table without an INTEGER PRIMARY KEY get new rowids,
 * foreign keys are numbered by declaration). So violations are counted per foreign key, known
 * by its table, the table it references and its columns: a revision added violations to a
 * foreign key when it has more of them after than before.
 */
import { sql, type Kysely } from 'kysely';

export interface Violation {
  readonly table: string;
  /** Null in a WITHOUT ROWID table. */
  readonly rowid: number | null;
  readonly parent: string;
  /** The foreign key's columns in `table`. */
  readonly columns: readonly string[];
}

export type Violations = readonly Violation[];

interface CheckRow {
  readonly table: string;
  readonly rowid: number | null;
  readonly parent: string;
  readonly fkid: number;
}

interface KeyColumnRow {
  readonly table: string;
  readonly id: number;
  readonly from: string;
}

/** How many rows a message names before it says "and N more". */
const SHOWN = 5;

/**
 * Every violation in the database, with its foreign key's columns. One scan of every foreign
 * key (the pragma), plus one small catalog query when there is anything to report.
 *
 * @example
 * await readViolations(db); // [{ table: 'child', rowid: 12, parent: 'parent', columns: ['parent_id'] }]
 */
export async function readViolations(db: Kysely<any>): Promise<Violations> {
  const { rows } = await sql<CheckRow>`pragma foreign_key_check`.execute(db);
  if (rows.length === 0) return [];
  const tables = JSON.stringify([...new Set(rows.map((row) => row.table))]);
  const { rows: keyColumns } = await sql<KeyColumnRow>`
    select t.value as "table", f.id, f."from"
    from json_each(${tables}) t join pragma_foreign_key_list(t.value) f
    order by t.value, f.id, f.seq`.execute(db);
  const columns = new Map<string, string[]>();
  for (const row of keyColumns) {
    const key = `${row.table}\u0000${row.id}`;
    columns.set(key, [...(columns.get(key) ?? []), row.from]);
  }
  return rows.map((row) => ({
    table: row.table,
    rowid: row.rowid,
    parent: row.parent,
    columns: columns.get(`${row.table}\u0000${row.fkid}`) ?? [],
  }));
}

/** The foreign key a violation belongs to (SQLite names ignore case). */
function foreignKeyOf(violation: Violation): string {
  return JSON.stringify([violation.table, violation.parent, ...violation.columns].map((name) => name.toLowerCase()));
}

function rowOf(violation: Violation): string {
  return `${foreignKeyOf(violation)}${violation.rowid}`;
}

/**
 * How many violations `after` has beyond `before`, per foreign key, and rows to name: those of
 * the foreign keys that gained some, leaving out rows that were there before where rowids tell.
 *
 * @example
 * newViolations([], [{ table: 'child', rowid: 12, parent: 'parent', columns: ['parent_id'] }]).count; // 1
 */
export function newViolations(before: Violations, after: Violations): { readonly count: number; readonly rows: Violations } {
  const earlier = new Map<string, number>();
  for (const violation of before) earlier.set(foreignKeyOf(violation), (earlier.get(foreignKeyOf(violation)) ?? 0) + 1);
  const earlierRows = new Set(before.map(rowOf));
  const groups = new Map<string, Violation[]>();
  for (const violation of after) {
    const group = groups.get(foreignKeyOf(violation));
    if (group) group.push(violation);
    else groups.set(foreignKeyOf(violation), [violation]);
  }
  let count = 0;
  const rows: Violation[] = [];
  for (const [key, group] of groups) {
    const added = group.length - (earlier.get(key) ?? 0);
    if (added <= 0) continue;
    count += added;
    const unseen = group.filter((violation) => !earlierRows.has(rowOf(violation)));
    rows.push(...(unseen.length > 0 ? unseen : group));
  }
  return { count, rows };
}

/**
 * The first few violations in words.
 *
 * @example
 * describeViolations([{ table: 'child', rowid: 12, parent: 'parent', columns: ['parent_id'] }]); // 'child rowid 12 (references parent)'
 */
export function describeViolations(violations: Violations): string {
  const shown = violations
    .slice(0, SHOWN)
    .map((violation) => `${violation.table} ${violation.rowid === null ? 'row' : `rowid ${violation.rowid}`} (references ${violation.parent})`)
    .join(', ');
  return violations.length > SHOWN ? `${shown} and ${violations.length - SHOWN} more` : shown;
}
