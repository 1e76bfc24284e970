import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { invertOperations } from '../../../src/operations/invert.js';
import type { Operation } from '../../../src/operations/types.js';
import { renderRevisionFile, type RevisionFileInput } from '../../../src/render/revision-file.js';
import { fillTemplate } from '../../../src/render/template.js';
import { SchemigrateError } from '../../../src/util/errors.js';
import { column, idColumn, table } from '../diff/builders.js';

const template = readFileSync(new URL('../../../templates/script.ts.tmpl', import.meta.url), 'utf8');

const upgrade: Operation[] = [
  { kind: 'createTable', table: table('profile', { columns: [idColumn(), column('bio', { kind: 'text' })] }) },
];

function input(overrides: Partial<RevisionFileInput> = {}): RevisionFileInput {
  return {
    template,
    message: 'add user profile table',
    revision: '9c1e4b7a2f3d',
    downRevision: '3f2a9c1b7d4e',
    branchLabels: null,
    dependsOn: null,
    createDate: new Date('2026-11-23T20:41:00.000Z'),
    upgrade,
    downgrade: invertOperations(upgrade),
    renderer: sqliteDialect.renderer,
    ...overrides,
  };
}

describe('fillTemplate', () => {
  test('replaces placeholders', () => {
    expect(fillTemplate('a {{x}} b {{ y }}', { x: '1', y: '2' })).toBe('a 1 b 2');
  });

  test('an unknown placeholder is an error naming it', () => {
    expect(() => fillTemplate('{{revison}}', { revision: "'a'" })).toThrow(SchemigrateError);
    expect(() => fillTemplate('{{revison}}', { revision: "'a'" })).toThrow(/\{\{revison\}\}/);
  });

  test('replacement text is taken literally', () => {
    expect(fillTemplate('{{x}}', { x: '$& $1' })).toBe('$& $1');
  });
});

describe('renderRevisionFile', () => {
  test('the default template gives the file of SPEC §5', () => {
    expect(renderRevisionFile(input())).toBe(
      [
        '/**',
        ' * add user profile table',
        ' *',
        ' * Revision ID: 9c1e4b7a2f3d',
        ' * Revises: 3f2a9c1b7d4e',
        ' * Create Date: 2026-11-23T20:41:00.000Z',
        ' */',
        "import type { Kysely } from 'schemigrate';",
        '',
        "export const revision = '9c1e4b7a2f3d';",
        "export const downRevision: string | string[] | null = '3f2a9c1b7d4e';",
        'export const branchLabels: string[] | null = null;',
        'export const dependsOn: string[] | null = null;',
        '',
        'export async function upgrade(db: Kysely<any>): Promise<void> {',
        '  await db.schema',
        "    .createTable('profile')",
        "    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement().notNull())",
        "    .addColumn('bio', 'text')",
        '    .execute();',
        '}',
        '',
        'export async function downgrade(db: Kysely<any>): Promise<void> {',
        '  await db.schema',
        "    .dropTable('profile')",
        '    .execute();',
        '}',
        '',
      ].join('\n'),
    );
  });

  test('imports sql when a body uses it', () => {
    const withSql = renderRevisionFile(input({ renderer: postgresDialect.renderer, upgrade: [{ kind: 'setTableComment', table: 't', to: 'x' }], downgrade: [] }));
    expect(withSql).toContain("import { sql, type Kysely } from 'schemigrate';");
    expect(withSql).toContain('  // No changes.');
  });

  test('merge, branch labels and dependencies are literal arrays; a root revises null', () => {
    const merged = renderRevisionFile(input({ downRevision: ['aaa', 'bbb'], branchLabels: ['feature'], dependsOn: ['ccc'] }));
    expect(merged).toContain("export const downRevision: string | string[] | null = ['aaa', 'bbb'];");
    expect(merged).toContain(' * Revises: aaa, bbb');
    expect(merged).toContain("export const branchLabels: string[] | null = ['feature'];");
    expect(merged).toContain("export const dependsOn: string[] | null = ['ccc'];");
    const root = renderRevisionFile(input({ downRevision: null }));
    expect(root).toContain('export const downRevision: string | string[] | null = null;');
    expect(root).toContain(' * Revises: <base>');
  });

  test('a message cannot close the doc comment, and keeps its lines inside it', () => {
    const file = renderRevisionFile(input({ message: 'fix */ bug\nsecond line' }));
    expect(file).toContain(' * fix *\\/ bug\n * second line\n');
    const output = ts.transpileModule(file, {
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    expect(output.diagnostics).toEqual([]);
    expect(output.outputText).toContain("export const revision = '9c1e4b7a2f3d';");
  });

  test.each([
    ['sqlite-like', sqliteDialect.renderer],
    ['postgres-like', postgresDialect.renderer],
  ] as const)('a %s file transpiles as TypeScript', (_name, ddl) => {
    const ops: Operation[] = [
      { kind: 'createEnum', enum: { name: 'mood', values: ['a'] } },
      { kind: 'createTable', table: table('t', { columns: [idColumn(), column('c', { kind: 'text' }, { comment: 'x', default: { kind: 'expression', sql: "'a'" } })] }) },
      { kind: 'addCheck', table: 't', check: { name: 'ck', sql: 'c <> `x`' } },
    ];
    const file = renderRevisionFile(input({ renderer: ddl, upgrade: ops, downgrade: invertOperations(ops) }));
    const output = ts.transpileModule(file, {
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    expect(output.diagnostics).toEqual([]);
    expect(output.outputText).toContain('export async function upgrade(db)');
    expect(output.outputText).toContain('export async function downgrade(db)');
  });
});
