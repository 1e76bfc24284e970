/**
 * Formatting a large generated file in pieces gives what formatting it whole gives, or nothing
 * (the caller then formats it whole).
 */
import * as prettier from 'prettier/standalone';
import * as typescript from 'prettier/plugins/typescript';
import * as estree from 'prettier/plugins/estree';
import { formatInPieces } from '../../../src/render/format-in-pieces.js';

const format = (source: string) => prettier.format(source, { parser: 'typescript', plugins: [typescript, estree] });

/** A revision laid out as the renderer writes one, with `count` tables. */
function revision(count: number, extra = ''): string {
  const creates: string[] = [];
  const drops: string[] = [];
  for (let i = 0; i < count; i++) {
    creates.push(
      `  await db.schema\n    .createTable('t_${i}')\n    .addColumn('id', 'integer', (col) => col.primaryKey().notNull())\n    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql\`CURRENT_TIMESTAMP\`))\n    .execute();`,
      `  await db.schema.createIndex('ix_t_${i}_created_at').on('t_${i}').column('created_at').execute();`,
    );
    if (i % 7 === 0) creates.push('');
    if (i % 11 === 0) creates.push(`  // table ${i} is done`);
    drops.push(`  await db.schema.dropTable('t_${i}').execute();`, '');
  }
  return [
    '/**\n * init\n */',
    "import { sql, type Kysely } from 'schemigrate';",
    '',
    "export const revision = 'aaaa00000001';",
    '',
    'export async function upgrade(db: Kysely<any>): Promise<void> {',
    ...creates,
    extra,
    '}',
    '',
    'export async function downgrade(db: Kysely<any>): Promise<void> {',
    ...drops,
    '}',
    '',
  ].join('\n');
}

describe('formatInPieces', () => {
  it('gives what formatting the whole file gives', async () => {
    const source = revision(60);
    const pieces = await formatInPieces(source, format, 10);
    expect(pieces).toBeDefined();
    expect(pieces).toBe(await format(source));
  });

  it('gives up when a piece would not parse alone, as when a template holds what looks like a statement', async () => {
    const source = revision(60, "  await sql`select 1;\n  await nothing`.execute(db);");
    const pieces = await formatInPieces(source, format, 2);
    expect(pieces === undefined || pieces === (await format(source))).toBe(true);
  });

  it('leaves short bodies to the whole-file format', async () => {
    expect(await formatInPieces(revision(3), format, 10)).toBeUndefined();
  });
});
