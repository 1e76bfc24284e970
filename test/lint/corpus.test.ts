/**
 * Real-world schemas (the corpus) linted as one revision that creates them, on each dialect:
 * everything they create is new, so nothing is reported but their `DROP TABLE IF EXISTS`
 * preambles (tables that may exist). Thousands of statements of functions, triggers, quoted
 * names and comments also prove the statement reader robust.
 *
 * Left out: MySQL's sakila (its triggers need the client's DELIMITER), and AdventureWorks, whose
 * tables are created inside `CREATE SCHEMA … CREATE TABLE …`, which lint does not read as
 * creating them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DialectName } from '../../src/config/url.js';
import { keywordsAt, readStatement } from '../../src/lint/statement.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { lintLast } from './revisions.js';

const FOLDERS: Record<DialectName, string> = { postgres: 'postgresql', mysql: 'mysql', sqlite: 'sqlite' };
const LEFT_OUT = new Set(['mysql/sakila-schema.sql', 'postgresql/adventureworks.sql']);

/** A dump's statements: split at `;` outside quotes, comments, dollar quotes and trigger bodies. */
function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  for (let i = 0; i < sql.length; ) {
    const rest = sql.slice(i, i + 64);
    const dollar = /^\$(?:[A-Za-z_]\w*)?\$/.exec(rest);
    if (sql[i] === "'" || sql[i] === '"' || sql[i] === '`') {
      const quote = sql[i]!;
      for (i++; i < sql.length && !(sql[i] === quote && sql[i + 1] !== quote); i += sql[i] === quote ? 2 : 1);
      i++;
    } else if (rest.startsWith('--')) {
      i = sql.indexOf('\n', i) === -1 ? sql.length : sql.indexOf('\n', i);
    } else if (rest.startsWith('/*')) {
      i = sql.indexOf('*/', i) === -1 ? sql.length : sql.indexOf('*/', i) + 2;
    } else if (dollar && !/[\w$]/.test(sql[i - 1] ?? '')) {
      const close = sql.indexOf(dollar[0], i + dollar[0].length);
      i = close === -1 ? sql.length : close + dollar[0].length;
    } else if (sql[i] === ';' && !insideTrigger(sql.slice(start, i))) {
      statements.push(sql.slice(start, i).trim());
      start = ++i;
    } else {
      i++;
    }
  }
  statements.push(sql.slice(start).trim());
  return statements.filter((statement) => statement.replace(/--[^\n]*/g, '').trim() !== '');
}

/** A CREATE TRIGGER whose BEGIN … END body has not ended yet. */
function insideTrigger(text: string): boolean {
  const code = text.replace(/--[^\n]*/g, '');
  return /^\s*CREATE\s+(?:TEMP\w*\s+)?TRIGGER\b[\s\S]*\bBEGIN\b/i.test(code) && !/\bEND\s*$/i.test(code);
}

describe.each(Object.keys(FOLDERS) as DialectName[])('%s corpus', (dialect) => {
  const files = readdirSync(join(CORPUS_DIR, FOLDERS[dialect])).filter((file) => file.endsWith('.sql') && !LEFT_OUT.has(`${FOLDERS[dialect]}/${file}`));

  test.each(files)('%s reports only its DROP TABLE IF EXISTS preamble', async (file) => {
    const statements = splitStatements(readFileSync(join(CORPUS_DIR, FOLDERS[dialect], file), 'utf8'));
    const findings = await lintLast(dialect, [{ statements }]);
    const unexpected = findings.filter((finding) => !keywordsAt(readStatement(finding.statement).tokens, 0, 'DROP', 'TABLE', 'IF', 'EXISTS'));
    expect(unexpected).toEqual([]);
    expect(new Set(findings.map((finding) => finding.rule))).toEqual(new Set(findings.length === 0 ? [] : dialect === 'postgres' ? ['drop-table', 'pg/missing-lock-timeout'] : ['drop-table']));
  });
});
