/**
 * The revision layout (src/render/layout/) against prettier itself: revisions of every kind of
 * operation, on each dialect's renderer, with names of every length so that statements cross
 * the 80-column width at every point, must come out exactly as prettier formats them.
 */
import { readFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { mysqlDialect } from '../../../src/dialects/mysql/index.js';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js';
import type { Column, Table } from '../../../src/model/types.js';
import { invertOperations } from '../../../src/operations/invert.js';
import type { Operation } from '../../../src/operations/types.js';
import { formatTypeScript } from '../../../src/render/format.js';
import { layOutRevision } from '../../../src/render/layout/revision-layout.js';
import { renderRevisionFile } from '../../../src/render/revision-file.js';
import { column, foreignKey, idColumn, index, table } from '../diff/builders.js';

const template = readFileSync(new URL('../../../templates/script.ts.tmpl', import.meta.url), 'utf8');

/** A name of exactly `length` characters. */
function name(prefix: string, length: number): string {
  return `${prefix}_${'abcdefghijklmnopqrstuvwxyz'.repeat(4)}`.slice(0, Math.max(length, 1));
}

function columns(length: number): Column[] {
  return [
    idColumn(),
    column(name('code', length), { kind: 'varchar', length: 64 }, { nullable: false }),
    column(name('amount', length), { kind: 'numeric', precision: 12, scale: 2 }, { default: { kind: 'literal', value: 1.5 } }),
    column(name('flag', length), { kind: 'boolean' }, { nullable: false, default: { kind: 'literal', value: true } }),
    column(name('at', length), { kind: 'timestamp', withTimezone: false }, { nullable: false, default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } }),
    column(name('note', length), { kind: 'text' }, { default: { kind: 'literal', value: "it's a \"quote\"" } }),
    column(name('n', length), { kind: 'integer' }, { default: { kind: 'literal', value: -1 } }),
  ];
}

function operations(length: number, dialect: string): Operation[] {
  const parent = name('parent', length);
  const child: Table = table(name('child', length), {
    columns: [...columns(length), column(`${parent}_id`)],
    foreignKeys: [foreignKey(name('fk', length + 3), [`${parent}_id`], parent, { onDelete: 'cascade' })],
    uniques: [{ name: name('uq', length), columns: [name('code', length), name('flag', length)] }],
    indexes: [index(name('ix', length), [name('at', length), name('flag', length)]), index(name('ix1', length), [name('code', length)], { unique: true })],
  });
  const extra = column(name('extra', length), { kind: 'varchar', length: 10 }, { default: { kind: 'literal', value: 'x' } });
  return [
    { kind: 'createTable', table: table(parent) },
    { kind: 'createTable', table: child },
    { kind: 'addColumn', table: child.name, column: extra },
    { kind: 'renameColumn', table: child.name, from: extra.name, to: name('renamed', length) },
    { kind: 'createIndex', table: parent, index: index(name('ix_parent', length), ['id'], { unique: true }) },
    { kind: 'addCheck', table: child.name, check: { name: name('ck', length), sql: `${name('n', length)} > 0` } },
    { kind: 'renameTable', from: parent, to: name('moved', length) },
    ...(dialect === 'sqlite' ? [] : alterations(child.name, length)),
    ...(dialect === 'postgres' ? [{ kind: 'createEnum', enum: { name: name('mood', length), values: ['happy', 'sad', name('v', length)] } } as const] : []),
  ];
}

/** Changes SQLite makes by rebuilding the table (rendered differently, and not here). */
function alterations(tableName: string, length: number): Operation[] {
  const from = column(name('code', length), { kind: 'varchar', length: 64 }, { nullable: false });
  const to = column(from.name, { kind: 'text' }, { nullable: true, default: { kind: 'literal', value: 'none' } });
  return [
    { kind: 'alterColumn', table: tableName, from, to },
    { kind: 'setTableComment', table: tableName, to: `Rows of ${tableName}` },
    { kind: 'dropIndex', table: tableName, index: index(name('ix', length), [name('at', length)]) },
  ];
}

const renderers = { sqlite: sqliteDialect.renderer, postgres: postgresDialect.renderer, mysql: mysqlDialect.renderer };

describe.each(Object.entries(renderers))('revision layout on %s', (dialect, renderer) => {
  test.each(Array.from({ length: 27 }, (_, i) => 1 + 3 * i))('names of %i characters lay out as prettier formats them', async (length) => {
    const upgrade = operations(length, dialect);
    const source = renderRevisionFile({
      template,
      message: `layout ${length}\n  with a second line `,
      revision: 'ab12cd34ef56',
      downRevision: length % 2 === 0 ? null : '0123456789ab',
      branchLabels: null,
      dependsOn: null,
      createDate: new Date('2026-12-05T00:00:00.000Z'),
      upgrade,
      downgrade: invertOperations(upgrade),
      renderer,
    });
    const laidOut = layOutRevision(source);
    expect(laidOut).toBeDefined();
    expect(laidOut).toBe(await prettier.format(source, { parser: 'typescript' }));
  });
});

test("a body of more lines than a call takes as arguments (a 5,000-table revision's)", () => {
  const statement = '  await db.schema.dropTable("t").execute();';
  const body = Array.from({ length: 200_000 }, () => statement).join('\n');
  const laidOut = layOutRevision(`export async function upgrade(db: Kysely<any>): Promise<void> {\n${body}\n}\n`);
  expect(laidOut?.split('\n')).toHaveLength(200_003);
});

describe('what the layout leaves to prettier', () => {
  test('a merge revision header that does not fit on a line', async () => {
    const source = renderRevisionFile({
      template,
      message: 'merge',
      revision: 'ab12cd34ef56',
      downRevision: ['0123456789ab', 'ba9876543210'],
      branchLabels: null,
      dependsOn: null,
      createDate: new Date('2026-12-05T00:00:00.000Z'),
      upgrade: [],
      downgrade: [],
      renderer: sqliteDialect.renderer,
    });
    expect(layOutRevision(source)).toBeUndefined();
    expect(await formatTypeScript(source)).toBe(await prettier.format(source, { parser: 'typescript' }));
  });

  test('a file it does not know gives undefined', () => {
    expect(layOutRevision('export default { a: 1 };\n')).toBeUndefined();
    expect(layOutRevision('export async function upgrade(db: Kysely<any>): Promise<void> {\n  await withLockRetries(db, locks, async (db) => {\n    await db.schema.dropTable("t").execute();\n  });\n}\n')).toBeUndefined();
  });
});
