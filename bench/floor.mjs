/**
 * The floor for `upgrade head`: the revision's DDL compiled once with Kysely, then sent as one
 * SQL script through a single connection (one transaction where the dialect has transactional
 * DDL), with the version-table statements schemigrate adds. Run as its own process so that it
 * pays the same Node start-up and driver load as the CLI, and nothing else: Kysely is loaded only
 * to write the script, never by the process that applies it.
 *
 *   node bench/floor.mjs <dialect> <url> <script.sql>
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** Each dialect's Kysely parts, by their export names. */
const KYSELY_PARTS = {
  sqlite: ['SqliteAdapter', 'SqliteIntrospector', 'SqliteQueryCompiler'],
  postgres: ['PostgresAdapter', 'PostgresIntrospector', 'PostgresQueryCompiler'],
  mysql: ['MysqlAdapter', 'MysqlIntrospector', 'MysqlQueryCompiler'],
};

/** A Kysely instance whose driver only records each compiled statement. */
async function recordingKysely(dialect, statements) {
  const kysely = await import('kysely');
  const [Adapter, Introspector, Compiler] = KYSELY_PARTS[dialect].map((name) => kysely[name]);
  const connection = {
    async executeQuery(compiled) {
      if (compiled.parameters.length > 0) throw new Error(`The floor script cannot carry parameters: ${compiled.sql}`);
      statements.push(compiled.sql);
      return { rows: [] };
    },
    async *streamQuery() {
      throw new Error('not supported');
    },
  };
  const driver = {
    async init() {},
    async acquireConnection() {
      return connection;
    },
    async beginTransaction() {},
    async commitTransaction() {},
    async rollbackTransaction() {},
    async releaseConnection() {},
    async destroy() {},
  };
  return new kysely.Kysely({
    dialect: {
      createAdapter: () => new Adapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new Introspector(db),
      createQueryCompiler: () => new Compiler(),
    },
  });
}

/**
 * Compile a revision file's `upgrade` (or several files' in order, a history) into one SQL
 * script, plus the version-table DDL and the row of `revisionId`, and write it to `scriptFile`.
 * Returns the number of statements in it.
 *
 * @example
 * const count = await writeFloorScript('postgres', '/p/migrations/versions/abc_init.ts', 'abc', '/p/floor.sql');
 */
export async function writeFloorScript(dialect, revisionFiles, revisionId, scriptFile) {
  const { importUserModule } = await import('../dist/util/import-module.js');
  const statements = [];
  const db = await recordingKysely(dialect, statements);
  await db.schema
    .createTable('schemigrate_version')
    .addColumn('version_num', 'varchar(32)', (column) => column.notNull().primaryKey())
    .execute();
  for (const revisionFile of [revisionFiles].flat()) {
    const revision = await importUserModule(revisionFile);
    await revision.upgrade(db);
  }
  statements.push(`insert into schemigrate_version (version_num) values ('${revisionId}')`);
  writeFileSync(scriptFile, statements.map((statement) => `${statement};\n`).join(''));
  return statements.length;
}

async function applyScript(dialect, url, script) {
  switch (dialect) {
    case 'sqlite': {
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(url.replace(/^sqlite:/, ''));
      db.exec(`begin;\n${script}commit;`);
      db.close();
      return;
    }
    case 'postgres': {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`begin;\n${script}commit;`);
      await client.end();
      return;
    }
    case 'mysql': {
      const { default: mysql } = await import('mysql2/promise');
      const connection = await mysql.createConnection({ uri: url, multipleStatements: true });
      await connection.query(script);
      await connection.end();
      return;
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dialect, url, scriptFile] = process.argv.slice(2);
  await applyScript(dialect, url, readFileSync(scriptFile, 'utf8'));
}
