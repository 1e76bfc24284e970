/**
 * `schemigrate pull` through the built binary, on every dialect: `init`, a table made by hand,
 * `pull --force --stamp` (init's starter barrel is in the way without --force), then `check`
 * passes and `current` shows the baseline; a second pull without --force is refused.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { parseDatabaseUrl } from '../../src/config/url.js';
import { getDialect } from '../../src/dialects/registry.js';
import { runCli } from '../helpers/cli.js';
import { forEachDialect } from '../helpers/databases.js';

forEachDialect(({ dialect, database }) => {
  test('pull --stamp adopts a database; check then passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-cli-pull-'));
    try {
      const url = database().url;
      const implementation = await getDialect(dialect);
      const db = await implementation.connect(parseDatabaseUrl(url, dir));
      try {
        await sql`create table pulled_things (id integer not null primary key, label varchar(40) not null)`.execute(db);
        await sql`create view pulled_labels as select label from pulled_things`.execute(db);
      } finally {
        await db.destroy();
      }
      expect(runCli(dir, 'init', '.', '--dialect', dialect).status).toBe(0);

      const refused = runCli(dir, '--url', url, 'pull');
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/pull would overwrite 1 existing file \(src\/db\/schema\/index\.ts\); nothing was written/);

      const pulled = runCli(dir, '--url', url, 'pull', '--force', '--stamp');
      expect(pulled.stderr).toBe('');
      expect(pulled.status).toBe(0);
      expect(pulled.stdout).toMatch(/^Wrote 1 table to src\/db\/schema \(2 modules, barrel index\.ts\)\.$/m);
      expect(pulled.stdout).toMatch(/^skipped 1 view \(out of scope: never touched\)$/m);
      expect(pulled.stdout).toMatch(/^Stamped: removed nothing; recorded [0-9a-f]{12}\.$/m);
      expect(readFileSync(join(dir, 'src/db/schema/pulled-things.ts'), 'utf8')).toMatch(
        /export const pulledThings = table\(\s*"pulled_things",/,
      );

      const check = runCli(dir, '--url', url, 'check');
      expect(check.stdout).toContain('No differences');
      expect(check.status).toBe(0);
      expect(runCli(dir, '--url', url, 'current').stdout).toMatch(/[0-9a-f]{12} \(head\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test('pull --schema: a named schema on PostgreSQL, a clear error elsewhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-cli-pull-schema-'));
    try {
      const url = database().url;
      expect(runCli(dir, 'init', '.', '--dialect', dialect).status).toBe(0);
      if (dialect !== 'postgres') {
        const refused = runCli(dir, '--url', url, 'pull', '--force', '--schema', 'audit');
        expect(refused.status).toBe(1);
        expect(refused.stderr).toContain(`--schema selects PostgreSQL schemas (namespaces), but this project's database is ${dialect}, which has none; nothing was written.`);
        return;
      }
      const db = await (await getDialect(dialect)).connect(parseDatabaseUrl(url, dir));
      try {
        await sql`create schema audit`.execute(db);
        await sql`create table audit.events (id integer primary key)`.execute(db);
      } finally {
        await db.destroy();
      }
      const pulled = runCli(dir, '--url', url, 'pull', '--force', '--schema', 'audit');
      expect(pulled.stderr).toBe('');
      expect(pulled.status).toBe(0);
      expect(readFileSync(join(dir, 'src/db/schema/audit-events.ts'), 'utf8')).toMatch(/export const auditEvents = pgSchema\("audit"\)\.table\(\s*"events",/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
