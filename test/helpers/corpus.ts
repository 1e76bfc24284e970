/**
 * Where the real-world schemas live: `shared/corpus/` beside the repository (as on CI), or
 * SCHEMIGRATE_CORPUS.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MYSQL_URL } from './databases.js';

export const CORPUS_DIR = process.env.SCHEMIGRATE_CORPUS ?? fileURLToPath(new URL('../../../shared/corpus', import.meta.url));

/**
 * Run a SQL file's text through the `mariadb` client into `database` on the test server (the
 * corpus files use client syntax such as `DELIMITER`, which a driver does not understand).
 *
 * @example
 * loadIntoMysql('sg_test_ab12', readFileSync(join(CORPUS_DIR, 'mysql/sakila-schema.sql'), 'utf8'));
 */
export function loadIntoMysql(database: string, text: string): void {
  const server = new URL(MYSQL_URL);
  execFileSync(
    'mariadb',
    [
      `-h${server.hostname}`,
      `-P${server.port || '3306'}`,
      `-u${decodeURIComponent(server.username)}`,
      ...(server.password ? [`-p${decodeURIComponent(server.password)}`] : []),
      database,
    ],
    { input: text, encoding: 'utf8' },
  );
}
