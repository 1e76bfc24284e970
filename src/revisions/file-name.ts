/**
 * New revision IDs and file names (SPEC §3 `fileTemplate`, §5 IDs).
 */
import { randomBytes } from 'node:crypto';
import { SchemigrateError } from '../util/errors.js';

/**
 * Twelve random lowercase hex characters.
 *
 * @example
 * newRevisionId(); // '3f2a9c1b7d4e'
 */
export function newRevisionId(): string {
  return randomBytes(6).toString('hex');
}

/**
 * Check a user-chosen `--rev-id`: it must fit the version table's `varchar(32)` and be safe
 * in a file name.
 *
 * @example
 * validateRevisionId('0001_init'); // ok
 */
export function validateRevisionId(id: string): string {
  if (!/^[A-Za-z0-9_]{1,32}$/.test(id)) {
    throw new SchemigrateError(
      `Invalid revision ID '${id}': use 1 to 32 letters, digits or underscores (it is stored in a varchar(32) column and used in the file name).`,
    );
  }
  return id;
}

/**
 * The message as a file-name fragment: lowercase words joined by `_`, at most 40 characters.
 *
 * @example
 * slugify('Add user profile table!'); // 'add_user_profile_table'
 */
function slugify(message: string): string {
  const slug = message
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return slug || 'revision';
}

/**
 * Fill the config's `fileTemplate` (tokens `rev slug year month day hour minute second`, in UTC).
 *
 * @example
 * revisionFileName('{rev}_{slug}', { revision: 'ab12', message: 'init', date: new Date() }); // 'ab12_init.ts'
 */
export function revisionFileName(template: string, input: { revision: string; message: string; date: Date }): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const d = input.date;
  const tokens: Record<string, string> = {
    rev: input.revision,
    slug: slugify(input.message),
    year: String(d.getUTCFullYear()),
    month: pad(d.getUTCMonth() + 1),
    day: pad(d.getUTCDate()),
    hour: pad(d.getUTCHours()),
    minute: pad(d.getUTCMinutes()),
    second: pad(d.getUTCSeconds()),
  };
  const name = template.replace(/\{(\w+)\}/g, (whole, token: string) => {
    if (!(token in tokens)) {
      throw new SchemigrateError(
        `Unknown token ${whole} in fileTemplate '${template}'; the tokens are ${Object.keys(tokens).map((t) => `{${t}}`).join(' ')}.`,
      );
    }
    return tokens[token]!;
  });
  return `${name}.ts`;
}
