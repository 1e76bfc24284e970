/**
 * Each dialect's string-literal spelling (`Dialect.stringLiteral`): exact spellings of values
 * with quotes and backslashes, and agreement with Kysely's query compiler for the dialect,
 * which spells the literals of revision files (`sql.lit`, `defaultTo`) when they run.
 */
import { sql } from 'kysely';
import type { DialectName } from '../../../src/config/url.js';
import { getDialect } from '../../../src/dialects/registry.js';
import { RecordingDriver } from '../../../src/runtime/recording-driver.js';

/** Values whose backslashes and quotes end a naively written literal early on some dialect. */
const TRICKY: readonly string[] = ['C:\\tmp\\', '\\', "\\'", "\\\\'", "'\\''", "a\\' or 1=1 -- ", 'x\\nY\\0', '100\\%', ''];

describe('standard spelling: PostgreSQL and SQLite double quotes only', () => {
  test.each(['postgres', 'sqlite'] as const)('%s', async (name) => {
    const { stringLiteral } = await getDialect(name);
    expect(TRICKY.map(stringLiteral)).toEqual([
      "'C:\\tmp\\'",
      "'\\'",
      "'\\'''",
      "'\\\\'''",
      "'''\\'''''",
      "'a\\'' or 1=1 -- '",
      "'x\\nY\\0'",
      "'100\\%'",
      "''",
    ]);
  });
});

describe('MySQL spelling: quotes and backslashes doubled', () => {
  test('mysql', async () => {
    const { stringLiteral } = await getDialect('mysql');
    expect(TRICKY.map(stringLiteral)).toEqual([
      "'C:\\\\tmp\\\\'",
      "'\\\\'",
      "'\\\\'''",
      "'\\\\\\\\'''",
      "'''\\\\'''''",
      "'a\\\\'' or 1=1 -- '",
      "'x\\\\nY\\\\0'",
      "'100\\\\%'",
      "''",
    ]);
  });
});

describe("agreement with Kysely's compiler for the dialect", () => {
  test.each(['sqlite', 'postgres', 'mysql'] as DialectName[])('%s: sql.lit and defaultTo spell every value the same', async (name) => {
    const dialect = await getDialect(name);
    const db = dialect.offline(new RecordingDriver());
    try {
      for (const value of TRICKY) {
        expect(sql`select ${sql.lit(value)}`.compile(db).sql).toBe(`select ${dialect.stringLiteral(value)}`);
        const ddl = db.schema.createTable('t').addColumn('c', 'text', (column) => column.defaultTo(value)).compile().sql;
        expect(ddl.endsWith(` default ${dialect.stringLiteral(value)})`)).toBe(true);
      }
    } finally {
      await db.destroy();
    }
  });
});
