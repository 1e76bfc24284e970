/**
 * Introspection of real-world schemas (../shared/corpus/mysql): every file that loads on
 * MariaDB 10.11 is loaded with the `mariadb` client into a fresh database, and the model holds
 * as many tables, columns, keys, indexes, checks and auto-increment columns as the corpus
 * manifest counted. Left out: sakila (stored routines need the client's DELIMITER and the
 * file creates its own database) and temporal-v8-visibility (MySQL 8 syntax only).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mysqlDialect } from '../../../src/dialects/mysql/index.js';
import { compareModels } from '../../../src/diff/compare.js';
import { describeOperation } from '../../../src/operations/describe.js';
import { executeOperations } from '../../../src/runtime/execute-operations.js';
import type { Model } from '../../../src/model/types.js';
import { CORPUS_DIR, loadIntoMysql } from '../../helpers/corpus.js';
import { createTestDatabase, serverAnswers } from '../../helpers/databases.js';

/**
 * The files, with the one edit fleet needs on MariaDB (the manifest's note: MariaDB does not
 * accept NOT NULL after a STORED generation clause). The manifest counted fleet without the
 * table that edit concerns (`queries`), so the comparison leaves that table out.
 */
const FILES: Readonly<Record<string, (text: string) => string>> = {
  'chinook.sql': (text) => text,
  'chinook-autoincrement.sql': (text) => text,
  'dolphinscheduler.sql': (text) => text,
  'temporal-v8-temporal.sql': (text) => text,
  'fleet-schema.sql': (text) => text.replace(/\bSTORED NOT NULL\b/g, 'STORED'),
};

const LEFT_OUT: Readonly<Record<string, string>> = { 'fleet-schema.sql': 'queries' };

type Counts = Readonly<Record<string, number | undefined>>;

function manifestCounts(file: string): Counts {
  const manifest = JSON.parse(readFileSync(join(CORPUS_DIR, 'manifest.json'), 'utf8')) as {
    files: { file: string; 'counts_mariadb10.11'?: Counts }[];
  };
  const counts = manifest.files.find((candidate) => candidate.file === `mysql/${file}`)?.['counts_mariadb10.11'];
  if (!counts) throw new Error(`The corpus manifest has no MariaDB counts for ${file}`);
  return counts;
}

function modelCounts(model: Model): Record<string, number> {
  const tables = model.tables;
  const columns = tables.flatMap((table) => table.columns);
  const sum = (count: (table: Model['tables'][number]) => number) => tables.reduce((total, table) => total + count(table), 0);
  return {
    tables: tables.length,
    columns: columns.length,
    pks: tables.filter((table) => table.primaryKey).length,
    fks: sum((table) => table.foreignKeys.length),
    auto_increment_columns: columns.filter((column) => column.autoIncrement).length,
    generated_columns: columns.filter((column) => column.generated).length,
    enum_columns: columns.filter((column) => column.type.kind === 'enum').length,
    column_comments: columns.filter((column) => column.comment !== undefined).length,
    unique_indexes_non_pk: sum((table) => table.uniques.length + table.indexes.filter((index) => index.unique).length),
    fks_on_delete_cascade: sum((table) => table.foreignKeys.filter((fk) => fk.onDelete === 'cascade').length),
    fks_on_delete_set_null: sum((table) => table.foreignKeys.filter((fk) => fk.onDelete === 'set null').length),
    fks_on_update_cascade: sum((table) => table.foreignKeys.filter((fk) => fk.onUpdate === 'cascade').length),
    json_columns: columns.filter((column) => column.type.kind === 'json').length,
    checks: sum((table) => table.checks.length),
  };
}

(serverAnswers('mysql') ? describe : describe.skip)('mysql introspection of the real-world corpus', () => {
  test.each(Object.keys(FILES))('%s', async (file) => {
    const expected = manifestCounts(file);
    const database = await createTestDatabase('mysql');
    try {
      loadIntoMysql(new URL(database.url).pathname.slice(1), FILES[file]!(readFileSync(join(CORPUS_DIR, 'mysql', file), 'utf8')));
      const url = { dialect: 'mysql', connectionString: database.url, display: database.url } as const;
      const db = await mysqlDialect.connect(url);
      try {
        const options = { isExcluded: (name: string) => name === LEFT_OUT[file] };
        const model = await mysqlDialect.introspect(db, options);
        const counts = modelCounts(model);
        const jsonChecks = counts.json_columns!;
        expect(counts).toEqual({
          ...counts,
          tables: expected.tables,
          columns: expected.columns,
          pks: expected.pks,
          fks: expected.fks ?? 0,
          auto_increment_columns: expected.auto_increment_columns ?? 0,
          generated_columns: expected.generated_columns ?? 0,
          enum_columns: expected.enum_columns ?? 0,
          ...(expected.column_comments !== undefined && { column_comments: expected.column_comments }),
          ...(expected.unique_indexes_non_pk !== undefined && { unique_indexes_non_pk: expected.unique_indexes_non_pk }),
          fks_on_delete_cascade: expected.fks_on_delete_cascade ?? counts.fks_on_delete_cascade,
          fks_on_delete_set_null: expected.fks_on_delete_set_null ?? counts.fks_on_delete_set_null,
          fks_on_update_cascade: expected.fks_on_update_cascade ?? counts.fks_on_update_cascade,
          // MariaDB's json_valid column checks are the json type, not user checks.
          checks: (expected.checks_table_level ?? 0) + (expected.checks_column_level_incl_mariadb_json_valid ?? 0) - jsonChecks,
        });
        // Reading twice gives the same model.
        expect(await mysqlDialect.introspect(db, options)).toEqual(model);
        // The type round trip: the model rendered and run again re-creates an identical schema.
        // (Foreign keys to the table left out cannot be re-created without it.)
        const empty: Model = { tables: [], enums: [] };
        const selfContained: Model = {
          ...model,
          tables: model.tables.map((table) => ({
            ...table,
            foreignKeys: table.foreignKeys.filter((fk) => fk.referencedTable !== LEFT_OUT[file]),
          })),
        };
        const recreated = await mysqlDialect.canonicalize(db, (scratch) =>
          executeOperations(scratch, mysqlDialect.lower(compareModels(empty, selfContained), empty), mysqlDialect.renderer),
        );
        expect(compareModels(selfContained, recreated).map(describeOperation)).toEqual([]);
      } finally {
        await db.destroy();
      }
    } finally {
      await database.drop();
    }
  });
});
