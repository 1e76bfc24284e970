/**
 * The `.env` file beside the config: a small dotenv-compatible parser (KEY=VALUE, quotes,
 * comments, `export ` prefix). Variables already in the environment win over the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mainContextGlobal } from './main-context.js';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;

/** The value after `=`: quoted (with escapes in double quotes, spanning lines) or bare up to a ` #` comment. */
function parseValue(raw: string, following: string[]): string {
  const quote = raw[0];
  if (quote === '"' || quote === "'" || quote === '`') {
    let text = raw.slice(1);
    // A quoted value may continue on the next lines until its closing quote.
    while (closingIndex(text, quote) === -1 && following.length > 0) text += `\n${following.shift()!}`;
    const end = closingIndex(text, quote);
    const body = end === -1 ? text : text.slice(0, end);
    return quote === '"' ? unescapeDoubleQuoted(body) : body;
  }
  return raw.replace(/\s+#.*$/, '').trim();
}

function closingIndex(text: string, quote: string): number {
  for (let i = 0; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

function unescapeDoubleQuoted(body: string): string {
  return body.replace(/\\([nrt"\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' })[c]!);
}

/**
 * Parse the text of a `.env` file into variables; lines that are not assignments are ignored.
 *
 * @example
 * parseEnv('export DATABASE_URL="postgres://app@db/app" # the app database');
 * // { DATABASE_URL: 'postgres://app@db/app' }
 */
export function parseEnv(text: string): Record<string, string> {
  const variables: Record<string, string> = {};
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0) {
    const match = LINE.exec(lines.shift()!);
    if (match === null) continue;
    variables[match[1]!] = parseValue(match[2]!.trim(), lines);
  }
  return variables;
}

/**
 * Load `dir/.env` into the environment user modules see, keeping any variable that is
 * already set. Returns the names it set.
 *
 * @example
 * loadEnvFile('/app'); // ['DATABASE_URL']
 */
export function loadEnvFile(dir: string): string[] {
  const path = join(dir, '.env');
  if (!existsSync(path)) return [];
  const env = mainContextGlobal().process.env;
  const set: string[] = [];
  for (const [key, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) {
    if (env[key] !== undefined) continue;
    env[key] = value;
    set.push(key);
  }
  return set;
}

/**
 * An environment variable as the config sees it (`.env` included), or undefined. The config
 * file `init` writes reads its URL through this rather than `process.env`, so that it
 * type-checks without Node's types (which TypeScript 6 and later no longer include by default).
 *
 * @example
 * export default defineConfig({ url: env('DATABASE_URL') ?? 'sqlite:./dev.sqlite3', schema: './src/db/schema/index.ts', migrations: './migrations' });
 */
export function env(name: string): string | undefined {
  return mainContextGlobal().process.env[name];
}
