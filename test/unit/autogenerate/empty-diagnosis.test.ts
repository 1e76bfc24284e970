import { diagnoseEmpty } from '../../../src/autogenerate/empty-diagnosis.js';

const base = {
  barrel: 'src/db/schema/index.ts',
  schemaTableCount: 3,
  databaseTableCount: 3,
  versionTable: 'schemigrate_version',
  excludedTables: [],
  barrelWarnings: 0,
};

describe('diagnoseEmpty', () => {
  test('counts both sides and suggests where an expected change may hide', () => {
    expect(diagnoseEmpty(base)).toBe(
      'No changes detected: the database matches the schema, so no revision was written (--allow-empty writes one anyway). ' +
        'The barrel src/db/schema/index.ts exported 3 table(s); the database has 3 (not counting schemigrate_version). ' +
        'If you expected a change: is the file you edited exported from the barrel, and is the URL the database you meant?',
    );
  });

  test('points at the barrel warnings and names excluded tables', () => {
    const text = diagnoseEmpty({ ...base, barrelWarnings: 2, excludedTables: ['audit_a', 'audit_b'] });
    expect(text).toContain('not counting schemigrate_version and 2 table(s) matched by tables.exclude');
    expect(text).toContain('The warnings above name tables the barrel does not see');
    expect(text).toContain('tables.exclude hides audit_a, audit_b from autogenerate.');
    expect(text).not.toContain('If you expected a change');
  });

  test('every exported table excluded: asks whether the barrel and tables.exclude are right', () => {
    const text = diagnoseEmpty({ ...base, schemaTableCount: 0, databaseTableCount: 0, excludedTables: ['users'] });
    expect(text).toContain('Every table the barrel exports is matched by tables.exclude: is src/db/schema/index.ts the right barrel');
  });
});
