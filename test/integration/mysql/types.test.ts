/**
 * Type round trip on MariaDB: every portable type is rendered, created and introspected. Types
 * with a MySQL type of their own come back unchanged; the rest come back as what MySQL stores
 * (`numeric` → `decimal(10,0)`, `jsonb` → `json`, `uuid` → `char(36)`), and in both cases an
 * unchanged schema shows no difference, since autogenerate compares with the server's spelling.
 */
import { execFileSync } from 'node:child_process';
import { mysqlDialect } from '../../../src/dialects/mysql/index.js';
import { compareModels } from '../../../src/diff/compare.js';
import type { Column, ColumnType, DefaultValue, Model } from '../../../src/model/types.js';
import { describeOperation } from '../../../src/operations/describe.js';
import { executeOperations } from '../../../src/runtime/execute-operations.js';
import { describeWithServer, MYSQL_URL } from '../../helpers/databases.js';
import { useFreshDatabase } from './fresh-database.js';

const fresh = useFreshDatabase();

/** Types MySQL stores as themselves, with a default of each kind where the type takes one. */
const EXACT: readonly [ColumnType, DefaultValue | undefined][] = [
  [{ kind: 'smallint' }, { kind: 'literal', value: -3 }],
  [{ kind: 'integer' }, { kind: 'literal', value: 42 }],
  [{ kind: 'bigint' }, { kind: 'literal', value: 9007199254740991 }],
  [{ kind: 'real' }, undefined],
  [{ kind: 'double' }, { kind: 'literal', value: 1.5 }],
  [{ kind: 'numeric', precision: 10, scale: 2 }, { kind: 'literal', value: 0 }],
  [{ kind: 'varchar', length: 255 }, { kind: 'literal', value: "it's \\ `${here}`" }],
  [{ kind: 'char', length: 3 }, { kind: 'literal', value: 'abc' }],
  [{ kind: 'text' }, { kind: 'literal', value: 'long text' }],
  [{ kind: 'boolean' }, { kind: 'literal', value: true }],
  [{ kind: 'date' }, { kind: 'literal', value: '2026-01-02' }],
  [{ kind: 'time' }, { kind: 'literal', value: '12:34:56' }],
  [{ kind: 'timestamp', withTimezone: false }, { kind: 'expression', sql: 'CURRENT_TIMESTAMP' }],
  [{ kind: 'timestamp', withTimezone: false, precision: 3 }, { kind: 'expression', sql: 'CURRENT_TIMESTAMP(3)' }],
  [{ kind: 'json' }, undefined],
  [{ kind: 'blob' }, undefined],
  [{ kind: 'enum', name: 'things_value_18', values: ['red', "it's amber", 'green'] }, { kind: 'literal', value: 'green' }],
  [{ kind: 'custom', sql: 'int unsigned' }, { kind: 'literal', value: 7 }],
  [{ kind: 'custom', sql: 'mediumtext' }, undefined],
  [{ kind: 'custom', sql: 'datetime ON UPDATE CURRENT_TIMESTAMP' }, undefined],
];

/** Portable types MySQL stores in its own spelling. */
const MAPPED: readonly [ColumnType, ColumnType][] = [
  [{ kind: 'numeric' }, { kind: 'numeric', precision: 10, scale: 0 }],
  [{ kind: 'numeric', precision: 8 }, { kind: 'numeric', precision: 8, scale: 0 }],
  [{ kind: 'jsonb' }, { kind: 'json' }],
  [{ kind: 'uuid' }, { kind: 'char', length: 36 }],
];

function model(columns: readonly Column[]): Model {
  return {
    tables: [{ name: 'things', columns, foreignKeys: [], uniques: [], indexes: [], checks: [] }],
    enums: [],
  };
}

function columnsOf(types: readonly ColumnType[], defaults: readonly (DefaultValue | undefined)[] = []): Column[] {
  return types.map((type, i) => ({
    name: `value_${i}`,
    type: type.kind === 'enum' ? { ...type, name: `things_value_${i}` } : type,
    nullable: true,
    autoIncrement: false,
    ...(defaults[i] && { default: defaults[i] }),
  }));
}

async function create(schema: Model): Promise<Model> {
  const { db } = fresh();
  await executeOperations(db, mysqlDialect.lower(compareModels({ tables: [], enums: [] }, schema), { tables: [], enums: [] }), mysqlDialect.renderer);
  return mysqlDialect.introspect(db, { isExcluded: () => false });
}

describeWithServer('mysql')('mysql type round trip', () => {
  afterEach(async () => {
    await fresh().db.schema.dropTable('things').ifExists().execute();
  });

  test('types with a MySQL type of their own come back as declared, defaults included', async () => {
    const declared = columnsOf(
      EXACT.map(([type]) => type),
      EXACT.map(([, value]) => value),
    );
    const read = await create(model(declared));
    expect(read.tables[0]!.columns).toEqual(declared);
  });

  test('the mariadb client sees the MySQL types they map to', async () => {
    await create(model(columnsOf([{ kind: 'boolean' }, { kind: 'timestamp', withTimezone: false }, { kind: 'blob' }, { kind: 'uuid' }, { kind: 'json' }])));
    const server = new URL(MYSQL_URL);
    const output = execFileSync(
      'mariadb',
      [`-h${server.hostname}`, `-P${server.port || '3306'}`, `-u${decodeURIComponent(server.username)}`, '--batch', '--skip-column-names', fresh().name, '-e',
        "select column_type from information_schema.columns where table_schema = database() and table_name = 'things' order by ordinal_position"],
      { encoding: 'utf8' },
    );
    expect(output.trim().split('\n')).toEqual(['tinyint(1)', 'datetime', 'longblob', 'char(36)', 'longtext']);
  });

  test('types MySQL spells its own way come back in that spelling, and an unchanged schema shows no difference', async () => {
    const declared = model(columnsOf(MAPPED.map(([type]) => type)));
    const read = await create(declared);
    expect(read.tables[0]!.columns.map((column) => column.type)).toEqual(MAPPED.map(([, stored]) => stored));
    const canonical = await mysqlDialect.canonicalize(fresh().db, (scratch) =>
      executeOperations(scratch, compareModels({ tables: [], enums: [] }, declared), mysqlDialect.renderer),
    );
    expect(compareModels(read, declared, { canonical }).map(describeOperation)).toEqual([]);
    // Without the server's spelling the same schema would differ: the comparison above is not vacuous.
    expect(compareModels(read, declared).length).toBeGreaterThan(0);
  });
});
