/**
 * Named PostgreSQL schemas without a database: the DSL (`pgSchema`) to the model, the diff
 * (identity is `schema.name`, schemas created first and dropped last), the rendered code, and
 * the refusal on dialects without named schemas.
 */
import { DEFAULT_NAMING_CONVENTION } from '../../../src/config/load.js';
import { standardStringLiteral } from '../../../src/model/string-literal.js';
import { mysqlDialect } from '../../../src/dialects/mysql/index.js';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js';
import { compareModels } from '../../../src/diff/compare.js';
import { findRenameCandidates, renameOperations } from '../../../src/diff/renames.js';
import { qualifiedName, splitQualified } from '../../../src/model/qualified-name.js';
import { renameSchemas } from '../../../src/model/rename-schemas.js';
import type { Model } from '../../../src/model/types.js';
import { applyOperations } from '../../../src/operations/apply.js';
import { describeOperation } from '../../../src/operations/describe.js';
import { invertOperations } from '../../../src/operations/invert.js';
import { renderOperations } from '../../../src/render/operations.js';
import { integer, pgSchema, table, text } from '../../../src/index.js';
import { toModel } from '../../../src/schema/to-model.js';

const EMPTY: Model = { tables: [], enums: [] };

function declared(): Model {
  const audit = pgSchema('audit');
  const level = audit.enumeration('level', ['info', 'error']);
  const users = table('users', { id: integer().primaryKey() });
  const auditUsers = audit.table('users', { id: integer().primaryKey(), note: text().comment('who') });
  const events = audit.table('events', {
    id: integer().primaryKey(),
    userId: integer().references(() => users.columns.id),
    auditUserId: integer().references(() => auditUsers.columns.id),
    level: level(),
  });
  return toModel({ tables: [events, users, auditUsers], enums: [] }, { naming: DEFAULT_NAMING_CONVENTION, maxIdentifierLength: 63, stringLiteral: standardStringLiteral });
}

describe('pgSchema', () => {
  test('tables and enums carry their schema; the default schema carries none', () => {
    const model = declared();
    expect(model.schemas).toEqual(['audit']);
    expect(model.tables.map(qualifiedName)).toEqual(['audit.events', 'users', 'audit.users']);
    expect(model.enums).toEqual([{ name: 'level', schema: 'audit', values: ['info', 'error'] }]);
    const events = model.tables[0]!;
    expect(events.foreignKeys.map((fk) => [fk.referencedTable, fk.referencedSchema])).toEqual([
      ['users', 'audit'],
      ['users', undefined],
    ]);
    expect(events.columns.find((c) => c.name === 'level')!.type).toEqual({ kind: 'enum', name: 'level', values: ['info', 'error'], schema: 'audit' });
  });

  test('a model without named schemas is unchanged (no schema keys at all)', () => {
    const model = toModel({ tables: [table('t', { id: integer().primaryKey() })], enums: [] }, { naming: DEFAULT_NAMING_CONVENTION, maxIdentifierLength: 63, stringLiteral: standardStringLiteral });
    expect(model).not.toHaveProperty('schemas');
    expect(model.tables[0]).not.toHaveProperty('schema');
  });

  test('names with a dot are refused, as Kysely would split them', () => {
    expect(() => pgSchema('a.b')).toThrow(/cannot contain '\.'/);
    expect(() => pgSchema('audit').table('a.b', { id: integer() })).toThrow(/cannot contain '\.'/);
  });

  test('the diff creates the schema first, tables by dependency across schemas, and the downgrade drops the schema last', () => {
    const model = declared();
    const upgrade = compareModels(EMPTY, model);
    expect(upgrade.map(describeOperation)).toEqual([
      '+ schema audit',
      '+ enum audit.level (info, error)',
      '+ table audit.users',
      '+ table users',
      '+ table audit.events',
    ]);
    expect(applyOperations(EMPTY, upgrade)).toEqual(model);
    const downgrade = invertOperations(upgrade);
    expect(downgrade.map(describeOperation).at(-1)).toBe('- schema audit');
    expect(applyOperations(model, downgrade)).toEqual(EMPTY);
  });

  test('same-named tables in two schemas are told apart', () => {
    const model = declared();
    const withoutAuditUsers: Model = { ...model, tables: model.tables.filter((t) => qualifiedName(t) !== 'audit.users') };
    const ops = compareModels({ ...withoutAuditUsers, schemas: ['audit'] }, model);
    expect(ops.map(describeOperation)).toEqual(['+ table audit.users']);
  });

  test('the revision code addresses the named schema', () => {
    const code = renderOperations(compareModels(EMPTY, declared()), postgresDialect.renderer);
    expect(code).toContain(".createSchema('audit')");
    expect(code).toContain(".createType('audit.level')");
    expect(code).toContain(".createTable('audit.users')");
    expect(code).toContain("COMMENT ON COLUMN ${sql.id('audit', 'users')}.${sql.id('note')}");
    expect(code).toContain("['auditUserId'], 'audit.users', ['id']");
    expect(code).toContain("['userId'], 'users', ['id']");
    const drops = renderOperations(invertOperations(compareModels(EMPTY, declared())), postgresDialect.renderer);
    expect(drops).toContain(".dropTable('audit.events')");
    expect(drops).toContain(".dropType('audit.level')");
    expect(drops).toContain(".dropSchema('audit')");
  });

  test('a table rename is offered within its schema only, and renders RENAME TO with the bare name', () => {
    const audit = pgSchema('audit');
    const columns = () => ({ id: integer().primaryKey(), a: text(), b: text(), c: text() });
    const options = { naming: DEFAULT_NAMING_CONVENTION, maxIdentifierLength: 63, stringLiteral: standardStringLiteral };
    const before = toModel({ tables: [audit.table('logs', columns())], enums: [] }, options);
    const after = toModel({ tables: [audit.table('entries', columns()), table('logs2', columns())], enums: [] }, options);
    const candidates = findRenameCandidates(compareModels(before, after)).filter((c) => c.kind === 'table');
    expect(candidates.map((c) => [c.from, c.to])).toEqual([['audit.logs', 'audit.entries']]);
    const renaming = renameOperations([{ kind: 'table', from: 'audit.logs', to: 'audit.entries' }]);
    expect(renderOperations(renaming, postgresDialect.renderer)).toContain(".alterTable('audit.logs')\n    .renameTo('entries')");
    expect(applyOperations(before, renaming).tables.map(qualifiedName)).toEqual(['audit.entries']);
  });

  test('SQLite and MySQL refuse a declared named schema with a clear sentence', () => {
    for (const [dialect, label] of [[sqliteDialect, 'SQLite'], [mysqlDialect, 'MySQL']] as const) {
      const problems = dialect.validate(declared());
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`^Table audit\\.events: named schemas \\(pgSchema\\) are PostgreSQL-only.*${label}`)),
          expect.stringMatching(/^Enumeration audit\.level: /),
        ]),
      );
    }
    expect(postgresDialect.validate(declared())).toEqual([]);
  });

  test('renameSchemas moves every reference and splitQualified reads identities back', () => {
    const moved = renameSchemas(declared(), (schema) => `s_${schema}`);
    expect(moved.schemas).toEqual(['s_audit']);
    expect(moved.tables.map(qualifiedName)).toEqual(['s_audit.events', 'users', 's_audit.users']);
    expect(moved.tables[0]!.foreignKeys[0]!.referencedSchema).toBe('s_audit');
    expect(moved.tables[0]!.columns.find((c) => c.name === 'level')!.type).toMatchObject({ schema: 's_audit' });
    expect(splitQualified('audit.events')).toEqual({ schema: 'audit', name: 'events' });
    expect(splitQualified('users')).toEqual({ name: 'users' });
  });
});
