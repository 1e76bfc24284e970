/**
 * Reading a test database with its own driver (pg, mysql2, better-sqlite3), not through
 * schemigrate: what a command left behind is counted by a client that shares no code with it.
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { TestDatabase } from './databases.js';

/**
 * The rows of one statement, run on a connection of its own that is closed afterwards.
 *
 * @example
 * await directRows(database, 'select count(*) as n from notes'); // [{ n: 3 }]
 */
export async function directRows(database: TestDatabase, statement: string): Promise<Record<string, unknown>[]> {
  switch (database.dialect) {
    case 'sqlite': {
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(database.url.slice('sqlite:'.length), { readonly: true, fileMustExist: true });
      try {
        return db.prepare(statement).all() as Record<string, unknown>[];
      } finally {
        db.close();
      }
    }
    case 'postgres': {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query(statement)).rows;
      } finally {
        await client.end();
      }
    }
    case 'mysql': {
      const client = await mysql.createConnection({ uri: database.url });
      try {
        return (await client.query(statement))[0] as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    }
  }
}

/**
 * Run statements that change the database (a hand edit the test simulates), on a connection
 * of their own.
 *
 * @example
 * await directExecute(database, ["insert into schemigrate_version values ('aaaa00000001')"]);
 */
export async function directExecute(database: TestDatabase, statements: readonly string[]): Promise<void> {
  switch (database.dialect) {
    case 'sqlite': {
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(database.url.slice('sqlite:'.length), { fileMustExist: true });
      try {
        for (const statement of statements) db.exec(statement);
      } finally {
        db.close();
      }
      return;
    }
    default:
      for (const statement of statements) await directRows(database, statement);
  }
}

/** The tables of the database's default schema, sorted. */
const TABLES: Record<TestDatabase['dialect'], string> = {
  sqlite: "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
  postgres: 'select tablename as name from pg_tables where schemaname = current_schema() order by tablename',
  mysql: 'select table_name as name from information_schema.tables where table_schema = database() order by table_name',
};

/**
 * What a failed or refused command must leave alone: every table with its row count, and the
 * rows of the version and checksum tables.
 *
 * @example
 * const before = await databaseState(database);
 * // … a command that must change nothing …
 * expect(await databaseState(database)).toEqual(before);
 */
export async function databaseState(database: TestDatabase): Promise<Record<string, unknown>> {
  const tables = (await directRows(database, TABLES[database.dialect])).map((row) => String(row.name));
  const state: Record<string, unknown> = {};
  for (const table of tables) {
    const [row] = await directRows(database, `select count(*) as n from ${table}`);
    state[`${table} rows`] = Number(row!.n);
  }
  if (tables.includes('schemigrate_version')) {
    state.versions = (await directRows(database, 'select version_num from schemigrate_version order by version_num')).map((row) => row.version_num);
  }
  if (tables.includes('schemigrate_version_checksums')) {
    state.checksums = (await directRows(database, 'select revision, checksum from schemigrate_version_checksums order by revision')).map(
      (row) => `${String(row.revision)}:${String(row.checksum).trim()}`,
    );
  }
  return state;
}
