import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js';
import type { Model } from '../../../src/model/types.js';
import { openTestDatabase } from './open-test-database.js';
import { CORPUS_DIR } from '../../helpers/corpus.js';

const CORPUS = CORPUS_DIR;

interface CorpusCounts {
  readonly tables: number;
  readonly virtual_tables?: number;
  readonly indexes_explicit?: number;
  readonly autoindexes?: number;
  readonly partial_indexes?: number;
  readonly expression_indexes?: number;
  readonly columns: number;
  readonly fks?: number;
  readonly fks_on_delete_cascade?: number;
  readonly checks?: number;
  readonly generated_columns?: number;
  readonly autoincrement_tables?: number;
  readonly composite_pk_tables?: number;
}

const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as {
  files: { file: string; 'counts_sqlite3.40': CorpusCounts }[];
};
const sqliteFiles = manifest.files.filter((f) => f.file.startsWith('sqlite/'));

/**
 * better-sqlite3 is built without double-quoted string literals (SQLITE_DQS=0), which some
 * corpus files use for JSON paths (`"$.Key"`); those become single-quoted strings.
 */
function corpusScript(file: string): string {
  return readFileSync(join(CORPUS, file), 'utf8').replace(/"(\$\.[^"]*)"/g, "'$1'");
}

async function load(file: string): Promise<{ model: Model; primaryKeyIndexes: number }> {
  const open = await openTestDatabase();
  try {
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(open.url.dialect === 'sqlite' ? open.url.filename : '');
    try {
      raw.exec(corpusScript(file));
    } finally {
      raw.close();
    }
    // Non-integer primary keys also get an autoindex (origin 'pk'); they are not unique constraints.
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from pragma_table_list t join pragma_index_list(t.name) il
      where t.schema = 'main' and t.type = 'table' and il.origin = 'pk'`.execute(open.db);
    return { model: await sqliteDialect.introspect(open.db, { isExcluded: () => false }), primaryKeyIndexes: rows[0]!.n };
  } finally {
    await open.close();
  }
}

describe('sqlite introspection of the real-world corpus', () => {
  test.each(sqliteFiles.map((f) => [f.file, f['counts_sqlite3.40']] as const))('%s', async (file, counts) => {
    const { model, primaryKeyIndexes } = await load(file);
    const tables = model.tables;
    const columns = tables.flatMap((t) => t.columns);
    const indexes = tables.flatMap((t) => t.indexes);
    const foreignKeys = tables.flatMap((t) => t.foreignKeys);

    // Virtual tables and their shadow tables are out of scope.
    expect(tables.length).toBe(counts.tables);
    expect(columns.length).toBe(counts.columns);
    expect(indexes.length).toBe(counts.indexes_explicit ?? 0);
    expect(tables.flatMap((t) => t.uniques).length + primaryKeyIndexes).toBe(counts.autoindexes ?? 0);
    expect(foreignKeys.length).toBe(counts.fks ?? 0);
    expect(foreignKeys.filter((fk) => fk.onDelete === 'cascade').length).toBe(counts.fks_on_delete_cascade ?? 0);
    expect(tables.flatMap((t) => t.checks).length).toBe(counts.checks ?? 0);
    expect(columns.filter((c) => c.generated).length).toBe(counts.generated_columns ?? 0);
    expect(indexes.filter((i) => i.where !== undefined).length).toBe(counts.partial_indexes ?? 0);
    expect(indexes.filter((i) => i.parts.some((p) => p.kind === 'expression')).length).toBe(counts.expression_indexes ?? 0);
    expect(tables.filter((t) => t.columns.some((c) => c.autoIncrement)).length).toBe(counts.autoincrement_tables ?? 0);
    expect(tables.filter((t) => (t.primaryKey?.columns.length ?? 0) > 1).length).toBe(counts.composite_pk_tables ?? 0);

    // Everything read from the SQL text was found.
    expect(columns.filter((c) => c.generated && c.generated.sql === '')).toEqual([]);
    expect(indexes.flatMap((i) => i.parts).filter((p) => p.kind === 'expression' && p.sql === '')).toEqual([]);
    expect(tables.flatMap((t) => t.checks).filter((c) => c.sql === '')).toEqual([]);
    expect(foreignKeys.filter((fk) => fk.referencedColumns.length !== fk.columns.length)).toEqual([]);
  });
});
