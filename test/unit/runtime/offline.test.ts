import { sql } from 'kysely';
import type { DialectName } from '../../../src/config/url.js';
import { getDialect } from '../../../src/dialects/registry.js';
import { SESSION_SQL_MODE } from '../../../src/dialects/mysql/session-mode.js';
import { RecordingDriver } from '../../../src/runtime/recording-driver.js';
import { applyVersionChange, ensureVersionTable } from '../../../src/runtime/version-table.js';

/** Run one transactional revision offline and return the recorded SQL. */
async function recordRevision(name: DialectName): Promise<string[]> {
  const dialect = await getDialect(name);
  const driver = new RecordingDriver();
  const db = dialect.offline(driver);
  await ensureVersionTable(db, 'schemigrate_version');
  await dialect.runRevision(db, { transactional: true }, async (trx) => {
    await trx.schema.createTable('notes').addColumn('body', 'text').execute();
    await trx.insertInto('notes').values({ body: "it's a \\ path" }).execute();
    await sql`select ${42} as answer`.execute(trx);
    await applyVersionChange(trx, 'schemigrate_version', { delete: ['aaaa'], insert: ['bbbb'] }, { verify: false });
  });
  await db.destroy();
  return driver.lines.map((line) => (line.kind === 'statement' ? line.sql : `-- ${line.text}`));
}

describe('offline SQL through each dialect’s compiler', () => {
  test('SQLite: the runtime’s pragma and savepoint framing, literals inlined', async () => {
    expect(await recordRevision('sqlite')).toEqual([
      'create table if not exists "schemigrate_version" ("version_num" varchar(32) not null primary key)',
      'pragma foreign_key_check',
      'pragma foreign_keys = off',
      'savepoint schemigrate_revision',
      'create table "notes" ("body" text)',
      `insert into "notes" ("body") values ('it''s a \\ path')`,
      'select 42 as answer',
      `update "schemigrate_version" set "version_num" = 'bbbb' where "version_num" = 'aaaa'`,
      'pragma foreign_key_check',
      'release schemigrate_revision',
      'pragma foreign_keys = on',
    ]);
  });

  test('PostgreSQL: begin and commit around the revision', async () => {
    expect(await recordRevision('postgres')).toEqual([
      'create table if not exists "schemigrate_version" ("version_num" varchar(32) not null primary key)',
      'begin',
      'create table "notes" ("body" text)',
      `insert into "notes" ("body") values ('it''s a \\ path')`,
      'select 42 as answer',
      `update "schemigrate_version" set "version_num" = 'bbbb' where "version_num" = 'aaaa'`,
      'commit',
    ]);
  });

  test('MySQL: the session’s ANSI_QUOTES and STRICT_ALL_TABLES first, backslashes escaped, no transaction', async () => {
    expect(await recordRevision('mysql')).toEqual([
      SESSION_SQL_MODE,
      'create table if not exists `schemigrate_version` (`version_num` varchar(32) not null primary key)',
      'create table `notes` (`body` text)',
      "insert into `notes` (`body`) values ('it''s a \\\\ path')",
      'select 42 as answer',
      "update `schemigrate_version` set `version_num` = 'bbbb' where `version_num` = 'aaaa'",
    ]);
  });

  test('a value without a literal form stays a parameter', async () => {
    const driver = new RecordingDriver();
    const db = (await getDialect('sqlite')).offline(driver);
    await db.insertInto('files').values({ data: Buffer.from('hi') }).execute();
    expect(driver.lines).toEqual([{ kind: 'statement', sql: 'insert into "files" ("data") values (?)', parameters: [Buffer.from('hi')] }]);
  });
});
