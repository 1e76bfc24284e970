/**
 * MariaDB introspection of hand-written DDL: canonical types (checked against what the
 * `mariadb` command-line client reads from information_schema), defaults, keys, indexes,
 * checks, comments, collations, generated columns and inline enums; and a fixed query count.
 */
import { execFileSync } from 'node:child_process';
import { sql, type Kysely } from 'kysely';
import { mysqlDialect } from '../../../src/dialects/mysql/index.js';
import type { Model, Table } from '../../../src/model/types.js';
import { describeWithServer, MYSQL_URL } from '../../helpers/databases.js';
import { useFreshDatabase } from './fresh-database.js';

const fresh = useFreshDatabase();
const keepAll = { isExcluded: () => false };

function tableNamed(model: Model, name: string): Table {
  const table = model.tables.find((candidate) => candidate.name === name);
  if (!table) throw new Error(`no table ${name} in ${model.tables.map((t) => t.name).join(', ')}`);
  return table;
}

async function run(db: Kysely<any>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** What the `mariadb` client (not schemigrate) reads from information_schema: column → column_type. */
function columnTypesFromClient(database: string, table: string): Record<string, string> {
  const server = new URL(MYSQL_URL);
  const output = execFileSync(
    'mariadb',
    [
      `-h${server.hostname}`,
      `-P${server.port || '3306'}`,
      `-u${decodeURIComponent(server.username)}`,
      ...(server.password ? [`-p${decodeURIComponent(server.password)}`] : []),
      '--batch',
      '--skip-column-names',
      database,
      '-e',
      `select column_name, column_type from information_schema.columns where table_schema = database() and table_name = '${table}' order by ordinal_position`,
    ],
    { encoding: 'utf8' },
  );
  return Object.fromEntries(output.trim().split('\n').map((line) => line.split('\t') as [string, string]));
}

describeWithServer('mysql')('mysql introspection', () => {
  beforeAll(async () => {
    await run(fresh().db, [
      `create table every_type (
        a_smallint smallint, a_integer int(11), a_bigint bigint(20), a_real float, a_double double,
        a_numeric decimal(10, 2), a_varchar varchar(255), a_char char(3), a_text text, a_boolean boolean,
        a_date date, a_time time, a_datetime datetime, a_datetime_3 datetime(3), a_json json,
        a_longblob longblob, a_enum enum('sad', 'it''s ok', 'happy'),
        a_unsigned int unsigned, a_tinyint tinyint, a_mediumint mediumint, a_timestamp timestamp null,
        a_blob blob, a_time_2 time(2), a_uuid uuid
      )`,
      `create table defaults (
        id int not null auto_increment primary key,
        quoted varchar(20) default 'it''s',
        backslash varchar(20) default 'C:\\\\path',
        as_text text not null default ('it''s'),
        answer int default 42,
        negative int default -1,
        price decimal(10, 2) not null default 0,
        flag boolean not null default true,
        off_flag boolean default false,
        created datetime not null default current_timestamp,
        created_3 datetime(3) default current_timestamp(3),
        lowered varchar(10) default (lower('X')),
        no_default int,
        not_null_no_default int not null,
        touched datetime(3) not null default current_timestamp(3) on update current_timestamp(3)
      ) comment 'Defaults of every kind'`,
      `create table parents (id int primary key, code varchar(10) not null, unique key uq_parents_code (code))`,
      `create table children (
        id int primary key,
        parent_id int not null,
        parent_code varchar(10),
        email varchar(100) collate utf8mb4_bin comment 'login',
        score int,
        twice int generated always as (score * 2) stored,
        half int as (score / 2) virtual,
        constraint fk_children_parent foreign key (parent_id) references parents (id) on delete cascade on update cascade,
        constraint fk_children_code foreign key (parent_code) references parents (code),
        constraint ck_children_score check (score >= 0),
        unique key uq_children_pair (parent_id, score),
        key ix_children_email_prefix (email(10), score desc),
        key ix_children_score (score)
      )`,
      `create table pairs (a int not null, b varchar(5) not null, primary key (a, b))`,
    ]);
  });

  test('every canonical type, as the mariadb client sees the columns', async () => {
    const fromClient = columnTypesFromClient(fresh().name, 'every_type');
    expect(fromClient).toMatchObject({
      a_integer: 'int(11)',
      a_boolean: 'tinyint(1)',
      a_json: 'longtext',
      a_unsigned: 'int(10) unsigned',
      a_enum: "enum('sad','it''s ok','happy')",
    });
    const table = tableNamed(await mysqlDialect.introspect(fresh().db, keepAll), 'every_type');
    const types = Object.fromEntries(table.columns.map((column) => [column.name, column.type]));
    expect(types).toEqual({
      a_smallint: { kind: 'smallint' },
      a_integer: { kind: 'integer' },
      a_bigint: { kind: 'bigint' },
      a_real: { kind: 'real' },
      a_double: { kind: 'double' },
      a_numeric: { kind: 'numeric', precision: 10, scale: 2 },
      a_varchar: { kind: 'varchar', length: 255 },
      a_char: { kind: 'char', length: 3 },
      a_text: { kind: 'text' },
      a_boolean: { kind: 'boolean' },
      a_date: { kind: 'date' },
      a_time: { kind: 'time' },
      a_datetime: { kind: 'timestamp', withTimezone: false },
      a_datetime_3: { kind: 'timestamp', withTimezone: false, precision: 3 },
      a_json: { kind: 'json' },
      a_longblob: { kind: 'blob' },
      a_enum: { kind: 'enum', name: 'every_type_a_enum', values: ['sad', "it's ok", 'happy'] },
      a_unsigned: { kind: 'custom', sql: 'int unsigned' },
      a_tinyint: { kind: 'custom', sql: 'tinyint' },
      a_mediumint: { kind: 'custom', sql: 'mediumint' },
      a_timestamp: { kind: 'custom', sql: 'timestamp' },
      a_blob: { kind: 'custom', sql: 'blob' },
      a_time_2: { kind: 'custom', sql: 'time(2)' },
      a_uuid: { kind: 'uuid' },
    });
    // MariaDB's json check is part of the type, not a user check; its collation comes with it.
    expect(table.checks).toEqual([]);
    expect(table.columns.find((column) => column.name === 'a_json')?.collation).toBeUndefined();
  });

  test('defaults: MariaDB quoting and current_timestamp() normalise to the model', async () => {
    const table = tableNamed(await mysqlDialect.introspect(fresh().db, keepAll), 'defaults');
    const defaults = Object.fromEntries(table.columns.map((column) => [column.name, column.default]));
    expect(defaults).toEqual({
      id: undefined,
      quoted: { kind: 'literal', value: "it's" },
      backslash: { kind: 'literal', value: 'C:\\path' },
      as_text: { kind: 'literal', value: "it's" },
      answer: { kind: 'literal', value: 42 },
      negative: { kind: 'literal', value: -1 },
      price: { kind: 'literal', value: 0 },
      flag: { kind: 'literal', value: true },
      off_flag: { kind: 'literal', value: false },
      created: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' },
      created_3: { kind: 'expression', sql: 'CURRENT_TIMESTAMP(3)' },
      lowered: { kind: 'expression', sql: "lcase('X')" },
      no_default: undefined,
      not_null_no_default: undefined,
      touched: { kind: 'expression', sql: 'CURRENT_TIMESTAMP(3)' },
    });
    expect(table.columns.find((column) => column.name === 'touched')!.type).toEqual({
      kind: 'custom',
      sql: 'datetime(3) ON UPDATE CURRENT_TIMESTAMP(3)',
    });
    expect(table.columns[0]).toMatchObject({ name: 'id', autoIncrement: true, nullable: false });
    expect(table.columns.filter((column) => column.autoIncrement).map((column) => column.name)).toEqual(['id']);
    expect(table.comment).toBe('Defaults of every kind');
    expect(table.primaryKey).toEqual({ columns: ['id'] });
  });

  test('keys, foreign keys with actions, uniques, indexes, checks, comments, collations, generated columns', async () => {
    const model = await mysqlDialect.introspect(fresh().db, keepAll);
    const children = tableNamed(model, 'children');
    expect(children.foreignKeys).toEqual([
      { name: 'fk_children_code', columns: ['parent_code'], referencedTable: 'parents', referencedColumns: ['code'] },
      {
        name: 'fk_children_parent',
        columns: ['parent_id'],
        referencedTable: 'parents',
        referencedColumns: ['id'],
        onDelete: 'cascade',
        onUpdate: 'cascade',
      },
    ]);
    expect(children.uniques).toEqual([{ name: 'uq_children_pair', columns: ['parent_id', 'score'] }]);
    // The index MySQL made for fk_children_code is its own business and left out.
    expect(children.indexes).toEqual([
      {
        name: 'ix_children_email_prefix',
        unique: false,
        parts: [
          { kind: 'expression', sql: '"email"(10)', descending: false },
          { kind: 'column', name: 'score', descending: true },
        ],
      },
      { name: 'ix_children_score', unique: false, parts: [{ kind: 'column', name: 'score', descending: false }] },
    ]);
    expect(children.checks).toEqual([{ name: 'ck_children_score', sql: '"score" >= 0' }]);
    const columns = Object.fromEntries(children.columns.map((column) => [column.name, column]));
    expect(columns.email).toMatchObject({ collation: 'utf8mb4_bin', comment: 'login' });
    expect(columns.score!.collation).toBeUndefined();
    expect(columns.twice!.generated).toEqual({ sql: '"score" * 2', stored: true });
    expect(columns.half!.generated).toEqual({ sql: '"score" / 2', stored: false });
    expect(tableNamed(model, 'parents').uniques).toEqual([{ name: 'uq_parents_code', columns: ['code'] }]);
    expect(tableNamed(model, 'pairs').primaryKey).toEqual({ columns: ['a', 'b'] });
    expect(model.enums).toEqual([]);
  });

  test('a view is no table, and its columns are read into none', async () => {
    await run(fresh().db, ['create table viewed (id int primary key, title varchar(20))', 'create view viewed_titles as select title from viewed']);
    const model = await mysqlDialect.introspect(fresh().db, keepAll);
    expect(model.tables.map((table) => table.name)).not.toContain('viewed_titles');
    expect(tableNamed(model, 'viewed').columns.map((column) => column.name)).toEqual(['id', 'title']);
  });

  test('reads the same model with its queries side by side on the pool as one after another', async () => {
    let sent = false;
    const concurrent = await mysqlDialect.introspect(fresh().db, { ...keepAll, concurrent: true, sent: () => (sent = true) });
    expect(concurrent).toEqual(await mysqlDialect.introspect(fresh().db, keepAll));
    expect(sent).toBe(true);
  });

  test('introspection runs the same number of queries however many tables there are', async () => {
    const queriesFor = async (): Promise<number> =>
      fresh().db.connection().execute(async (conn) => {
        const questions = async () =>
          Number((await sql<{ Value: string }>`show session status like 'Questions'`.execute(conn)).rows[0]!.Value);
        const before = await questions();
        await mysqlDialect.introspect(conn, keepAll);
        // The status query itself counts once.
        return (await questions()) - before - 1;
      });
    const few = await queriesFor();
    await run(fresh().db, Array.from({ length: 8 }, (_, i) => `create table extra_${i} (id int primary key, v int, key ix_v (v))`));
    const many = await queriesFor();
    expect(few).toBe(6);
    expect(many).toBe(few);
  });
});
