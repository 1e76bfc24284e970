/**
 * `pull` with names the schema language handles only with care, on every dialect: columns named
 * `__proto__` (written as a computed key), `constructor` and `toString` survive the round trip —
 * check and autogenerate find nothing afterwards, and the baseline builds the same tables on a
 * fresh database — while a table whose name holds '.' is skipped with a warning (with the
 * foreign key pointing at it) and left alone by autogenerate, rows, key and all: a change to the
 * table holding the key keeps it, or (a SQLite rebuild, which would have to write it) is refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { getDialect } from '../../src/dialects/registry.js';
import { createTestDatabase, forEachDialect } from '../helpers/databases.js';
import { createProject, replayOnDatabase } from '../helpers/project.js';
import { codeText } from '../helpers/code-text.js';

const DDL = [
  'create table odd ("__proto__" integer not null, "constructor" varchar(20), "toString" integer, constraint pk_odd primary key ("__proto__"))',
  'create index ix_odd_tostring on odd ("toString")',
  'create table child (id integer not null primary key, odd_id integer, constraint fk_child_odd foreign key (odd_id) references odd ("__proto__"))',
  'create table "a.b" (id integer not null primary key)',
  'create table uses_dotted (id integer not null primary key, ab_id integer, n integer, constraint fk_uses_dotted_ab foreign key (ab_id) references "a.b" (id))',
  'insert into odd ("__proto__", "constructor", "toString") values (1, \'Object\', 2)',
  'insert into "a.b" (id) values (7)',
];

forEachDialect(({ dialect, database }) => {
  test('__proto__, constructor and toString columns round-trip through pull; a dotted table is skipped and left alone', async () => {
    const project = createProject(database().url);
    try {
      const config = await project.config();
      await project.query(async (db) => {
        for (const statement of DDL) await sql.raw(statement).execute(db);
      });

      await project.api.pull({ stamp: true });
      const pulled = project.takeLines();
      expect(pulled).toContain(
        "warning: table a.b is not pulled: table() cannot declare a name holding '.' (it reads as schema.table); autogenerate leaves it alone",
      );
      expect(pulled).toContainEqual(expect.stringMatching(/^warning: foreign key uses_dotted\.fk_uses_dotted_ab \(→ a\.b\) points at a table that is not pulled/));
      const schemaDir = join(project.dir, 'src/db/schema');
      const odd = readFileSync(join(schemaDir, 'odd.ts'), 'utf8');
      expect(codeText(odd)).toContain(codeText("  ['__proto__']: integer().primaryKey(),\n"));
      expect(codeText(odd)).toContain(codeText('  constructor: varchar(20),\n'));
      expect(codeText(odd)).toContain(codeText('  toString: integer()'));
      expect(codeText(odd)).toContain(codeText("index('ix_odd_tostring').on(t.toString)"));
      expect(codeText(readFileSync(join(schemaDir, 'child.ts'), 'utf8'))).toContain(codeText('.references(() => odd.columns.__proto__'));

      expect((await project.api.check()).operations).toEqual([]);
      expect(project.takeLines()).toContain(
        "warning: table a.b is left alone: table() cannot declare a name holding '.' (it reads as schema.table), so autogenerate never compares, changes or drops it",
      );
      const revision = await project.api.revision({ message: 'nothing', autogenerate: true, dryRun: true });
      expect(revision.operations).toEqual([]);
      const dottedRows = await project.query(async (db) => (await sql`select id from ${sql.id('a.b')}`.execute(db)).rows);
      expect(dottedRows).toEqual([{ id: 7 }]);

      const fresh = await createTestDatabase(dialect);
      try {
        expect(await replayOnDatabase({ versionsDir: config.versionsDir, schemaDir }, fresh.url)).toEqual([]);
      } finally {
        await fresh.drop();
      }

      // A change to the table holding the key to a.b: the key stays, or the revision is refused.
      const usesModule = join(schemaDir, 'uses-dotted.ts');
      writeFileSync(usesModule, readFileSync(usesModule, 'utf8').replace('import { ', 'import { bigint, ').replace('n: integer()', 'n: bigint()'));
      if (dialect === 'sqlite') {
        await expect(project.api.revision({ message: 'widen n', autogenerate: true })).rejects.toThrow(
          "The revision would re-create the foreign key uses_dotted.fk_uses_dotted_ab (→ a.b), but revision code cannot name a table whose name holds '.'",
        );
      } else {
        await project.api.revision({ message: 'widen n', autogenerate: true });
        await project.api.upgrade('head');
        expect((await project.api.check()).operations).toEqual([]);
        const { foreignKeys } = (await project.query(async (db) => (await getDialect(dialect)).introspect(db, { isExcluded: () => false }))).tables.find(
          (table) => table.name === 'uses_dotted',
        )!;
        expect(foreignKeys.map((fk) => fk.referencedTable)).toEqual(['a.b']);
      }
    } finally {
      await project.remove();
    }
  }, 120_000);
});
